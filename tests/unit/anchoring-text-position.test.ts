import { describe, expect, it } from 'vitest';
import { describePosition, readPosition } from '../../lib/anchoring/text-position.ts';

const text = "Things in Sunnydale weren't the same anymore.";

describe('describePosition', () => {
  it('makes a TextPositionSelector of a range', () => {
    expect(describePosition({ start: 10, end: 19 })).toEqual({ type: 'TextPositionSelector', start: 10, end: 19 });
  });
});

describe('readPosition', () => {
  it.each([
    ['a range inside the text', 10, 19, { start: 10, end: 19 }],
    ['the whole text', 0, text.length, { start: 0, end: text.length }],
    ['an empty range at the end', text.length, text.length, { start: text.length, end: text.length }],
    ['a range ending past the text', 10, text.length + 1, null],
    ['a negative start', -1, 5, null],
    ['a start after the end', 19, 10, null],
    ['fractional offsets', 1.5, 4, null],
    ['NaN offsets', Number.NaN, 4, null],
  ])('reads %s', (_name, start, end, expected) => {
    expect(readPosition(text, { type: 'TextPositionSelector', start, end })).toEqual(expected);
  });

  it('round-trips a described range', () => {
    const range = { start: 20, end: 27 };
    const read = readPosition(text, describePosition(range));
    expect(read).toEqual(range);
    expect(text.slice(read!.start, read!.end)).toBe("weren't");
  });
});
