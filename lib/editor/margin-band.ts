/**
 * The band of the margin whose cards are in the DOM while a room has many notes. In a whole novel every change to
 * the DOM costs the browser a walk of the entire page before the next frame (~15–25 ms for War and Peace, however
 * small the change), so the band is wide (two screens above the viewport, three below) and moves only when the
 * viewport comes within half a screen of one of its edges: reading scrolls through a band in one step every
 * couple of screens instead of one every few hundred pixels. Pure, so it is unit-tested.
 */

/** A vertical range of the margin, in its own coordinates. */
export interface Band {
  from: number;
  to: number;
}

/** How many screens the band reaches above and below the viewport when it is (re)placed. */
const above = 2;
const below = 3;
/** The band is moved when the viewport comes this many screens close to one of its edges. */
const margin = 0.5;

/**
 * The band to use with the viewport at `offset` (its top, in margin coordinates) and `screen` pixels tall: the
 * current one while it still covers the viewport with room to spare, else a new one around the viewport.
 */
export function nextBand(current: Band | null, offset: number, screen: number): Band {
  if (current && offset - margin * screen >= current.from && offset + (1 + margin) * screen <= current.to) return current;
  return { from: Math.floor(offset - above * screen), to: Math.ceil(offset + (1 + below) * screen) };
}
