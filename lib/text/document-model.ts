/**
 * The structure of a document: typed blocks and chapters, kept as flat spans over the canonical text. The text is
 * never re-cut by structure — a heading is a block of the text like a paragraph, separated from its neighbours by
 * the same `"\n\n"` — so every ProseMirror position still maps to a text offset by arithmetic, and adding structure
 * to an old document moves no annotation offset.
 */
import { z } from 'zod';
import type { ParagraphSpan } from './canonical-text.ts';

/** What a block is. Quotes and verse lines are numbered like paragraphs; headings are not numbered. */
export type BlockType = 'paragraph' | 'heading' | 'quote' | 'verse';

/** One block of the canonical text: `text.slice(start, end)` is its content, never empty. */
export interface Block {
  type: BlockType;
  start: number;
  end: number;
  /** For headings: 1 (a book or part, or a chapter when there are no books) to 6. */
  level?: number;
}

/** One entry of the outline: from its heading's start to the end of its last block (exclusive). */
export interface Chapter {
  title: string;
  start: number;
  end: number;
  /** 1 for the top level of the outline (books, or chapters when there are no books), 2 for the level below. */
  level: number;
}

/** How a block is stored: `[start, end, code]` with code `p`, `q`, `v` or `h1`…`h6` (compact for 12,000 blocks). */
export type StoredBlock = [number, number, string];

const storedBlockSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.string().regex(/^(p|q|v|h[1-6])$/)]);
/** Blocks as read back from the database (parsed: JSON read back is a trust boundary). */
export const storedBlocksSchema = z.array(storedBlockSchema);
/** Chapters as read back from the database. */
export const chaptersSchema = z.array(
  z.object({
    title: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    level: z.number().int().min(1).max(6),
  }),
);

/** The storage form of a block. */
export function encodeBlock(block: Block): StoredBlock {
  const code = block.type === 'heading' ? `h${block.level ?? 1}` : block.type === 'quote' ? 'q' : block.type === 'verse' ? 'v' : 'p';
  return [block.start, block.end, code];
}

/** A block from its storage form. */
export function decodeBlock([start, end, code]: StoredBlock): Block {
  if (code[0] === 'h') return { type: 'heading', start, end, level: Number(code.slice(1)) };
  return { type: code === 'q' ? 'quote' : code === 'v' ? 'verse' : 'paragraph', start, end };
}

/**
 * The blocks of a stored document. Documents stored before blocks existed (or by code that gives only paragraph
 * spans) have none: each of their paragraphs is a paragraph block.
 */
export function blocksOfStored(stored: unknown, paragraphs: ReadonlyArray<readonly [number, number]>): Block[] {
  const parsed = storedBlocksSchema.safeParse(stored);
  if (parsed.success && parsed.data.length > 0) return parsed.data.map(decodeBlock);
  return paragraphs.map(([start, end]) => ({ type: 'paragraph', start, end }));
}

/** The chapters of a stored document (none for documents stored before chapters existed, or unreadable JSON). */
export function chaptersOfStored(stored: unknown): Chapter[] {
  const parsed = chaptersSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

/** The spans of all blocks, as the reader's position map and the `paragraphs` column count them. */
export function blockSpans(blocks: readonly Block[]): ParagraphSpan[] {
  return blocks.map(({ start, end }) => ({ start, end }));
}

/**
 * The outline of a document from its heading blocks. A document whose first block is its only heading of the top
 * level in use (a Markdown `# Title`) keeps that heading as a title, not a chapter. The two highest heading levels
 * left become chapters of level 1 and 2 (plain text has no such title: `firstHeadingIsTitle: false`); deeper headings are sections inside them and stay blocks only.
 * A chapter runs from its heading to the last block before the next chapter of the same or a higher level.
 */
export function chaptersFromBlocks(text: string, blocks: readonly Block[], opts: { firstHeadingIsTitle?: boolean } = {}): Chapter[] {
  const headings = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'heading');
  if (headings.length === 0) return [];
  const top = Math.min(...headings.map(({ b }) => b.level ?? 1));
  const atTop = headings.filter(({ b }) => (b.level ?? 1) === top);
  const titleHeading = opts.firstHeadingIsTitle !== false && atTop.length === 1 && atTop[0]!.i === 0 && headings.length > 1 ? 0 : -1;
  const candidates = headings.filter(({ i }) => i !== titleHeading);
  const levels = [...new Set(candidates.map(({ b }) => b.level ?? 1))].sort((a, b) => a - b).slice(0, 2);
  const chapterHeadings = candidates
    .filter(({ b }) => levels.includes(b.level ?? 1))
    .map(({ b, i }) => ({ b, i, rank: levels.indexOf(b.level ?? 1) + 1 }));
  return chapterHeadings.map(({ b, i, rank }, k) => {
    let endIndex = blocks.length - 1;
    for (let j = k + 1; j < chapterHeadings.length; j++) {
      if (chapterHeadings[j]!.rank <= rank) {
        endIndex = chapterHeadings[j]!.i - 1;
        break;
      }
    }
    return { title: text.slice(b.start, b.end), start: b.start, end: blocks[Math.max(endIndex, i)]!.end, level: rank };
  });
}
