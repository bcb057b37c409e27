import { describe, expect, it } from 'vitest';
import { type CitationStyle, citedName, inTextCitation, referenceEntry, yearOf } from '../../lib/export/citation.ts';
import type { Locator } from '../../lib/text/locator.ts';

const chapter3: Locator = { chapter: { ordinal: 3, title: 'CHAPTER III', level: 1 }, paragraph: 12 };
const noChapter: Locator = { chapter: null, paragraph: 12 };
const heading: Locator = { chapter: { ordinal: 3, title: 'CHAPTER III', level: 1 }, paragraph: null };
const tolstoy = { title: 'War and Peace', author: 'Leo Tolstoy', year: '1869' };
const lucinda = { title: 'Should Have Known', author: 'Lucinda', year: null };
const anonymous = { title: 'A Story Without Any Named Author', author: null, year: null };

describe('in-text citations', () => {
  const cases: Array<[CitationStyle, typeof tolstoy | typeof lucinda | typeof anonymous, Locator, string]> = [
    ['mla', tolstoy, chapter3, '(Tolstoy, ch. 3, par. 12)'],
    ['mla', lucinda, noChapter, '(Lucinda, par. 12)'],
    ['mla', tolstoy, heading, '(Tolstoy, ch. 3)'],
    ['mla', anonymous, noChapter, '(“A Story Without Any…”, par. 12)'],
    ['chicago', tolstoy, chapter3, '(Tolstoy 1869, chap. 3, para. 12)'],
    ['chicago', lucinda, noChapter, '(Lucinda n.d., para. 12)'],
    ['apa', tolstoy, chapter3, '(Tolstoy, 1869, Chapter 3, para. 12)'],
    ['apa', lucinda, noChapter, '(Lucinda, n.d., para. 12)'],
    ['apa', tolstoy, { chapter: null, paragraph: null }, '(Tolstoy, 1869)'],
  ];
  it.each(cases)('%s cites %o at %o as %s', (style, work, locator, expected) => {
    expect(inTextCitation(style, work, locator)).toBe(expected);
  });
});

describe('names and years', () => {
  it.each([
    ['Leo Tolstoy', 'Tolstoy'],
    ['Tolstoy, Leo', 'Tolstoy'],
    ['Lucinda', 'Lucinda'],
    ['  Ursula K.  Le Guin ', 'Guin'],
    ['Jane Austen and Walter Scott', 'Austen'],
  ])('cites %s by %s', (author, name) => expect(citedName(author)).toBe(name));

  it('reads the year from a year or date header and ignores other keys', () => {
    expect(yearOf({ year: '1869' })).toBe('1869');
    expect(yearOf({ Date: 'March 3, 2021' })).toBe('2021');
    expect(yearOf({ rating: '2021' })).toBeNull();
  });
});

describe('reference entries', () => {
  it.each([
    ['mla', 'Tolstoy, Leo. *War and Peace*. http://x/d/wp.'],
    ['chicago', 'Tolstoy, Leo. 1869. *War and Peace*. http://x/d/wp.'],
    ['apa', 'Tolstoy, L. (1869). *War and Peace*. http://x/d/wp'],
  ] as const)('%s', (style, entry) => expect(referenceEntry(style, tolstoy, 'http://x/d/wp')).toBe(entry));
});
