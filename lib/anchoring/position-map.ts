/**
 * Converts between canonical-text offsets (what selectors store) and ProseMirror positions (what selections and
 * decorations use). The document is `doc > paragraph+` with paragraph i holding exactly the text of span i, so
 * paragraph i's content starts at `1 + Σ_{j<i} (len_j + 2)`: each paragraph node adds an opening and a closing
 * token, which stand where the canonical text has the paragraph separator. A long text's paragraphs are grouped in
 * `section` nodes (`doc > section+ > paragraph+`), whose tokens also stand in those gaps (see the constructor).
 */
import type { ParagraphSpan } from '../text/canonical-text.ts';
import type { TextRange } from './types.ts';

/** Which side to snap to when an offset or position falls between two paragraphs. */
export type Bias = 'start' | 'end';

/** A ProseMirror range, `from <= to`. */
export interface PmRange {
  from: number;
  to: number;
}

/** Whether `n` is a usable integer offset or position. */
function isIndex(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/**
 * Offset ↔ position conversions for one document, built once from its paragraph spans; every lookup is a binary
 * search (O(log n) in the number of paragraphs).
 */
export class PositionMap {
  /** Text offset where each paragraph starts. */
  private readonly starts: Float64Array;
  /** Text offset where each paragraph ends (exclusive). */
  private readonly ends: Float64Array;
  /** ProseMirror position where each paragraph's content starts. */
  private readonly pmStarts: Float64Array;

  /** The number of paragraphs. */
  readonly paragraphCount: number;
  /** The largest valid text offset: the end of the last paragraph. */
  readonly textLength: number;
  /** The largest valid ProseMirror position: the document's `content.size`. */
  readonly docSize: number;

  /**
   * @param paragraphs the spans of the canonical text, in order (as `toCanonicalText` returns them).
   * @param sections the indices of the paragraphs that open a section node (lib/editor/reader-sections.ts); none
   *   for a flat document. Each section adds an opening token before its first paragraph and a closing token after
   *   its last one, both in the gaps between paragraphs, so offsets still map by arithmetic.
   * @throws RangeError when there is no paragraph, or the spans are not ascending, non-overlapping integer ranges.
   */
  constructor(paragraphs: readonly ParagraphSpan[], sections: readonly number[] = []) {
    const n = paragraphs.length;
    if (n === 0) throw new RangeError('PositionMap needs at least one paragraph');
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.pmStarts = new Float64Array(n);
    const opens = new Set(sections);
    let previousEnd = 0;
    let pm = 0;
    for (let i = 0; i < n; i++) {
      const { start, end } = paragraphs[i]!;
      if (!isIndex(start) || !isIndex(end) || end < start || start < previousEnd)
        throw new RangeError(`paragraph ${i} [${start}, ${end}) is not an ascending, non-overlapping span`);
      if (opens.has(i)) pm += i === 0 ? 1 : 2; // the previous section's closing token and this one's opening token
      this.starts[i] = start;
      this.ends[i] = end;
      this.pmStarts[i] = pm + 1;
      pm += end - start + 2;
      previousEnd = end;
    }
    if (opens.size > 0) pm += 1; // the last section's closing token
    this.paragraphCount = n;
    this.textLength = previousEnd;
    this.docSize = pm;
  }

  /**
   * The 0-based index of the paragraph at `offset`: the last paragraph starting at or before it, so an offset
   * between two paragraphs belongs to the earlier one (and an offset before the first paragraph to paragraph 0).
   * @throws RangeError when `offset` is not an integer in `[0, textLength]`.
   */
  paragraphIndexAt(offset: number): number {
    if (!isIndex(offset) || offset > this.textLength) throw new RangeError(`text offset ${offset} is out of range`);
    return lastAtOrBefore(this.starts, offset);
  }

  /**
   * The ProseMirror position of text `offset`. An offset inside a paragraph (or at either of its ends) maps
   * exactly; one between paragraphs (inside the `"\n\n"`) maps to the start of the next paragraph for bias
   * `'start'` and to the end of the previous one for bias `'end'`.
   * @throws RangeError when `offset` is not an integer in `[0, textLength]`.
   */
  toPmPos(offset: number, bias: Bias): number {
    const i = this.paragraphIndexAt(offset);
    const start = this.starts[i]!;
    if (offset < start) return this.pmStarts[i]!; // before the first paragraph
    const end = this.ends[i]!;
    if (offset <= end) return this.pmStarts[i]! + (offset - start);
    // In the gap after paragraph i; the last paragraph ends at textLength, so paragraph i + 1 exists.
    return bias === 'end' ? this.pmStarts[i]! + (end - start) : this.pmStarts[i + 1]!;
  }

  /**
   * The text offset of ProseMirror position `pmPos`. A position inside a paragraph's content maps exactly; one
   * between two paragraph nodes maps to the start of the next paragraph for bias `'start'` (the default) and to
   * the end of the previous one for bias `'end'`; the document's first and last positions map to the start of the
   * first paragraph and the end of the last.
   * @throws RangeError when `pmPos` is not an integer in `[0, docSize]`.
   */
  toOffset(pmPos: number, bias: Bias = 'start'): number {
    if (!isIndex(pmPos) || pmPos > this.docSize) throw new RangeError(`ProseMirror position ${pmPos} is out of range`);
    if (pmPos < this.pmStarts[0]!) return this.starts[0]!;
    const i = lastAtOrBefore(this.pmStarts, pmPos);
    const start = this.starts[i]!;
    const length = this.ends[i]! - start;
    const inside = pmPos - this.pmStarts[i]!;
    if (inside <= length) return start + inside;
    // Just after paragraph i's closing token.
    if (i === this.paragraphCount - 1) return this.ends[i]!;
    return bias === 'end' ? this.ends[i]! : this.starts[i + 1]!;
  }

  /**
   * The ProseMirror range of a text range: its start with bias `'start'`, its end with bias `'end'`, so a range
   * reaching into a paragraph gap covers no empty paragraph edge. A range lying wholly in a gap collapses to one
   * position.
   * @throws RangeError when the range is out of `[0, textLength]` or `start > end`.
   */
  toPmRange(range: TextRange): PmRange {
    if (range.start > range.end) throw new RangeError(`text range [${range.start}, ${range.end}) is reversed`);
    const from = this.toPmPos(range.start, 'start');
    const to = this.toPmPos(range.end, 'end');
    return { from, to: Math.max(from, to) };
  }

  /**
   * The text range of a ProseMirror range (e.g. a selection): `from` with bias `'start'`, `to` with bias `'end'`,
   * so selecting a whole paragraph node gives exactly that paragraph's text.
   * @throws RangeError when a position is out of `[0, docSize]` or `from > to`.
   */
  toTextRange(from: number, to: number): TextRange {
    if (from > to) throw new RangeError(`ProseMirror range [${from}, ${to}] is reversed`);
    const start = this.toOffset(from, 'start');
    const end = this.toOffset(to, 'end');
    return { start, end: Math.max(start, end) };
  }
}

/** The index of the last element of ascending `values` that is <= `target`, or 0 when none is. */
function lastAtOrBefore(values: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (values[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
