/**
 * Finds a quote again when its words changed a little: a typo fixed, a word inserted, a corrected edition. Exact
 * matching (text-quote.ts) is tried first by the caller; this is the last resort, so it is built to be
 * conservative — a fuzzy match that might be the wrong passage is refused, since a note silently moved to the
 * wrong words is worse than an orphan the reader places by hand.
 *
 * Candidates come from `approx-string-match` (Myers' bit-parallel algorithm, bounded errors) and are scored as
 * hypothesis/client's `match-quote.ts` does: similarity of the matched words to the quote, of the text before and
 * after to the stored prefix and suffix, and closeness to where the passage was expected. The search runs first in
 * a window around that position and over the whole text only when the window has nothing, and it filters before it
 * verifies (pieces of the quote found exactly say where to look), so a 2,000-character quote or a whole novel costs
 * a few `indexOf`s and a check of a region about the quote's size, not a pass of the matcher over everything.
 */
import approxSearch from 'approx-string-match';
import type { TextQuoteSelector, TextRange } from './types.ts';

/** A fuzzy match and how good it is. */
export interface FuzzyMatch {
  range: TextRange;
  /** 0–1: the weighted similarity of quote, prefix, suffix and position (see {@link scoreCandidate}). */
  score: number;
  /** Edits (insertions, deletions, substitutions) between the quote and the matched words. */
  errors: number;
}

/** Why a fuzzy search found nothing it would stand behind. */
export type FuzzyRefusal = 'not-found' | 'low-score' | 'ambiguous' | 'too-short' | 'too-long';

/** Tuning of {@link matchQuoteFuzzy}; the defaults are what the tests and the bench hold it to. */
export interface FuzzyOptions {
  /** Below this score a candidate is not accepted (default {@link FUZZY_THRESHOLD}). */
  threshold?: number;
  /**
   * Where to look: `window` only around the hint, `text` over the whole text at once, `auto` (the default) the
   * window first and the whole text when the window has nothing.
   */
  scope?: 'window' | 'text' | 'auto';
}

/** The lowest score a fuzzy match is accepted with: about a quarter of the quote wrong with perfect context, or fewer errors with some context lost. */
export const FUZZY_THRESHOLD = 0.75;

/** Quotes shorter than this are never matched fuzzily: one error in "the" is another word. */
export const FUZZY_MIN_QUOTE = 8;

/**
 * Quotes longer than this are never matched fuzzily (only exactly): checking a region costs about the quote's length
 * per possible match end, and a text of one repeated character has a match end at almost every place, so a crafted
 * 20,000-character quote held the server's only thread for half a minute; at this length the worst is well under a
 * second.
 */
export const FUZZY_MAX_QUOTE = 2_000;

/** At most this many errors are allowed in a quote (Hypothesis's cap; the cost of a check grows with errors / 32 per character). */
export const FUZZY_MAX_ERRORS = 256;

/** Seeds are pieces of the quote at least this long (shorter ones occur everywhere). */
const MIN_PIECE = 8;
/** At most this many pieces of a quote are looked up. */
const MAX_PIECES = 64;
/** Occurrences of one piece taken as seeds; a piece more common than that says little. */
const SEED_HITS = 32;
/** Regions verified per search. */
const MAX_REGIONS = 64;

/** Characters searched on each side of the expected position before the whole text is. */
const WINDOW = 4096;
/** Characters searched on each side of the expected position before the window is. */
const NEAR = 512;

/**
 * The part of a text searched for a quote of `length` expected at `origin` before the whole text is: `[from, to)`,
 * unclamped; `near` is the smaller part searched before that.
 */
export function searchWindow(origin: number, length: number, near = false): [number, number] {
  const side = near ? NEAR : WINDOW;
  return [origin - side, origin + length + side];
}

/** A candidate is ambiguous when another, elsewhere, scores within this of it. */
const AMBIGUITY_MARGIN = 0.02;

