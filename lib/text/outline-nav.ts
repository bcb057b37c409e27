/**
 * Moving through a text's outline: which chapter an offset is in, and which chapters "previous/next chapter" jump
 * to. Pure, so the reader's header and its tests agree.
 */
import type { Block, Chapter } from './document-model.ts';

/** The index of the innermost chapter holding `offset` (chapters are in text order, parents before children); -1 before the first. */
export function chapterIndexAt(offset: number, chapters: readonly Chapter[]): number {
  let found = -1;
  for (let i = 0; i < chapters.length && chapters[i]!.start <= offset; i++) if (offset <= chapters[i]!.end) found = i;
  return found;
}

/**
 * The chapters worth jumping to: all but a book or part whose first child starts before any of its own numbered
 * blocks (jumping to "BOOK ONE" and then to its "CHAPTER I" right below would be one step too many).
 */
export function jumpTargets(chapters: readonly Chapter[], blocks: readonly Block[]): number[] {
  const numberedStarts = blocks.filter((b) => b.type !== 'heading').map((b) => b.start);
  const hasTextBetween = (from: number, to: number) => {
    // Binary search for the first numbered block at or after `from`.
    let lo = 0;
    let hi = numberedStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (numberedStarts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < numberedStarts.length && numberedStarts[lo]! < to;
  };
  const out: number[] = [];
  chapters.forEach((c, i) => {
    const next = chapters[i + 1];
    const isBareParent = next && next.level > c.level && next.start <= c.end && !hasTextBetween(c.start, next.start);
    if (!isBareParent) out.push(i);
  });
  return out;
}

/** The chapter "previous" and "next" go to from chapter `current` (-1: before the first), or null at either end. */
export function neighbours(current: number, targets: readonly number[]): { previous: number | null; next: number | null } {
  let previous: number | null = null;
  let next: number | null = null;
  for (const t of targets) {
    if (t < current) previous = t;
    else if (t > current && next === null) next = t;
  }
  return { previous, next };
}
