import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorSelectors, describeRange } from '../../lib/anchoring/anchor.ts';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import type { TextPositionSelector, TextQuoteSelector, TextRange } from '../../lib/anchoring/types.ts';
import { importPlainText } from '../../lib/text/import-text.ts';

const story = importPlainText(readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8'), {
  fallbackTitle: 'Should Have Known',
});
const { text } = story;

/** The range of the `n`th (0-based) occurrence of `needle` in the story. */
function nth(needle: string, n: number): TextRange {
  let start = text.indexOf(needle);
  for (let i = 0; i < n; i++) start = text.indexOf(needle, start + 1);
  if (start === -1) throw new Error(`no occurrence ${n} of ${needle}`);
  return { start, end: start + needle.length };
}

const position = (start: number, end: number): TextPositionSelector => ({ type: 'TextPositionSelector', start, end });

describe('describeRange', () => {
  it('gives a quote selector then a position selector', () => {
    const range = nth("weren't the same anymore", 0);
    const [quote, pos] = describeRange(text, range);
    expect(quote.type).toBe('TextQuoteSelector');
    expect(quote.exact).toBe("weren't the same anymore");
    expect(pos).toEqual(position(range.start, range.end));
  });

  it('throws a RangeError for a range outside the text', () => {
    expect(() => describeRange(text, { start: 0, end: text.length + 1 })).toThrow(RangeError);
  });
});

describe('anchorSelectors on the sample story', () => {
  const paragraphOf = (needle: string) => story.paragraphs.find((p) => text.slice(p.start, p.end).includes(needle))!;

  it.each([
    ['the second "only..."', nth('only...', 1)],
    ['a quote with an apostrophe', nth("weren't the same anymore", 0)],
    ['a quote opening with a single quote', nth("'You could have stopped this.", 0)],
    ['a selection crossing a paragraph boundary', { start: nth('If only...', 0).start, end: nth('Knowing that', 0).end }],
    ['a whole paragraph', paragraphOf('He believed her.')],
    ['the whole text', { start: 0, end: text.length }],
  ])('anchors %s by its position when the text there is the quote', (_name, range) => {
    expect(anchorSelectors(text, describeRange(text, range))).toEqual({ range, method: 'position' });
  });

  it('corrects a wrong position of the second "only..." by its quote', () => {
    const second = nth('only...', 1);
    const [quote] = describeRange(text, second);
    expect(anchorSelectors(text, [quote, position(second.start - 7, second.end - 7)])).toEqual({
      range: second,
      method: 'quote',
    });
  });

  it('uses the wrong position as a hint between equally good occurrences', () => {
    const third = nth('should have known better', 2);
    const bare: TextQuoteSelector = { type: 'TextQuoteSelector', exact: 'should have known better' };
    expect(anchorSelectors(text, [bare, position(third.start - 3, third.end - 3)])).toEqual({
      range: third,
      method: 'quote',
    });
  });

  it.each([
    ['past the end of the text', position(text.length, text.length + 10)],
    ['reversed', position(200, 100)],
  ])('falls back to the quote when the position is %s', (_name, pos) => {
    const range = nth("'You could have stopped this.", 0);
    expect(anchorSelectors(text, [describeRange(text, range)[0], pos])).toEqual({ range, method: 'quote' });
  });

  it('finds a selection crossing a paragraph boundary by its quote, and maps it to ProseMirror and back', () => {
    const range = { start: nth('If only...', 0).start, end: nth('Knowing that', 0).end };
    const [quote] = describeRange(text, range);
    expect(quote.exact).toBe("If only...'\n\nKnowing that");
    const anchored = anchorSelectors(text, [quote, position(0, 5)]);
    expect(anchored).toEqual({ range, method: 'quote' });

    const map = new PositionMap(story.paragraphs);
    const { from, to } = map.toPmRange(anchored!.range);
    expect(map.paragraphIndexAt(range.start) + 1).toBe(map.paragraphIndexAt(range.end));
    expect(map.toTextRange(from, to)).toEqual(range);
  });

  it('anchors a position alone', () => {
    expect(anchorSelectors(text, [position(0, 5)])).toEqual({ range: { start: 0, end: 5 }, method: 'position' });
  });

  it('anchors a quote alone', () => {
    const range = nth('He believed her.', 0);
    expect(anchorSelectors(text, [describeRange(text, range)[0]])).toEqual({ range, method: 'quote' });
  });

  it.each([
    ['the quote was edited and the position is stale', "weren't the same any more", true],
    ['the quote is from another story', 'Well, Prince, so Genoa and Lucca', true],
    ['the quote is gone and there is no position', "weren't the same any more", false],
  ])('returns null when %s', (_name, exact, withPosition) => {
    const stale = nth("weren't the same anymore", 0);
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact, prefix: 'Things in Sunnydale ', suffix: '. Things' };
    const selectors = withPosition ? [quote, position(stale.start, stale.start + exact.length)] : [quote];
    expect(anchorSelectors(text, selectors)).toBeNull();
  });

  it('returns null for a position out of bounds and no quote', () => {
    expect(anchorSelectors(text, [position(text.length - 1, text.length + 1)])).toBeNull();
  });

  it('returns null when there are no selectors', () => {
    expect(anchorSelectors(text, [])).toBeNull();
  });
});
