/**
 * Which inputs are a reader scrolling by hand while they follow someone (lib/presence/follow-state.ts
 * `manual-scroll`): the page's own scrolling moves them too, so following stops only on what a person does — a
 * wheel or a touch drag (told by their events), a key that scrolls the page, or a press on the page's scrollbar.
 * Pure, so each rule is a row of a table test.
 */

/** Keys that scroll the page. */
const scrollKeys = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/** A key press, as far as this needs it. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key went to a control that uses it itself (a text field, a button, a list box). */
  inControl: boolean;
}

/** Whether a key press scrolls the page (and so is reading elsewhere). */
export function keyScrollsPage(k: KeyInput): boolean {
  return scrollKeys.has(k.key) && !k.ctrlKey && !k.metaKey && !k.altKey && !k.inControl;
}

/** A pointer press, as far as this needs it. */
export interface PressInput {
  /** `mouse`, `pen` or `touch`. */
  pointerType: string;
  /** The press went to the root element itself (a press on an overlay goes to the overlay). */
  onRoot: boolean;
  /** Where, in window coordinates. */
  x: number;
  y: number;
}

/**
 * Whether a press is on the page's own scrollbars: a mouse press on the root element outside its client area
 * (`document.documentElement.clientWidth/clientHeight`), where Chromium sends it (a drag of the thumb then scrolls with
 * no wheel, touch or key). A touch where a phone's browser bar was lies past the client height too, and overlay
 * scrollbars (phones) take no press: only the mouse counts.
 */
export function pressOnPageScrollbar(p: PressInput, clientWidth: number, clientHeight: number): boolean {
  return p.pointerType === 'mouse' && p.onRoot && (p.x >= clientWidth || p.y >= clientHeight);
}
