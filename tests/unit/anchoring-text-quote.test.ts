import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allOccurrences, describeQuote, LINEAR_SEARCH_FROM, matchQuote, MAX_QUOTE_CANDIDATES } from '../../lib/anchoring/text-quote.ts';
import type { TextQuoteSelector, TextRange } from '../../lib/anchoring/types.ts';
import { importPlainText } from '../../lib/text/import-text.ts';

const { text } = importPlainText(readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8'), {
  fallbackTitle: 'Should Have Known',
});

/** Every start offset of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** The range of the `n`th (0-based) occurrence of `needle` in the story. */
function nth(needle: string, n: number): TextRange {
  const start = occurrences(text, needle)[n]!;
  return { start, end: start + needle.length };
}

const quote = (exact: string, prefix?: string, suffix?: string): TextQuoteSelector => ({
  type: 'TextQuoteSelector',
  exact,
  ...(prefix === undefined ? {} : { prefix }),
  ...(suffix === undefined ? {} : { suffix }),
});

describe('describeQuote', () => {
  it('keeps 32 characters of context on each side', () => {
    const range = nth("weren't the same anymore", 0);
    expect(describeQuote(text, range)).toEqual({
      type: 'TextQuoteSelector',
      exact: "weren't the same anymore",
      prefix: text.slice(range.start - 32, range.start),
      suffix: '. Things had changed, fallen apa',
    });
    expect(describeQuote(text, range).prefix).toHaveLength(32);
  });

  it('omits the prefix at the start of the text and the suffix at its end', () => {
    expect(describeQuote(text, { start: 0, end: 5 })).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Spike',
      suffix: text.slice(5, 37),
    });
    expect(describeQuote(text, { start: text.length - 4, end: text.length })).toEqual({
      type: 'TextQuoteSelector',
      exact: 'end.',
      prefix: text.slice(text.length - 36, text.length - 4),
    });
  });

  it('takes a shorter context when asked', () => {
    expect(describeQuote('abcdefghij', { start: 4, end: 6 }, 2)).toEqual({
      type: 'TextQuoteSelector',
      exact: 'ef',
      prefix: 'cd',
      suffix: 'gh',
    });
  });

  it('does not cut a surrogate pair at the edge of the context', () => {
    const emoji = 'a😀bc😀d';
    expect(describeQuote(emoji, { start: 3, end: 4 }, 2)).toEqual({
      type: 'TextQuoteSelector',
      exact: 'b',
      prefix: '😀',
      suffix: 'c',
    });
  });

  it('throws a RangeError for a range outside the text', () => {
    expect(() => describeQuote('abc', { start: 2, end: 4 })).toThrow(RangeError);
  });
});

describe('matchQuote on the sample story', () => {
  it('sees the phrase "only..." twice in the story, once as "If only..."', () => {
    expect(occurrences(text, 'only...')).toHaveLength(2);
    expect(occurrences(text, 'If only...')).toHaveLength(1);
    expect(occurrences(text, 'should have known better')).toHaveLength(3);
  });

  it.each([
    ['the first "only..."', 'only...', 0],
    ['the second "only..."', 'only...', 1],
    ['the first "should have known better"', 'should have known better', 0],
    ['the second "should have known better"', 'should have known better', 1],
    ['the third "should have known better"', 'should have known better', 2],
    ['a quote with an apostrophe', "weren't the same anymore", 0],
    ['a quote opening with a single quote', "'You could have stopped this.", 0],
    ['a quote of a single-quoted phrase', "'the old Willow again'", 0],
    ['a quote of double-quoted dialogue', '"I resolve to get better grades"', 0],
    ['a quote of the last paragraph', 'end.', occurrences(text, 'end.').length - 1],
  ])('finds %s by its context, without a hint', (_name, exact, n) => {
    const range = nth(exact, n);
    expect(matchQuote(text, describeQuote(text, range))).toEqual(range);
  });

  it('prefers agreeing context over a hint pointing at another occurrence', () => {
    const second = nth('only...', 1);
    expect(matchQuote(text, describeQuote(text, second), nth('only...', 0).start)).toEqual(second);
  });

  it('picks the occurrence nearest the hint when there is no context', () => {
    const [a, b, c] = occurrences(text, 'should have known better');
    expect(matchQuote(text, quote('should have known better'), b! + 40)?.start).toBe(b);
    expect(matchQuote(text, quote('should have known better'), c! - 3)?.start).toBe(c);
    expect(matchQuote(text, quote('should have known better'))?.start).toBe(a);
  });

  it('picks the occurrence whose context agrees longest when both sides partly changed', () => {
    const second = nth('only...', 1);
    const selector = describeQuote(text, second);
    const damaged = { ...selector, prefix: `XXXX${selector.prefix!.slice(4)}`, suffix: `${selector.suffix!.slice(0, -4)}XXXX` };
    expect(matchQuote(text, damaged)).toEqual(second);
  });

  it('finds a quote crossing a paragraph boundary', () => {
    const start = text.indexOf("only...'\n\nKnowing");
    const range = { start, end: start + "only...'\n\nKnowing".length };
    expect(matchQuote(text, describeQuote(text, range))).toEqual(range);
  });

  it('matches case-sensitively', () => {
    expect(matchQuote(text, quote('If only...'))).toEqual(nth('If only...', 0));
    expect(matchQuote(text, quote('IF ONLY...'))).toBeNull();
  });

  it.each([
    ['a quote that is not in the text', quote("weren't the same any more")],
    ['an empty quote', quote('', 'Spike sat', ' inside')],
    ['a quote longer than the text', quote(`${text}!`)],
  ])('returns null for %s', (_name, selector) => {
    expect(matchQuote(text, selector)).toBeNull();
  });
});

