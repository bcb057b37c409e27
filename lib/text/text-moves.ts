/**
 * Where the reader's caret goes by sentence and by paragraph, as offsets into the canonical text. Moving goes to
 * the start of the next or previous sentence (paragraph); extending forward stops at the end of a sentence
 * (paragraph), so that a selection made by sentences holds the sentences and not the space after them. Sentences
 * never cross blocks; only the blocks concerned are segmented, so a step costs the same in a novel as in a poem.
 * Pure: the editor maps the offsets to positions (lib/editor/caret-plugin.ts).
 */
import { sentenceSpans, type SentenceSpan } from './sentences.ts';

/** A block of the text (paragraph or heading) as offsets into the canonical text. */
export interface BlockSpan {
  start: number;
  end: number;
}

/** A caret step: by sentence or by paragraph, forward or back, moving the caret or extending the selection. */
export interface TextMove {
  unit: 'sentence' | 'paragraph';
  direction: 'forward' | 'backward';
  /** Extending forward stops at ends; moving (and extending backward) stops at starts. */
  extend: boolean;
}

/** The index of the block holding `offset` (the last block starting at or before it; 0 before the first). */
export function blockIndexAt(blocks: readonly BlockSpan[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The sentences of block `i`, as offsets into the whole text. */
function sentencesOf(text: string, block: BlockSpan): SentenceSpan[] {
  return sentenceSpans(text.slice(block.start, block.end)).map((s) => ({ start: block.start + s.start, end: block.start + s.end }));
}

/** The first sentence boundary (a start, or an end) after `offset`, looking on into the following blocks. */
function nextSentenceBoundary(text: string, blocks: readonly BlockSpan[], offset: number, edge: 'start' | 'end'): number | null {
  for (let i = blockIndexAt(blocks, offset); i < blocks.length; i++) {
    const found = sentencesOf(text, blocks[i]).find((s) => s[edge] > offset);
    if (found) return found[edge];
  }
  return null;
}

/** The last sentence start before `offset`, looking back into the blocks before. */
function previousSentenceStart(text: string, blocks: readonly BlockSpan[], offset: number): number | null {
  for (let i = blockIndexAt(blocks, offset); i >= 0; i--) {
    const found = sentencesOf(text, blocks[i]).findLast((s) => s.start < offset);
    if (found) return found.start;
  }
  return null;
}

/**
 * Where `move` takes a caret at `offset` of `text` (whose blocks are `blocks`, in order), or null when there is
 * nowhere to go (the first sentence's start going back, the last one's end going forward).
 */
export function moveCaret(text: string, blocks: readonly BlockSpan[], offset: number, move: TextMove): number | null {
  if (blocks.length === 0) return null;
  const i = blockIndexAt(blocks, offset);
  if (move.unit === 'sentence') {
    if (move.direction === 'backward') return previousSentenceStart(text, blocks, offset);
    return nextSentenceBoundary(text, blocks, offset, move.extend ? 'end' : 'start');
  }
  if (move.direction === 'backward') {
    if (offset > blocks[i].start) return blocks[i].start;
    return i > 0 ? blocks[i - 1].start : null;
  }
  if (move.extend) {
    if (offset < blocks[i].end) return blocks[i].end;
    return i + 1 < blocks.length ? blocks[i + 1].end : null;
  }
  return i + 1 < blocks.length ? blocks[i + 1].start : null;
}
