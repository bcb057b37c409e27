/**
 * Converts between a text range and a W3C `TextQuoteSelector`, and finds a quote again in a text. The quote is the
 * durable half of an anchor: when offsets are wrong (a stale or hand-made selector), the passage is found by its
 * words, and repeated words are told apart by the context around them and by the closeness to a hint.
 * Modelled on hypothesis/client's `match-quote.ts`: not finding the quote is a normal outcome, returned as `null`.
 */
import { assertRangeWithin } from './text-range.ts';
import type { TextQuoteSelector, TextRange } from './types.ts';

/** How many characters of context `describeQuote` keeps on each side by default. */
export const DEFAULT_QUOTE_CONTEXT = 32;

/**
 * The most occurrences of a quote `matchQuote` scores; they are taken nearest to the hint first, so a very common
 * quote (a single word in War and Peace) still costs bounded time and still finds the occurrence near the hint.
 */
export const MAX_QUOTE_CANDIDATES = 10_000;

/** Whether the code unit at `i` of `text` is a low surrogate following a high one (the middle of a pair). */
function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * The quote selector of `range` in `text`: the exact text, with up to `context` characters before it as `prefix`
 * and after it as `suffix` (omitted when empty, e.g. at the start or end of the text). Context never starts or
 * ends in the middle of a surrogate pair, so it survives a round trip through UTF-8 storage.
 * @throws RangeError when `range` is not a range of `text`.
 */
export function describeQuote(text: string, range: TextRange, context = DEFAULT_QUOTE_CONTEXT): TextQuoteSelector {
  assertRangeWithin(range, text.length);
  const { start, end } = range;
  let prefixStart = Math.max(0, start - context);
  if (splitsPair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + context);
  if (splitsPair(text, suffixEnd)) suffixEnd--;

  const selector: TextQuoteSelector = { type: 'TextQuoteSelector', exact: text.slice(start, end) };
  if (prefixStart < start) selector.prefix = text.slice(prefixStart, start);
  if (suffixEnd > end) selector.suffix = text.slice(end, suffixEnd);
  return selector;
}

/** How many characters of `prefix`, read backwards from its end, agree with `text` read backwards from `at`. */
function prefixAgreement(text: string, at: number, prefix: string): number {
  const max = Math.min(prefix.length, at);
  let n = 0;
  while (n < max && text.charCodeAt(at - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n;
}

/** How many characters of `suffix`, read forwards, agree with `text` read forwards from `at`. */
function suffixAgreement(text: string, at: number, suffix: string): number {
  const max = Math.min(suffix.length, text.length - at);
  let n = 0;
  while (n < max && text.charCodeAt(at + n) === suffix.charCodeAt(n)) n++;
  return n;
}

/**
 * Finds the passage `selector` quotes in `text`, or returns `null` when `selector.exact` is empty or does not
 * occur. Matching is exact (case- and character-sensitive).
 *
 * Every occurrence of `exact` is a candidate (up to {@link MAX_QUOTE_CANDIDATES}, nearest to `hint` first). Each
 * scores one point per character of context that agrees with the text, counting outwards from the match until the
 * first difference (prefix backwards, suffix forwards), plus a bonus below one point for closeness to `hint`, so the
 * hint decides only between candidates whose context agrees equally. The best candidate wins; on a tie, the one
 * nearest the hint (or the first in the text, without a hint).
 *
 * @param hint where the passage is expected to start, e.g. a position selector's `start`; ignored unless finite.
 */
export function matchQuote(text: string, selector: TextQuoteSelector, hint?: number): TextRange | null {
  const { exact } = selector;
  if (exact.length === 0 || exact.length > text.length) return null;
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  const hasHint = hint !== undefined && Number.isFinite(hint);
  const origin = hasHint ? Math.min(text.length, Math.max(0, Math.round(hint))) : 0;

  // Occurrences are walked outwards from `origin`: the nearest unvisited one after it and the nearest before it.
  const occurrences = occurrenceWalker(text, exact);
  let after = occurrences.nextAfter(origin);
  let before = origin > 0 ? occurrences.nextBefore(origin - 1) : -1;
  let best = -1;
  let bestScore = -1;
  for (let seen = 0; seen < MAX_QUOTE_CANDIDATES && (after !== -1 || before !== -1); seen++) {
    let start: number;
    if (before === -1 || (after !== -1 && after - origin <= origin - before)) {
      start = after;
      after = occurrences.nextAfter(after + 1);
    } else {
      start = before;
      before = before > 0 ? occurrences.nextBefore(before - 1) : -1;
    }

    const prefixScore = prefixAgreement(text, start, prefix);
    const suffixScore = suffixAgreement(text, start + exact.length, suffix);
    const closeness = hasHint ? 1 - Math.abs(start - origin) / (text.length + 1) : 0;
    const score = prefixScore + suffixScore + closeness;
    if (score > bestScore) {
      best = start;
      bestScore = score;
    }
    // Candidates come nearest first, so a later one can neither agree more nor be closer: stop here.
    if (prefixScore === prefix.length && suffixScore === suffix.length) break;
  }
  return best === -1 ? null : { start: best, end: best + exact.length };
}

/** Quotes longer than this are searched in linear time (see {@link occurrenceWalker}). */
export const LINEAR_SEARCH_FROM = 64;

/**
 * Finds occurrences of `exact` in `text`: the first at or after a position, the last at or before one. Short quotes use
 * the engine's `indexOf`/`lastIndexOf`. A long quote is searched once, in time linear in the text and the quote
 * (Knuth–Morris–Pratt), for every occurrence: `indexOf` can take time proportional to their product on crafted input
 * (a 20,000-character quote of one letter and a `z` in a text of one letter took ~3 s per call, on the server's only
 * thread), and a quote comes from anyone's note.
 */
function occurrenceWalker(text: string, exact: string): { nextAfter(from: number): number; nextBefore(from: number): number } {
  if (exact.length <= LINEAR_SEARCH_FROM)
    return { nextAfter: (from) => text.indexOf(exact, from), nextBefore: (from) => text.lastIndexOf(exact, from) };
  const starts = allOccurrences(text, exact);
  // The first index whose start is >= from (binary search over the ascending starts).
  const firstAtOrAfter = (from: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    nextAfter(from) {
      const i = firstAtOrAfter(from);
      return i < starts.length ? starts[i]! : -1;
    },
    nextBefore(from) {
      const i = firstAtOrAfter(from + 1) - 1;
      return i >= 0 ? starts[i]! : -1;
    },
  };
}

/** Every start of `pattern` in `text` (overlapping), ascending, by Knuth–Morris–Pratt: O(text + pattern). */
export function allOccurrences(text: string, pattern: string): number[] {
  const m = pattern.length;
  const out: number[] = [];
  if (m === 0 || m > text.length) return out;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && pattern.charCodeAt(i) !== pattern.charCodeAt(k)) k = fail[k - 1]!;
    if (pattern.charCodeAt(i) === pattern.charCodeAt(k)) k++;
    fail[i] = k;
  }
  for (let i = 0, k = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && c !== pattern.charCodeAt(k)) k = fail[k - 1]!;
    if (c === pattern.charCodeAt(k)) k++;
    if (k === m) {
      out.push(i - m + 1);
      k = fail[k - 1]!;
    }
  }
  return out;
}
