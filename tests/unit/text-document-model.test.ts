import { describe, expect, it } from 'vitest';
import {
  blocksOfStored,
  chaptersFromBlocks,
  chaptersOfStored,
  decodeBlock,
  encodeBlock,
  type Block,
} from '../../lib/text/document-model.ts';

/** A text and its blocks from `[code, content]` pairs, joined by "\n\n" as the canonical text is. */
function textOf(...parts: Array<[string, string]>): { text: string; blocks: Block[] } {
  let offset = 0;
  const blocks: Block[] = parts.map(([code, content], i) => {
    if (i > 0) offset += 2;
    const start = offset;
    offset += content.length;
    return code[0] === 'h' ? { type: 'heading', level: Number(code[1]), start, end: offset } : { type: 'paragraph', start, end: offset };
  });
  return { text: parts.map(([, c]) => c).join('\n\n'), blocks };
}

describe('stored blocks', () => {
  it.each<Block>([
    { type: 'paragraph', start: 0, end: 4 },
    { type: 'quote', start: 6, end: 9 },
    { type: 'verse', start: 11, end: 20 },
    { type: 'heading', level: 3, start: 22, end: 30 },
  ])('round-trips a $type block', (block) => {
    expect(decodeBlock(encodeBlock(block))).toEqual(block);
  });

  it('gives an old row one paragraph block per paragraph', () => {
    expect(
      blocksOfStored(
        [],
        [
          [0, 3],
          [5, 9],
        ],
      ),
    ).toEqual([
      { type: 'paragraph', start: 0, end: 3 },
      { type: 'paragraph', start: 5, end: 9 },
    ]);
  });

  it('reads no chapters from JSON that is not an outline', () => {
    expect(chaptersOfStored([{ title: 1 }])).toEqual([]);
  });
});

describe('chaptersFromBlocks', () => {
  it('makes each top-level heading a chapter running to the next one', () => {
    const { text, blocks } = textOf(['h1', 'One'], ['p', 'a'], ['h1', 'Two'], ['p', 'b']);
    expect(chaptersFromBlocks(text, blocks)).toEqual([
      { title: 'One', start: 0, end: 6, level: 1 },
      { title: 'Two', start: 8, end: 14, level: 1 },
    ]);
  });

  it('keeps a lone first top heading as the title and takes the next level as chapters', () => {
    const { text, blocks } = textOf(['h1', 'Book'], ['h2', 'One'], ['p', 'a'], ['h2', 'Two'], ['p', 'b']);
    expect(chaptersFromBlocks(text, blocks).map((c) => [c.title, c.level])).toEqual([
      ['One', 1],
      ['Two', 1],
    ]);
  });

  it('nests chapters in books and leaves deeper headings as sections', () => {
    const { text, blocks } = textOf(
      ['h1', 'B1'],
      ['h2', 'C1'],
      ['p', 'a'],
      ['h3', 'S'],
      ['p', 'b'],
      ['h1', 'B2'],
      ['h2', 'C2'],
      ['p', 'c'],
    );
    const chapters = chaptersFromBlocks(text, blocks);
    expect(chapters.map((c) => [c.title, c.level])).toEqual([
      ['B1', 1],
      ['C1', 2],
      ['B2', 1],
      ['C2', 2],
    ]);
    expect(text.slice(chapters[0]!.start, chapters[0]!.end)).toBe('B1\n\nC1\n\na\n\nS\n\nb');
    expect(text.slice(chapters[1]!.start, chapters[1]!.end)).toBe('C1\n\na\n\nS\n\nb');
  });

  it('finds no chapters in a text without headings', () => {
    const { text, blocks } = textOf(['p', 'a'], ['p', 'b']);
    expect(chaptersFromBlocks(text, blocks)).toEqual([]);
  });
});
