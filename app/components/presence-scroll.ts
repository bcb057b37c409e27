'use client';
/**
 * Where a reader reads, and going there, in the page: the reading line is a third of the way down the window below
 * the sticky header; the offset read there is a block's start plus the share of the block above the line (a hit test
 * and one box read, not a caret query: a caret query costs ~10 ms in a whole novel, and a leader sends this while
 * scrolling). Going to an offset puts the same point of the same block on the follower's reading line, whatever its
 * width; a far jump lands on a section the browser had skipped (content-visibility), so it is checked again for a few
 * frames as that section is laid out.
 */
import type { EditorView } from 'prosemirror-view';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import { blockIndexAt, type PlacementBlock } from '../../lib/presence/placement.ts';
import { blockElementAt } from './use-outline.ts';

/** The share of the window below the header where a reader reads. */
const readingShare = 0.3;

/** The reading line's y in viewport coordinates. */
export function readingLineY(): number {
  const header = document.querySelector('.reader-header')?.getBoundingClientRect().bottom ?? 0;
  return header + (window.innerHeight - header) * readingShare;
}

/** The text offset at the reading line, or null when it cannot be told (nothing laid out there). */
export function offsetAtReadingLine(view: EditorView, positions: PositionMap, blocks: readonly PlacementBlock[]): number | null {
  if (view.isDestroyed || blocks.length === 0) return null;
  const y = readingLineY();
  const box = view.dom.getBoundingClientRect();
  if (box.top > y) return 0;
  if (box.bottom < y) return positions.textLength;
  let el: Element | null = null;
  // The line may fall between two paragraphs (their margin): a little lower, then higher.
  for (const dy of [0, 12, 24, -12, 36]) {
    const hit = document.elementFromPoint(box.left + 12, y + dy);
    el = hit?.closest('.para, .reader-heading') ?? null;
    if (el && view.dom.contains(el)) break;
    el = null;
  }
  // Nothing there yet: right after a jump the section under the line may still be skipped (its paragraphs are not
  // hit) until the browser draws it; the caller asks again on the next frame.
  if (!el) return null;
  let start: number;
  try {
    start = positions.toOffset(view.posAtDOM(el, 0));
  } catch {
    return null;
  }
  const block = blocks[Math.max(0, blockIndexAt(blocks, start))]!;
  const rect = el.getBoundingClientRect();
  const share = rect.height > 0 ? Math.min(1, Math.max(0, (y - rect.top) / rect.height)) : 0;
  return block.start + Math.round(share * Math.max(0, block.end - block.start));
}

/**
 * How far (px) the point of `offset` is below the reading line now: `{ skipped: false }` when its block is laid out
 * where it is painted; `{ skipped: true }` with the distance to its section when the section is skipped by the browser
 * (content-visibility) and sized by its estimate, so the block's own box, from a forced layout, says nothing of where
 * it will be painted (on a phone a section's real height is far over the laptop estimate). Null when not drawn.
 */
function distanceTo(
  view: EditorView,
  positions: PositionMap,
  blocks: readonly PlacementBlock[],
  offset: number,
): { delta: number; skipped: boolean } | null {
  const i = blockIndexAt(blocks, offset);
  const block = blocks[Math.max(0, i)];
  if (!block) return null;
  const el = blockElementAt(view, positions, block.start);
  if (!el) return null;
  const rect = el.getBoundingClientRect();
  const line = readingLineY();
  const section = el.closest('.reader-section')?.getBoundingClientRect();
  if (section && (rect.top < section.top - 1 || rect.bottom > section.bottom + 1)) return { delta: section.top - line, skipped: true };
  const share = block.end > block.start ? Math.min(1, Math.max(0, (offset - block.start) / (block.end - block.start))) : 0;
  return { delta: rect.top + share * rect.height - line, skipped: false };
}

/**
 * Scrolls the window so `offset` is at the reading line: smoothly when it is near (within two windows) and laid out,
 * at once otherwise (another chapter), then corrected frame by frame while skipped sections are laid out, for up to a
 * second and a half.
 */
/** The latest jump: a newer one (a gather while a follow still settles) ends the older one's corrections. */
let jumps = 0;

export function scrollToReading(view: EditorView, positions: PositionMap, blocks: readonly PlacementBlock[], offset: number): void {
  const jump = ++jumps;
  const first = distanceTo(view, positions, blocks, offset);
  if (first === null || (!first.skipped && Math.abs(first.delta) < 2)) return;
  if (!first.skipped && Math.abs(first.delta) < 2 * window.innerHeight) {
    window.scrollBy({ top: first.delta, behavior: 'smooth' });
    return;
  }
  window.scrollBy({ top: first.delta, behavior: 'instant' });
  const until = performance.now() + 1500;
  const settle = () => {
    if (view.isDestroyed || jump !== jumps) return;
    const now = distanceTo(view, positions, blocks, offset);
    if (now === null || (!now.skipped && Math.abs(now.delta) < 4)) return;
    if (Math.abs(now.delta) >= 1) window.scrollBy({ top: now.delta, behavior: 'instant' });
    if (performance.now() < until) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}
