import { describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { coOccurrences, themeDensity } from '../../lib/tags/theme-map.ts';
import { aComment, commenting, tagging } from '../helpers/unit-annotations.ts';

/** A note starting at `start` with `themes` (only the position selector matters here). */
function at(id: string, start: number, themes: string[]): PassageAnnotation {
  const base = aComment({ id, body: [commenting('x'), ...themes.map(tagging)] });
  return {
    ...base,
    target: { ...base.target, selector: [base.target.selector[0], { type: 'TextPositionSelector', start, end: start + 5 }] },
  };
}

describe('themeDensity', () => {
  it('counts each theme per bin of the text, with the first note of each bin to jump to', () => {
    const notes = [at('a', 950, ['guilt']), at('b', 10, ['guilt', 'loss']), at('c', 20, ['guilt']), at('d', 999, ['loss'])];
    const density = themeDensity(notes, 1000, 10);
    expect(density.get('guilt')).toEqual([
      { bin: 0, count: 2, firstId: 'b', firstStart: 10 },
      { bin: 9, count: 1, firstId: 'a', firstStart: 950 },
    ]);
    expect(density.get('loss')?.map((b) => [b.bin, b.count])).toEqual([
      [0, 1],
      [9, 1],
    ]);
  });

  it('keeps a note at the very end in the last bin, and counts a theme once per note', () => {
    const density = themeDensity([at('z', 1000, ['guilt', 'guilt'])], 1000, 4);
    expect(density.get('guilt')).toEqual([{ bin: 3, count: 1, firstId: 'z', firstStart: 1000 }]);
  });
});

describe('coOccurrences', () => {
  it('lists the pairs of themes that share notes, most shared first, with those notes', () => {
    const notes = [at('a', 1, ['guilt', 'exclusion']), at('b', 2, ['exclusion', 'guilt', 'loneliness']), at('c', 3, ['guilt'])];
    expect(coOccurrences(notes)).toEqual([
      { a: 'exclusion', b: 'guilt', notes: ['a', 'b'] },
      { a: 'exclusion', b: 'loneliness', notes: ['b'] },
      { a: 'guilt', b: 'loneliness', notes: ['b'] },
    ]);
  });
});