describe('matchQuote', () => {
  /** Double quotes, single quotes, an apostrophe and an em dash, as in typeset prose. */
  const curly =
    '“Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.” ‘Faithful slave,’ she said—and he didn’t laugh. “Well, Prince,” again.';

  it.each([
    ['“Well, Prince', 1],
    ['‘Faithful slave,’', 0],
    ['said—and he didn’t', 0],
    ['“Well, Prince,”', 0],
  ])('finds %j among curly quotes and dashes', (exact, n) => {
    const range = { start: occurrences(curly, exact)[n]!, end: occurrences(curly, exact)[n]! + exact.length };
    expect(matchQuote(curly, describeQuote(curly, range))).toEqual(range);
  });

  it('does not match straight quotes against curly ones', () => {
    expect(matchQuote(curly, quote("didn't laugh"))).toBeNull();
  });

  it('finds overlapping occurrences', () => {
    expect(matchQuote('aaaa', quote('aa', 'a', 'a'))).toEqual({ start: 1, end: 3 });
  });

  it('ignores a hint that is not a finite number', () => {
    expect(matchQuote('x a x a', quote('a'), Number.NaN)).toEqual({ start: 2, end: 3 });
  });

  it('clamps a hint outside the text', () => {
    expect(matchQuote('x a x a', quote('a'), 1e9)).toEqual({ start: 6, end: 7 });
    expect(matchQuote('x a x a', quote('a'), -5)).toEqual({ start: 2, end: 3 });
  });

  it('finds an occurrence near the hint even when the quote occurs more often than the candidate cap', () => {
    const haystack = `${'one word, '.repeat(MAX_QUOTE_CANDIDATES + 500)}the word, end`;
    const start = haystack.lastIndexOf('word');
    const selector = describeQuote(haystack, { start, end: start + 4 });
    expect(matchQuote(haystack, selector, start - 100)).toEqual({ start, end: start + 4 });
  });
});

describe('finding a long quote in linear time', () => {
  /** Every start of `pattern` in `text` by the engine's indexOf (the reference). */
  const byIndexOf = (text: string, pattern: string) => {
    const out: number[] = [];
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) out.push(at);
    return out;
  };

  it.each([
    ['abababab', 'abab'],
    ['aaaaa', 'aa'],
    ['abcabdabcabcabd', 'abcabd'],
    ['no match here', 'xyz'],
    ['🌙a🌙a🌙', '🌙a'],
    ['', 'a'],
    ['short', 'much longer than the text'],
  ])('finds every start of the pattern in %j as indexOf does', (text, pattern) => {
    expect(allOccurrences(text, pattern)).toEqual(byIndexOf(text, pattern));
  });

  it('agrees with indexOf on random texts over a small alphabet', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: 50 + (next() % 200) }, () => 'ab'[next() % 2]).join('');
      const pattern = Array.from({ length: 1 + (next() % 6) }, () => 'ab'[next() % 2]).join('');
      expect(allOccurrences(text, pattern)).toEqual(byIndexOf(text, pattern));
    }
  });

  it('places a long quote by its context and its hint, as for a short one', () => {
    const unit = `${'The same long sentence comes back again and again in this text, word for word. '.repeat(2)}`;
    const text = `A ${unit}B ${unit}C ${unit}D`;
    const exact = unit.trim();
    expect(exact.length).toBeGreaterThan(LINEAR_SEARCH_FROM);
    const second = text.indexOf(exact, text.indexOf('B '));
    expect(matchQuote(text, { type: 'TextQuoteSelector', exact, prefix: 'B ' })).toEqual({ start: second, end: second + exact.length });
    const third = text.indexOf(exact, text.indexOf('C '));
    expect(matchQuote(text, { type: 'TextQuoteSelector', exact }, third + 3)).toEqual({ start: third, end: third + exact.length });
  });

  it('answers a crafted quote (one letter and a z) in a text of one letter: not there', () => {
    const text = 'a'.repeat(1_000_000);
    const exact = `${'a'.repeat(10_000)}z${'a'.repeat(9_999)}`;
    expect(matchQuote(text, { type: 'TextQuoteSelector', exact }, 500_000)).toBeNull();
    expect(allOccurrences(text, 'a'.repeat(20_000))).toHaveLength(1_000_000 - 20_000 + 1);
  });
});
