/**
 * Paragraph numbers and citable locators ("ch. 3, ¶ 12"). Numbers restart at every chapter when a document has
 * chapters (a novel is cited by chapter) and run through otherwise (a story is cited by paragraph alone). Headings
 * are not numbered; quotes and verse lines are, like paragraphs. Pure, so exports, the reader's gutter and the
 * server all cite a passage the same way.
 */
import type { Block, Chapter } from './document-model.ts';

/** The ¶ number of each block (0 for headings), in block order. */
export function paragraphNumbers(blocks: readonly Block[], chapters: readonly Chapter[]): number[] {
  const chapterStarts = new Set(chapters.map((c) => c.start));
  let n = 0;
  return blocks.map((block) => {
    if (chapterStarts.has(block.start)) n = 0;
    if (block.type === 'heading') return 0;
    n += 1;
    return n;
  });
}

/** Where an offset lies, in the terms a reader cites. */
export interface Locator {
  /** The innermost chapter holding the offset, with its 1-based ordinal among the chapters of its level; or null. */
  chapter: { ordinal: number; title: string; level: number } | null;
  /** The ¶ number of the numbered block holding the offset (or the last one before it); null in a heading. */
  paragraph: number | null;
}

/** The index of the last block starting at or before `offset` (0 when none does). */
function blockIndexAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (blocks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The locator of text `offset`. `numbers` may be passed when already computed (it is `paragraphNumbers(blocks,
 * chapters)`), so a thousand look-ups do not renumber the whole book each time.
 */
export function locate(
  offset: number,
  blocks: readonly Block[],
  chapters: readonly Chapter[],
  numbers = paragraphNumbers(blocks, chapters),
): Locator {
  if (blocks.length === 0) return { chapter: null, paragraph: null };
  const index = blockIndexAt(blocks, offset);
  // Offsets in the separator after a block belong to that block, and so to its chapter.
  const at = blocks[index]!;
  let chapter: Locator['chapter'] = null;
  const ordinals = new Map<number, number>();
  for (const c of chapters) {
    if (c.start > offset) break;
    const ordinal = (ordinals.get(c.level) ?? 0) + 1;
    ordinals.set(c.level, ordinal);
    if (at.start >= c.start && at.end <= c.end && (!chapter || c.level >= chapter.level))
      chapter = { ordinal, title: c.title, level: c.level };
  }
  const n = numbers[index] ?? 0;
  return { chapter, paragraph: n > 0 ? n : null };
}

/** `ch. 3, ¶ 12`, `¶ 12`, `ch. 3` (in a heading), or `''` when there is nothing to cite. */
export function formatLocator(locator: Locator): string {
  const parts: string[] = [];
  if (locator.chapter) parts.push(`ch. ${locator.chapter.ordinal}`);
  if (locator.paragraph !== null) parts.push(`¶ ${locator.paragraph}`);
  return parts.join(', ');
}
