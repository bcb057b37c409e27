/**
 * Builds a canonical text block by block, for importers of structured formats (Markdown, HTML, EPUB): each block's
 * whitespace is collapsed as a browser would show it, empty blocks are dropped, and blocks are joined by the same
 * `"\n\n"` as plain text, so every format yields the same kind of canonical text and flat block spans.
 */
import { PARAGRAPH_SEPARATOR } from '../text/canonical-text.ts';
import { clipTitle } from '../text/clip-title.ts';
import { type Block, type BlockType, type Chapter, chaptersFromBlocks } from '../text/document-model.ts';
import { checkTextLength, type ImportedText } from '../text/import-text.ts';

/** ASCII whitespace only: a no-break space in the source is a character of the text, kept as written. */
const WHITESPACE_RUN = /[ \t\n\r\f\v]+/g;

/** Collapses runs of ASCII whitespace to one space and trims. */
export function collapseWhitespace(raw: string): string {
  return raw.replace(WHITESPACE_RUN, ' ').trim();
}

/** Accumulates blocks; {@link StructureBuilder.finish} gives the text and spans. */
export class StructureBuilder {
  private readonly parts: string[] = [];
  private readonly blocks: Block[] = [];
  private offset = 0;
  /** Chapters marked with {@link StructureBuilder.markChapter}, ended when the text is finished. */
  private readonly chapterMarks: Array<{ title: string; level: number; blockIndex: number }> = [];

  /** The number of blocks added so far. */
  get blockCount(): number {
    return this.blocks.length;
  }

  /** Adds one block; returns false (and adds nothing) when it is empty after collapsing whitespace. */
  add(type: BlockType, raw: string, level?: number): boolean {
    const content = collapseWhitespace(raw);
    if (!content) return false;
    if (this.parts.length > 0) this.offset += PARAGRAPH_SEPARATOR.length;
    const block: Block = { type, start: this.offset, end: this.offset + content.length };
    if (type === 'heading') block.level = Math.min(6, Math.max(1, level ?? 1));
    this.blocks.push(block);
    this.parts.push(content);
    this.offset += content.length;
    return true;
  }

  /** Starts a chapter at the next block added (for formats whose outline is not in their headings: EPUB). */
  markChapter(title: string, level: number): void {
    this.chapterMarks.push({ title: collapseWhitespace(title), level, blockIndex: this.blocks.length });
  }

  /** The canonical text, its blocks and the chapters marked (each running to the next of its level or above). */
  finish(): { text: string; blocks: Block[]; chapters: Chapter[] } {
    const text = this.parts.join(PARAGRAPH_SEPARATOR);
    const marks = this.chapterMarks.filter((m) => m.blockIndex < this.blocks.length);
    const chapters = marks.map((m, k) => {
      const next = marks.slice(k + 1).find((o) => o.level <= m.level && o.blockIndex > m.blockIndex);
      const lastIndex = Math.max(m.blockIndex, (next ? next.blockIndex : this.blocks.length) - 1);
      return { title: m.title, start: this.blocks[m.blockIndex]!.start, end: this.blocks[lastIndex]!.end, level: m.level };
    });
    // Two marks on the same block (an empty spine item): keep the last, whose title names what follows.
    const unique = chapters.filter((c, k) => !chapters.slice(k + 1).some((o) => o.start === c.start && o.level === c.level));
    return { text, blocks: this.blocks, chapters: unique };
  }
}

/** What {@link StructureBuilder.finish} gives. */
export type BuiltText = ReturnType<StructureBuilder['finish']>;

/**
 * The document a structured format (Markdown, HTML, EPUB) becomes: its text checked, its title from the metadata,
 * else `lead`, else the caller's fallback. `outline: 'headings'` derives the chapters from the headings (Markdown,
 * HTML), and then a first heading that is not a chapter is the lead; `'marked'` keeps the builder's marks (EPUB).
 */
export function structuredText(
  built: BuiltText,
  metadata: Record<string, string>,
  opts: { fallbackTitle: string; outline: 'headings' | 'marked' },
): ImportedText {
  const { text, blocks } = built;
  checkTextLength(text);
  const chapters = opts.outline === 'headings' ? chaptersFromBlocks(text, blocks) : built.chapters;
  const first = blocks[0];
  const lead =
    opts.outline === 'headings' && first?.type === 'heading' && !chapters.some((c) => c.start === first.start)
      ? text.slice(first.start, first.end)
      : '';
  return {
    title: clipTitle(metadata.title || lead || opts.fallbackTitle) || opts.fallbackTitle,
    author: metadata.author || null,
    metadata,
    text,
    paragraphs: blocks.map(({ start, end }) => ({ start, end })),
    blocks,
    chapters,
  };
}
