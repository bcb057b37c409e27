/**
 * The shapes anchoring speaks: the two W3C Web Annotation selectors Glossa stores on every passage note, and the
 * plain offset range they resolve to in a document's canonical text.
 */

/**
 * W3C `TextQuoteSelector`: the quoted words plus a little context on each side, which lets the passage be found
 * again when offsets no longer fit.
 */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  /** The selected text, verbatim. */
  exact: string;
  /** Up to a few dozen characters just before `exact`. */
  prefix?: string;
  /** Up to a few dozen characters just after `exact`. */
  suffix?: string;
}

/** W3C `TextPositionSelector`: UTF-16 offsets into the canonical text, `end` exclusive. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Either selector Glossa stores. */
export type TextSelector = TextQuoteSelector | TextPositionSelector;

/** A range of the canonical text: UTF-16 offsets, `start <= end`, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}
