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
  let after = text.indexOf(exact, origin);
  let before = origin > 0 ? text.lastIndexOf(exact, origin - 1) : -1;
  let best = -1;
  let bestScore = -1;
  for (let seen = 0; seen < MAX_QUOTE_CANDIDATES && (after !== -1 || before !== -1); seen++) {
    let start: number;
    if (before === -1 || (after !== -1 && after - origin <= origin - before)) {
      start = after;
      after = text.indexOf(exact, after + 1);
    } else {
      start = before;
      before = before > 0 ? text.lastIndexOf(exact, before - 1) : -1;
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
