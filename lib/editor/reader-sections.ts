/**
 * Long texts are drawn in sections: runs of blocks wrapped in one element with `content-visibility: auto`, so the
 * browser skips style, layout, paint and the pre-paint walk for every section away from the viewport. In a whole
 * novel every DOM change (a card, a highlight, the chapter name in the header) otherwise costs a walk of all
 * 11,000 paragraphs before the next frame: measured in War and Peace with a change every frame, 21 fps flat and
 * 60 fps in sections of 50 paragraphs. One function decides the sections, so the document (build-reader-doc.ts)
 * and the offset ↔ position arithmetic (lib/anchoring/position-map.ts) always agree. Pure, so it is unit-tested.
 */

/** What a block needs to say for sectioning: its span and whether it is a heading. */
export interface SectionedBlock {
  start: number;
  end: number;
  type?: string;
}

/** Texts of up to this many blocks are drawn flat (no sections): there is nothing to skip. */
export const sectionFrom = 200;
/** A section closes at a heading once it holds this many blocks, and always at `maxBlocks`. */
const minBlocks = 20;
const maxBlocks = 60;

/** The indices of the blocks that open a section (the first is 0), or none for a text drawn flat. */
export function sectionStarts(blocks: readonly SectionedBlock[]): number[] {
  if (blocks.length <= sectionFrom) return [];
  const starts = [0];
  let open = 0;
  for (let i = 1; i < blocks.length; i++) {
    const size = i - open;
    if (size >= maxBlocks || (size >= minBlocks && blocks[i].type === 'heading')) {
      starts.push(i);
      open = i;
    }
  }
  return starts;
}

/** Characters per line and pixels per line of the text column on a laptop, for a first guess of a section's height. */
const charsPerLine = 72;
const lineHeightPx = 32.5;
const blockGapPx = 20;

/**
 * A first guess of the height of blocks `from`..`to` (exclusive) in pixels, until the browser has drawn them once
 * (`contain-intrinsic-size: auto` remembers the real height after that).
 */
export function estimatedHeight(blocks: readonly SectionedBlock[], from: number, to: number): number {
  let px = 0;
  for (let i = from; i < to; i++) {
    const lines = Math.max(1, Math.ceil((blocks[i].end - blocks[i].start) / charsPerLine));
    px += lines * lineHeightPx + blockGapPx + (blocks[i].type === 'heading' ? 60 : 0);
  }
  return Math.round(px);
}
