import { describe, expect, it } from 'vitest';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import { buildReaderDoc, type ReaderBlock } from '../../lib/editor/build-reader-doc.ts';
import { estimatedHeight, sectionFrom, sectionStarts } from '../../lib/editor/reader-sections.ts';

/** A text of `n` blocks, a heading every `every` blocks (none for 0), and its spans. */
function makeText(n: number, every = 0): { text: string; blocks: ReaderBlock[] } {
  const parts: string[] = [];
  const blocks: ReaderBlock[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const heading = every > 0 && i % every === 0;
    const s = heading ? `CHAPTER ${i / every + 1}` : `Paragraph ${i}: ${'word '.repeat(i % 40)}end.`;
    blocks.push({ start: at, end: at + s.length, type: heading ? 'heading' : 'paragraph', ...(heading ? { level: 1 } : {}) });
    parts.push(s);
    at += s.length + 2;
  }
  return { text: parts.join('\n\n'), blocks };
}

describe('sectionStarts', () => {
  it('leaves a short text flat', () => {
    expect(sectionStarts(makeText(sectionFrom).blocks)).toEqual([]);
  });

  it('cuts a long text without headings every 60 blocks', () => {
    expect(sectionStarts(makeText(250).blocks)).toEqual([0, 60, 120, 180, 240]);
  });

  it('cuts at headings once a section holds 20 blocks', () => {
    // Headings every 15 blocks: the first heading after 20 blocks is block 30, then 60, 90 …
    const starts = sectionStarts(makeText(250, 15).blocks);
    expect(starts.slice(0, 4)).toEqual([0, 30, 60, 90]);
    const { blocks } = makeText(250, 15);
    for (const s of starts.slice(1)) expect(blocks[s].type).toBe('heading');
  });

  it('guesses a height that grows with the text', () => {
    const { blocks } = makeText(250);
    expect(estimatedHeight(blocks, 0, 60)).toBeGreaterThan(60 * 40);
    expect(estimatedHeight(blocks, 0, 120)).toBeGreaterThan(estimatedHeight(blocks, 0, 60));
  });
});

describe('a text drawn in sections', () => {
  const { text, blocks } = makeText(430, 25);
  const doc = buildReaderDoc(text, blocks);
  const map = new PositionMap(blocks, sectionStarts(blocks));

  it('groups its blocks in section nodes', () => {
    expect(doc.firstChild?.type.name).toBe('section');
    let count = 0;
    doc.forEach((section) => {
      expect(section.type.name).toBe('section');
      count += section.childCount;
    });
    expect(count).toBe(blocks.length);
  });

  it('keeps position arithmetic: every block sits where the position map says, and back', () => {
    expect(map.docSize).toBe(doc.content.size);
    for (const b of blocks) {
      const from = map.toPmPos(b.start, 'start');
      const to = map.toPmPos(b.end, 'end');
      expect(doc.textBetween(from, to)).toBe(text.slice(b.start, b.end));
      expect(doc.resolve(from).parent.isTextblock).toBe(true);
      expect(map.toOffset(from)).toBe(b.start);
      expect(map.toOffset(to, 'end')).toBe(b.end);
    }
  });

  it('maps every position of the document to an offset, and positions between blocks to a gap edge', () => {
    for (let pos = 0; pos <= doc.content.size; pos++) {
      const offset = map.toOffset(pos);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(text.length);
      const $pos = doc.resolve(pos);
      if ($pos.parent.isTextblock) expect(map.toPmPos(offset, 'start')).toBe(pos);
    }
  });

  it('gives a selection across a section boundary exactly the text between', () => {
    const first = blocks[59];
    const second = blocks[61];
    const from = map.toPmPos(first.start + 3, 'start');
    const to = map.toPmPos(second.start + 5, 'end');
    const range = map.toTextRange(from, to);
    expect(range).toEqual({ start: first.start + 3, end: second.start + 5 });
  });
});
