/**
 * The public API of anchoring: W3C selectors ↔ canonical-text offsets ↔ ProseMirror positions.
 */
export { anchorSelectors, describeRange, type Anchor } from './anchor.ts';
export { PositionMap, type Bias, type PmRange } from './position-map.ts';
export { describePosition, readPosition } from './text-position.ts';
export { describeQuote, matchQuote, DEFAULT_QUOTE_CONTEXT, MAX_QUOTE_CANDIDATES } from './text-quote.ts';
export { assertRangeWithin, isRangeWithin } from './text-range.ts';
export type { TextPositionSelector, TextQuoteSelector, TextRange, TextSelector } from './types.ts';
export { reanchorSelectors, type OrphanReason, type Orphaned, type ReanchorMethod, type Reanchored } from './reanchor.ts';
export { matchQuoteFuzzy, FUZZY_THRESHOLD, type FuzzyMatch } from './fuzzy-quote.ts';
