/**
 * Anchoring proper: from the selectors stored on a note to the range of the canonical text it marks, and back.
 * Selectors are tried in order of cost and trust, as in hypothesis/client: the position first (accepted only when
 * the text there is still the quoted text), then the quote near that position. Not anchoring is a normal outcome
 * (the note is shown as orphaned), so it is `null`, not an exception.
 */
import { describePosition, readPosition } from './text-position.ts';
import { describeQuote, matchQuote } from './text-quote.ts';
import type { TextPositionSelector, TextQuoteSelector, TextRange, TextSelector } from './types.ts';

/** Where a note anchored, and which selector found it (`'quote'` means the stored position was stale). */
export interface Anchor {
  range: TextRange;
  method: 'position' | 'quote';
}

/**
 * Anchors `selectors` (the first quote and the first position among them) in `text`.
 *
 * The position wins when it is a range of `text` and, if there is a quote, the text there is exactly the quote.
 * Otherwise the quote is searched for with the position's start as hint. Returns `null` when neither anchors.
 */
export function anchorSelectors(text: string, selectors: ReadonlyArray<TextSelector>): Anchor | null {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const position = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');

  if (position) {
    const range = readPosition(text, position);
    if (range && (!quote || (range.end - range.start === quote.exact.length && text.startsWith(quote.exact, range.start))))
      return { range, method: 'position' };
  }
  if (quote) {
    const range = matchQuote(text, quote, position?.start);
    if (range) return { range, method: 'quote' };
  }
  return null;
}

/**
 * The selectors Glossa stores for `range` of `text`: a quote (with context) and a position, in that order.
 * @throws RangeError when `range` is not a range of `text`.
 */
export function describeRange(text: string, range: TextRange): [TextQuoteSelector, TextPositionSelector] {
  return [describeQuote(text, range), describePosition(range)];
}
