import { describe, expect, it } from 'vitest';
import type { Block, Chapter } from '../../lib/text/document-model.ts';
import { formatLocator, locate, paragraphNumbers } from '../../lib/text/locator.ts';

/** Blocks of 10 characters each, 2 apart ("\n\n"), from a compact description: h1, h2, p, q, v. */
function blocksOf(...codes: string[]): Block[] {
  return codes.map((code, i) => {
    const start = i * 12;
    const end = start + 10;
    if (code[0] === 'h') return { type: 'heading', level: Number(code[1]), start, end };
    return { type: code === 'q' ? 'quote' : code === 'v' ? 'verse' : 'paragraph', start, end };
  });
}

/** Chapters for the heading blocks of `blocks`, each running to the block before the next heading of its level. */
function chaptersOf(blocks: Block[]): Chapter[] {
  const headings = blocks.filter((b) => b.type === 'heading');
  return headings.map((h, k) => {
    const next = headings.slice(k + 1).find((o) => (o.level ?? 1) <= (h.level ?? 1));
    const last = blocks.filter((b) => b.start < (next?.start ?? Infinity)).at(-1)!;
    return { title: `T${k + 1}`, start: h.start, end: last.end, level: h.level ?? 1 };
  });
}

describe('paragraphNumbers', () => {
  it.each([
    ['run through a text without chapters', ['p', 'p', 'q', 'v', 'p'], false, [1, 2, 3, 4, 5]],
    ['restart at every chapter', ['h1', 'p', 'p', 'h1', 'p'], true, [0, 1, 2, 0, 1]],
    ['number front matter before the first chapter on its own', ['p', 'p', 'h1', 'p'], true, [1, 2, 0, 1]],
    ['restart at chapters inside books', ['h1', 'p', 'h2', 'p', 'p', 'h2', 'p', 'h1', 'h2', 'p'], true, [0, 1, 0, 1, 2, 0, 1, 0, 0, 1]],
    ['leave headings unnumbered when they are not chapters', ['p', 'h3', 'p'], false, [1, 0, 2]],
  ])('%s', (_name, codes, withChapters, expected) => {
    const blocks = blocksOf(...codes);
    expect(paragraphNumbers(blocks, withChapters ? chaptersOf(blocks) : [])).toEqual(expected);
  });
});

describe('locate and formatLocator', () => {
  const novel = blocksOf('p', 'h1', 'h2', 'p', 'p', 'h2', 'p', 'p', 'p', 'h1', 'h2', 'p');
  const outline = chaptersOf(novel);
  const flat = blocksOf('h1', 'p', 'p', 'h1', 'p', 'p', 'p');
  const story = blocksOf('p', 'p', 'p');

  it.each([
    ['a paragraph of a story', story, [], 12 * 2 + 3, '¶ 3'],
    ['the second paragraph of the first chapter', flat, chaptersOf(flat), 12 * 2, 'ch. 1, ¶ 2'],
    ['the third paragraph of the second chapter', flat, chaptersOf(flat), 12 * 6 + 9, 'ch. 2, ¶ 3'],
    ['front matter before any chapter', novel, outline, 5, '¶ 1'],
    ['a chapter of a book, numbered through the book', novel, outline, 12 * 8, 'ch. 2, ¶ 3'],
    ['the first chapter of the second book', novel, outline, 12 * 11, 'ch. 3, ¶ 1'],
    ['a chapter heading', novel, outline, 12 * 5 + 1, 'ch. 2'],
    ['the separator after a paragraph (belongs to it)', flat, chaptersOf(flat), 12 * 2 + 11, 'ch. 1, ¶ 2'],
  ])('cites %s', (_name, blocks, chapters, offset, label) => {
    expect(formatLocator(locate(offset as number, blocks as Block[], chapters as Chapter[]))).toBe(label);
  });

  it('names the innermost chapter and its title', () => {
    expect(locate(12 * 3, novel, outline).chapter).toEqual({ ordinal: 1, title: 'T2', level: 2 });
  });

  it('cites nothing in an empty document', () => {
    expect(formatLocator(locate(0, [], []))).toBe('');
  });
});
