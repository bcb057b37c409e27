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

/**
 * Whether a press at the window point (x, y) is on the page's own scrollbars: they lie outside the root element's
 * client area (`document.documentElement.clientWidth/clientHeight`), and Chromium sends the press to the page there
 * (a drag of the thumb then scrolls with no wheel, touch or key). Overlay scrollbars (phones) take no press.
 */
export function pressOnPageScrollbar(x: number, y: number, clientWidth: number, clientHeight: number): boolean {
  return x >= clientWidth || y >= clientHeight;
}
