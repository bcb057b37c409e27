import { describe, expect, it } from 'vitest';
import { httpLimits } from '../../lib/limits.ts';
import { clipTitle, ELLIPSIS } from '../../lib/text/clip-title.ts';

describe('clipTitle', () => {
  it.each([
    ['Should Have Known', 'Should Have Known'],
    ['  War and Peace  ', 'War and Peace'],
    ['Two\nlines', 'Two lines'],
    ['Tabs\t\tand  spaces', 'Tabs and spaces'],
    ['', ''],
    ['   ', ''],
  ])('keeps a short title %j as one trimmed line %j', (title, clipped) => {
    expect(clipTitle(title)).toBe(clipped);
  });

  it('keeps a title of exactly the cap', () => {
    const title = 'a'.repeat(httpLimits.titleLength);
    expect(clipTitle(title)).toBe(title);
  });

  it('cuts a title one over the cap to the cap, ending with an ellipsis', () => {
    const clipped = clipTitle('a'.repeat(httpLimits.titleLength + 1));
    expect(clipped).toHaveLength(httpLimits.titleLength);
    expect(clipped.endsWith(ELLIPSIS)).toBe(true);
  });

  it('cuts a megabyte title to the cap', () => {
    expect(clipTitle('The Longest Title '.repeat(60_000))).toHaveLength(httpLimits.titleLength);
  });

  it.each([
    ['Ulysses by James Joyce', 10, 'Ulysses b…'],
    ['Ulysses by James Joyce', 9, 'Ulysses…'],
    ['Ab😀cd', 4, 'Ab…'],
    ['Ab😀cd', 5, 'Ab😀…'],
  ])('cuts %j at %i code units as %j, never splitting a surrogate pair', (title, max, clipped) => {
    expect(clipTitle(title, max)).toBe(clipped);
    expect(clipTitle(title, max).length).toBeLessThanOrEqual(max);
  });
});
