import { readFileSync } from 'node:fs';
import { Schema, type Node as PmNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import { importPlainText } from '../../lib/text/import-text.ts';
import { toCanonicalText, type CanonicalText } from '../../lib/text/canonical-text.ts';

const story = importPlainText(readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8'), {
  fallbackTitle: 'Should Have Known',
});

/** The document shape Glossa's editor uses: `doc > paragraph+`, plain text only. */
const schema = new Schema({
  nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*' }, text: {} },
});

/** The ProseMirror document of a canonical text, one paragraph node per span. */
function docOf({ text, paragraphs }: CanonicalText): PmNode {
  return schema.node(
    'doc',
    null,
    paragraphs.map((p) => schema.node('paragraph', null, p.end > p.start ? [schema.text(text.slice(p.start, p.end))] : [])),
  );
}

// "ab\n\ncde\n\nf": paragraphs [0,2) [4,7) [9,10); contents start at positions 1, 5 and 10; doc size 12.
const small = toCanonicalText('ab\n\ncde\n\nf');
const smallMap = new PositionMap(small.paragraphs);

describe('PositionMap on a small document', () => {
  it('knows the sizes of the text and of the ProseMirror document', () => {
    expect(small.text).toBe('ab\n\ncde\n\nf');
    expect(smallMap.paragraphCount).toBe(3);
    expect(smallMap.textLength).toBe(10);
    expect(smallMap.docSize).toBe(12);
    expect(docOf(small).content.size).toBe(12);
  });

  it.each([
    [0, 1, 1],
    [1, 2, 2],
    [2, 3, 3],
    [3, 5, 3], // between the two "\n": next paragraph's start, or previous paragraph's end
    [4, 5, 5],
    [7, 8, 8],
    [8, 10, 8],
    [9, 10, 10],
    [10, 11, 11],
  ])('maps text offset %i to position %i with bias start and %i with bias end', (offset, start, end) => {
    expect(smallMap.toPmPos(offset, 'start')).toBe(start);
    expect(smallMap.toPmPos(offset, 'end')).toBe(end);
  });

  it.each([
    [0, 0, 0], // before the first paragraph
    [1, 0, 0],
    [3, 2, 2],
    [4, 4, 2], // between paragraph nodes 0 and 1
    [5, 4, 4],
    [8, 7, 7],
    [9, 9, 7],
    [11, 10, 10],
    [12, 10, 10], // after the last paragraph
  ])('maps position %i to text offset %i with bias start and %i with bias end', (pos, start, end) => {
    expect(smallMap.toOffset(pos, 'start')).toBe(start);
    expect(smallMap.toOffset(pos, 'end')).toBe(end);
  });

  it('uses bias start when toOffset is given none', () => {
    expect(smallMap.toOffset(4)).toBe(4);
  });

  it.each([
    [0, 0],
    [2, 0],
    [3, 0],
    [4, 1],
    [8, 1],
    [9, 2],
    [10, 2],
  ])('finds offset %i in paragraph %i', (offset, index) => {
    expect(smallMap.paragraphIndexAt(offset)).toBe(index);
  });

  it('maps every offset inside a paragraph to the position ProseMirror reads the same character at', () => {
    const doc = docOf(small);
    for (let a = 0; a < small.text.length; a++) {
      if (small.text[a] === '\n') continue;
      expect(doc.textBetween(smallMap.toPmPos(a, 'start'), smallMap.toPmPos(a + 1, 'end'))).toBe(small.text[a]);
    }
  });

  it('collapses a range lying wholly inside a paragraph gap', () => {
    expect(smallMap.toPmRange({ start: 3, end: 3 })).toEqual({ from: 5, to: 5 });
    expect(smallMap.toTextRange(4, 4)).toEqual({ start: 4, end: 4 });
  });

  it('turns a selected paragraph node (before its opening to after its closing token) into that paragraph', () => {
    expect(smallMap.toTextRange(4, 9)).toEqual({ start: 4, end: 7 });
  });

  it('turns the whole document into the whole text', () => {
    expect(smallMap.toTextRange(0, smallMap.docSize)).toEqual({ start: 0, end: 10 });
  });
});

describe('PositionMap on the sample story', () => {
  const map = new PositionMap(story.paragraphs);
  const doc = docOf(story);

  it('has the size of the ProseMirror document built from the same paragraphs', () => {
    expect(map.docSize).toBe(doc.content.size);
    expect(map.paragraphCount).toBe(doc.childCount);
  });

  it('places each paragraph content start at 1 + the sizes of the paragraphs before it', () => {
    let pos = 1;
    story.paragraphs.forEach((p, i) => {
      expect(map.toPmPos(p.start, 'start')).toBe(pos);
      expect(doc.resolve(pos).parent).toBe(doc.child(i));
      pos += p.end - p.start + 2;
    });
  });

  it('round-trips a selection crossing a paragraph boundary to ProseMirror positions and back', () => {
    const start = story.text.indexOf('If only...');
    const end = story.text.indexOf('Knowing that the voices') + 'Knowing that the voices'.length;
    const range = { start, end };
    expect(story.text.slice(start, end)).toBe("If only...'\n\nKnowing that the voices");

    const { from, to } = map.toPmRange(range);
    expect(doc.textBetween(from, to, '\n\n')).toBe(story.text.slice(start, end));
    expect(map.toTextRange(from, to)).toEqual(range);
  });

  it('maps a whole paragraph to its content and back', () => {
    const index = story.paragraphs.findIndex((p) => story.text.slice(p.start, p.end) === 'He believed her.');
    const paragraph = story.paragraphs[index]!;
    const { from, to } = map.toPmRange(paragraph);
    expect(doc.resolve(from).parent).toBe(doc.child(index));
    expect(doc.textBetween(from, to)).toBe('He believed her.');
    expect(map.toTextRange(from, to)).toEqual(paragraph);
    expect(map.paragraphIndexAt(paragraph.start)).toBe(index);
    expect(map.paragraphIndexAt(paragraph.end)).toBe(index);
  });

  it('inverts toPmPos with toOffset for every offset outside paragraph gaps', () => {
    for (const p of story.paragraphs)
      for (let offset = p.start; offset <= p.end; offset += 7) expect(map.toOffset(map.toPmPos(offset, 'start'))).toBe(offset);
  });
});

describe('PositionMap input checks', () => {
  it.each([
    ['a negative offset', () => smallMap.toPmPos(-1, 'start')],
    ['an offset past the text', () => smallMap.toPmPos(11, 'end')],
    ['a fractional offset', () => smallMap.toPmPos(1.5, 'start')],
    ['a NaN offset', () => smallMap.paragraphIndexAt(Number.NaN)],
    ['an offset past the text in paragraphIndexAt', () => smallMap.paragraphIndexAt(11)],
    ['a negative position', () => smallMap.toOffset(-1)],
    ['a position past the document', () => smallMap.toOffset(13)],
    ['a reversed text range', () => smallMap.toPmRange({ start: 5, end: 4 })],
    ['a text range past the text', () => smallMap.toPmRange({ start: 0, end: 11 })],
    ['a reversed ProseMirror range', () => smallMap.toTextRange(5, 4)],
    ['no paragraphs', () => new PositionMap([])],
    [
      'overlapping paragraphs',
      () =>
        new PositionMap([
          { start: 0, end: 5 },
          { start: 4, end: 8 },
        ]),
    ],
    ['a reversed paragraph', () => new PositionMap([{ start: 5, end: 2 }])],
  ])('throws a RangeError for %s', (_name, call) => {
    expect(call).toThrow(RangeError);
  });
});
