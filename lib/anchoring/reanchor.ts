/**
 * Re-anchoring: where a note taken on one text belongs in another (an imported note, a corrected edition). The
 * room's own anchoring (anchor.ts) stays exact — a note written in Glossa always quotes this text — while notes
 * from elsewhere are tried in three steps: the position if the quote is still there, the exact quote (nearest the
 * position), then a fuzzy match (fuzzy-quote.ts). The outcome says which step placed the note and how sure it is,
 * or why it is an orphan. Pure, for the browser, the server and the bench alike.
 */
import { type FuzzyOptions, type FuzzyRefusal, matchQuoteFuzzy, scoreCandidate, searchWindow } from './fuzzy-quote.ts';
import { readPosition } from './text-position.ts';
import { matchQuote } from './text-quote.ts';
import type { TextPositionSelector, TextQuoteSelector, TextRange, TextSelector } from './types.ts';

/** How a note was placed. */
export type ReanchorMethod = 'position' | 'quote' | 'fuzzy';

/** Why a note could not be placed. */
export type OrphanReason = 'no-selector' | 'position-out-of-range' | FuzzyRefusal;

/** A placed note: its range, how it was found, and a 0–1 score (1 for a position whose words are the quote). */
export interface Reanchored {
  ok: true;
  range: TextRange;
  method: ReanchorMethod;
  score: number;
}

/** A note that could not be placed, with the reason and the best score seen, if any. */
export interface Orphaned {
  ok: false;
  reason: OrphanReason;
  score?: number;
}

/**
 * An exact occurrence whose context agrees this little (0–1, prefix and suffix together) is compared against the
 * best fuzzy candidate before it is accepted: a short quote changed in the new text may well occur, exactly, in
 * some other passage.
 */
const WEAK_CONTEXT = 0.5;

/** The prefix-and-suffix agreement (0–1) of the exact quote found at `range`; 1 when the selector has no context. */
function contextAgreement(text: string, quote: TextQuoteSelector, range: TextRange): number {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  if (!prefix && !suffix) return 1;
  let agree = 0;
  while (agree < prefix.length && range.start - 1 - agree >= 0 && text[range.start - 1 - agree] === prefix[prefix.length - 1 - agree])
    agree++;
  let after = 0;
  while (after < suffix.length && range.end + after < text.length && text[range.end + after] === suffix[after]) after++;
  return (agree + after) / (prefix.length + suffix.length);
}

/**
 * A fuzzy match near the expected position scoring at least this is taken without searching the rest of the text
 * for the exact words: a passage that changed a little and stayed put is by far the common case of a corrected
 * edition, and a scan of a whole novel per note would cost more than every other step together.
 */
const SURE_NEARBY = 0.85;

/**
 * The exact quote nearest `hint` within the near part of the window, or `null`. (Further out in the window, an exact
 * occurrence is a fuzzy candidate without errors: the fuzzy search finds it, and it is reported as `quote`.)
 */
function exactNearby(text: string, quote: TextQuoteSelector, hint: number): TextRange | null {
  const [from, to] = searchWindow(hint, quote.exact.length, true);
  const lo = Math.max(0, from);
  const found = matchQuote(text.slice(lo, Math.min(text.length, to)), quote, hint - lo);
  return found && { start: found.start + lo, end: found.end + lo };
}

/**
 * Places `selectors` (the first quote and the first position among them) in `text`: the position if the quote is
 * still there; then, near the position, the exact quote and a fuzzy match; then the exact quote anywhere (a moved
 * passage) and a fuzzy match anywhere. An exact occurrence whose context disagrees is weighed against the best
 * fuzzy candidate. Without a quote a position is taken as it stands (nothing can confirm or correct it).
 */
export function reanchorSelectors(text: string, selectors: ReadonlyArray<TextSelector>, options: FuzzyOptions = {}): Reanchored | Orphaned {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector' && s.exact.length > 0);
  const position = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  const positioned = position ? readPosition(text, position) : null;

  if (!quote) {
    if (positioned && positioned.end > positioned.start) return { ok: true, range: positioned, method: 'position', score: 1 };
    return { ok: false, reason: position ? 'position-out-of-range' : 'no-selector' };
  }
  if (positioned && positioned.end - positioned.start === quote.exact.length && text.startsWith(quote.exact, positioned.start))
    return { ok: true, range: positioned, method: 'position', score: 1 };

  const hint = position && Number.isFinite(position.start) ? Math.min(text.length, Math.max(0, position.start)) : undefined;
  const asQuote = (range: TextRange): Reanchored => ({
    ok: true,
    range,
    method: 'quote',
    score: scoreCandidate(text, quote, range, 0, hint),
  });
  const fuzzy = (scope: 'window' | 'text') => matchQuoteFuzzy(text, quote, hint, { ...options, scope });

  let nearby: ReturnType<typeof fuzzy> | null = null;
  if (hint !== undefined) {
    const exact = exactNearby(text, quote, hint);
    if (exact && contextAgreement(text, quote, exact) >= WEAK_CONTEXT) return asQuote(exact);
    nearby = fuzzy('window');
    if (nearby.ok && nearby.match.score >= SURE_NEARBY)
      return { ok: true, range: nearby.match.range, method: nearby.match.errors === 0 ? 'quote' : 'fuzzy', score: nearby.match.score };
  }

  const exact = matchQuote(text, quote, hint);
  const best = nearby?.ok ? nearby : fuzzy('text');
  if (exact) {
    const placed = asQuote(exact);
    if (contextAgreement(text, quote, exact) >= WEAK_CONTEXT) return placed;
    // The words are there but not their surroundings: a changed passage may fit better.
    if (best.ok && best.match.score > placed.score) return { ok: true, range: best.match.range, method: 'fuzzy', score: best.match.score };
    return placed;
  }
  if (best.ok) return { ok: true, range: best.match.range, method: 'fuzzy', score: best.match.score };
  return { ok: false, reason: best.reason, ...(best.score !== undefined ? { score: best.score } : {}) };
}
