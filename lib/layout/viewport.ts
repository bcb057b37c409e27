/**
 * Pure geometry for keeping things on screen: where a popup goes next to a selection without leaving the
 * viewport, and how far to scroll so a passage shows between the header and a bottom sheet. All in viewport
 * (client) pixels.
 */

export interface Size {
  width: number;
  height: number;
}

/** The box of a selection (or any anchor) in viewport coordinates. */
export interface AnchorBox {
  left: number;
  top: number;
  bottom: number;
}

export interface PopupPlacement {
  left: number;
  top: number;
  /** Where it went: below the anchor, or above it because below did not fit. */
  side: 'below' | 'above';
}

/**
 * Places a popup of `popup` size below `anchor` (at its left edge, `gap` pixels down), or above it when it would
 * cross the viewport's bottom, and then moves it inside the viewport with at least `inset` pixels to spare on every
 * side that has room (a popup wider or taller than the viewport keeps its left or top edge at `inset`).
 */
export function placePopup(anchor: AnchorBox, popup: Size, viewport: Size, gap = 6, inset = 8): PopupPlacement {
  const clamp = (value: number, size: number, room: number) => Math.max(inset, Math.min(value, room - inset - size));
  let side: PopupPlacement['side'] = 'below';
  let top = anchor.bottom + gap;
  if (top + popup.height > viewport.height - inset && anchor.top - gap - popup.height >= inset) {
    side = 'above';
    top = anchor.top - gap - popup.height;
  }
  return { left: clamp(anchor.left, popup.width, viewport.width), top: clamp(top, popup.height, viewport.height), side };
}

/** A vertical span in viewport coordinates. */
export interface Span {
  top: number;
  bottom: number;
}

/**
 * How far to scroll the page down (negative: up) so that `passage` lies inside `visible` (e.g. below a sticky
 * header and above a bottom sheet) with `inset` pixels to spare; 0 when it already does. A passage taller than
 * the visible band is brought to its top, so its beginning shows.
 */
export function scrollToShow(passage: Span, visible: Span, inset = 12): number {
  const top = visible.top + inset;
  const bottom = visible.bottom - inset;
  if (passage.bottom - passage.top > bottom - top) return passage.top - top;
  if (passage.top < top) return passage.top - top;
  if (passage.bottom > bottom) return passage.bottom - bottom;
  return 0;
}
