/**
 * Converts between a text range and a W3C `TextPositionSelector`. Positions are the fast path of anchoring: exact
 * and O(1), but only meaningful while the text is the one they were taken from, so reading one is checked.
 */
import { isRangeWithin } from './text-range.ts';
import type { TextPositionSelector, TextRange } from './types.ts';

/** The position selector of `range`. */
export function describePosition(range: TextRange): TextPositionSelector {
  return { type: 'TextPositionSelector', start: range.start, end: range.end };
}

/**
 * The range `selector` points at in `text`, or `null` when it does not fit: offsets that are not integers, out of
 * bounds, or with `start > end`.
 */
export function readPosition(text: string, selector: TextPositionSelector): TextRange | null {
  const range = { start: selector.start, end: selector.end };
  return isRangeWithin(range, text.length) ? range : null;
}