// Weights of the score, as in hypothesis/client (quote 50, prefix 20, suffix 20), with position weighing more than
// their tie-breaker because a corrected edition keeps passages roughly where they were.
const QUOTE_WEIGHT = 50;
const CONTEXT_WEIGHT = 20;
const POSITION_WEIGHT = 10;
const TOTAL_WEIGHT = QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT + POSITION_WEIGHT;

/** How far from the expected position the position score falls to zero, for a quote of `length`. */
function positionScale(length: number): number {
  return Math.max(2 * WINDOW, 8 * length);
}

/** The number of errors a search for a quote of `length` allows: a quarter of it, capped. */
export function maxErrorsFor(length: number): number {
  return Math.min(FUZZY_MAX_ERRORS, Math.floor(length / 4));
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `range` widened so that neither end falls inside a surrogate pair (an emoji is never cut in half). */
function snapToCodePoints(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  if (start > 0 && start < text.length && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

/** Levenshtein distance of two short strings (a prefix or suffix, at most a few hundred code units). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** 0–1: how much `actual` looks like `expected` (1 − edits / length), or `null` when there is nothing to compare. */
function similarity(actual: string, expected: string): number | null {
  if (!expected) return null;
  if (actual === expected) return 1;
  return Math.max(0, 1 - editDistance(actual, expected) / expected.length);
}

/**
 * The score of the quote found at `range` with `errors` edits: quote, prefix and suffix similarity and closeness to
 * `hint`, weighted 50 : 20 : 20 : 10 and scaled to 0–1. A missing prefix or suffix (the quote was at an end of its
 * text) counts 1 when the candidate is at that end too and ½ otherwise; a missing hint counts ½.
 */
export function scoreCandidate(
  text: string,
  selector: TextQuoteSelector,
  range: TextRange,
  errors: number,
  hint: number | undefined,
): number {
  const { exact, prefix = '', suffix = '' } = selector;
  const quoteScore = Math.max(0, 1 - errors / exact.length);
  const prefixScore =
    similarity(text.slice(Math.max(0, range.start - prefix.length), range.start), prefix) ?? (range.start === 0 ? 1 : 0.5);
  const suffixScore = similarity(text.slice(range.end, range.end + suffix.length), suffix) ?? (range.end === text.length ? 1 : 0.5);
  const positionScore = hint === undefined ? 0.5 : Math.max(0, 1 - Math.abs(range.start - hint) / positionScale(exact.length));
  const raw = QUOTE_WEIGHT * quoteScore + CONTEXT_WEIGHT * prefixScore + CONTEXT_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
  return raw / TOTAL_WEIGHT;
}

interface Candidate {
  range: TextRange;
  errors: number;
}

/**
 * The common case of a corrected edition, checked without the matcher: every piece but one interior piece is found
 * intact, those before it agreeing on one start and those after on another, so the quote's words are unchanged but
 * for that piece. The errors are then the edit distance of that piece to the text between its neighbours (an upper
 * bound, which only makes the match look worse than it is). Null when the region is not of that shape.
 */
function oneChangedPiece(
  hay: string,
  exact: string,
  starts: ReadonlyMap<number, number | null>,
  pieces: number,
  pieceLength: number,
  maxErrors: number,
): Candidate | null {
  if (starts.size !== pieces - 1 || pieces < 3) return null;
  let gap = -1;
  for (let p = 0; p < pieces; p++) if (!starts.has(p)) gap = p;
  if (gap <= 0 || gap >= pieces - 1) return null;
  const before = starts.get(gap - 1);
  const after = starts.get(gap + 1);
  if (before == null || after == null) return null;
  for (const [p, start] of starts) if (start !== (p < gap ? before : after)) return null;
  const from = before + gap * pieceLength;
  const to = after + (gap + 1) * pieceLength;
  if (to < from || before < 0 || after + exact.length > hay.length) return null;
  const errors = editDistance(exact.slice(gap * pieceLength, (gap + 1) * pieceLength), hay.slice(from, to));
  return errors <= maxErrors ? { range: { start: before, end: after + exact.length }, errors } : null;
}

/**
 * Candidates for `exact` in `text[from, to)`, by filter and verify: the quote is cut into pieces, each piece's exact
 * occurrences say where the quote would start, and only a small region around each such start is searched with
 * `approx-string-match`. By the pigeonhole principle a match with fewer errors than pieces leaves one piece intact,
 * so it is always found; a match with more errors may be missed, which only makes the matcher more cautious. The
 * cost is a few `indexOf`s plus a check of about the quote's length per region, whatever the quote's length or
 * the text's.
 */
function candidatesWith(text: string, exact: string, from: number, to: number, most: number): Candidate[] {
  const lo = Math.max(0, from);
  const hi = Math.min(text.length, to);
  const maxErrors = maxErrorsFor(exact.length);
  if (hi - lo < exact.length - maxErrors) return [];
  const hay = lo === 0 && hi === text.length ? text : text.slice(lo, hi);

  const pieces = Math.max(1, Math.min(most, maxErrors + 1, Math.floor(exact.length / MIN_PIECE)));
  const pieceLength = Math.floor(exact.length / pieces);
  // Each seed: where the quote would start if this piece is intact, and which piece says so.
  const seeds: Array<[start: number, piece: number]> = [];
  for (let p = 0; p < pieces; p++) {
    // The last piece runs to the quote's end, so its tail is covered too.
    const offset = p * pieceLength;
    const piece = p === pieces - 1 ? exact.slice(offset) : exact.slice(offset, offset + pieceLength);
    let at = hay.indexOf(piece);
    for (let hits = 0; at !== -1 && hits < SEED_HITS; hits++) {
      seeds.push([at - offset, p]);
      at = hay.indexOf(piece, at + 1);
    }
  }
  if (!seeds.length) return [];

  // Seeds within a few errors of each other name one region; the pieces that agree on it are its votes. A piece
  // that did not vote holds an error there, so a region with v votes of n pieces has at least n − v errors: the
  // regions are checked most votes first, and one that cannot come near the best found so far is skipped.
  seeds.sort((a, b) => a[0] - b[0]);
  const clusters: Array<{ first: number; last: number; votes: number; starts: Map<number, number | null> }> = [];
  for (let i = 0; i < seeds.length; ) {
    const first = seeds[i][0];
    let last = first;
    // Each voting piece's start (null when it named two): what the quick check of one changed piece needs.
    const starts = new Map<number, number | null>();
    while (i < seeds.length && seeds[i][0] - last <= maxErrors + 1) {
      const [start, piece] = seeds[i++];
      last = start;
      starts.set(piece, starts.has(piece) && starts.get(piece) !== start ? null : start);
    }
    clusters.push({ first, last, votes: starts.size, starts });
  }
  clusters.sort((a, b) => b.votes - a.votes);
  const slack = Math.max(1, Math.floor(exact.length / 20));
  const found: Candidate[] = [];
  let fewestSoFar = Number.POSITIVE_INFINITY;
  for (const { first, last, votes, starts } of clusters.slice(0, MAX_REGIONS)) {
    if (pieces - votes > fewestSoFar + slack) break;
    const quick = oneChangedPiece(hay, exact, starts, pieces, pieceLength, maxErrors);
    if (quick) {
      found.push({ range: { start: lo + quick.range.start, end: lo + quick.range.end }, errors: quick.errors });
      fewestSoFar = Math.min(fewestSoFar, quick.errors);
      continue;
    }
    const regionStart = Math.max(0, first - maxErrors - 1);
    const regionEnd = Math.min(hay.length, last + exact.length + maxErrors + 1);
    for (const m of approxSearch(hay.slice(regionStart, regionEnd), exact, maxErrors)) {
      found.push({ range: { start: lo + regionStart + m.start, end: lo + regionStart + m.end }, errors: m.errors });
      fewestSoFar = Math.min(fewestSoFar, m.errors);
    }
  }
  // A region cut through a passage (a seed from a piece that repeats) reports a worse copy of a better match found
  // from another region: of overlapping candidates only the one with fewest errors stays. Of the rest, those not
  // far behind the best are kept for the scoring to weigh, as one search of the whole region would report them.
  found.sort((a, b) => a.errors - b.errors || a.range.start - b.range.start);
  const out: Candidate[] = [];
  for (const c of found) if (!out.some((kept) => overlaps(kept.range, c.range))) out.push(c);
  const fewest = out[0]?.errors ?? 0;
  return out.filter((c) => c.errors <= fewest + slack);
}

/** Pieces tried first: enough for the few errors of most changed passages, and a quarter of the look-ups. */
const FEW_PIECES = 4;

/**
 * {@link candidatesWith} a few pieces first, then as many as the quote allows. With n pieces every match of fewer
 * than n errors is found, so a best match of fewer than n errors found with few pieces is the best there is, and the
 * search stops there.
 */
function candidatesIn(text: string, exact: string, from: number, to: number): Candidate[] {
  const few = candidatesWith(text, exact, from, to, FEW_PIECES);
  if (few.length && few[0].errors < Math.min(FEW_PIECES, Math.floor(exact.length / MIN_PIECE))) return few;
  return candidatesWith(text, exact, from, to, MAX_PIECES);
}

/** Two ranges that share characters (the same passage found twice over, not a rival elsewhere). */
function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The best approximate occurrence of `selector`'s quote in `text`, or why there is none to stand behind:
 * `too-short` (under {@link FUZZY_MIN_QUOTE} characters), `too-long` (over {@link FUZZY_MAX_QUOTE}), `not-found` (nothing within a quarter of the quote's
 * length in edits, at most {@link FUZZY_MAX_ERRORS}), `low-score` (the best candidate scores under the threshold),
 * `ambiguous` (a candidate elsewhere scores within 0.02 of the best: prefix, suffix and position cannot tell them
 * apart, so neither is chosen).
 *
 * @param hint where the passage is expected to start (a position selector's `start`); the window around it is
 *   searched first, then the whole text.
 */
export function matchQuoteFuzzy(
  text: string,
  selector: TextQuoteSelector,
  hint?: number,
  options: FuzzyOptions = {},
): { ok: true; match: FuzzyMatch } | { ok: false; reason: FuzzyRefusal; score?: number } {
  const { exact } = selector;
  if (exact.length < FUZZY_MIN_QUOTE) return { ok: false, reason: 'too-short' };
  if (exact.length > FUZZY_MAX_QUOTE) return { ok: false, reason: 'too-long' };
  const threshold = options.threshold ?? FUZZY_THRESHOLD;
  const origin = hint !== undefined && Number.isFinite(hint) ? Math.min(text.length, Math.max(0, Math.round(hint))) : undefined;

  const scope = options.scope ?? 'auto';
  let candidates: Candidate[] = [];
  if (origin !== undefined && scope !== 'text') {
    // Near first (most passages of a corrected edition moved by a few characters), then the whole window.
    candidates = candidatesIn(text, exact, ...searchWindow(origin, exact.length, true));
    if (!candidates.length) candidates = candidatesIn(text, exact, ...searchWindow(origin, exact.length));
  }
  const windowWasText = origin !== undefined && text.length <= 2 * WINDOW + exact.length;
  if (!candidates.length && (scope === 'text' || (scope === 'auto' && !windowWasText)))
    candidates = candidatesIn(text, exact, 0, text.length);
  if (!candidates.length) return { ok: false, reason: 'not-found' };

  const scored = candidates.map((c) => {
    const range = snapToCodePoints(text, c.range);
    return { range, errors: c.errors, score: scoreCandidate(text, selector, range, c.errors, origin) };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best.score < threshold) return { ok: false, reason: 'low-score', score: best.score };
  const rival = scored.find((c) => !overlaps(c.range, best.range));
  if (rival && best.score - rival.score < AMBIGUITY_MARGIN) return { ok: false, reason: 'ambiguous', score: best.score };
  return { ok: true, match: best };
}
