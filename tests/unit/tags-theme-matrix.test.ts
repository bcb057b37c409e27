import { describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { cellCount, pairKey, themeMatrix } from '../../lib/tags/theme-matrix.ts';
import { aComment, commenting, tagging } from '../helpers/unit-annotations.ts';

/** A note with `themes` (the passage does not matter to the matrix). */
function tagged(id: string, themes: string[]): PassageAnnotation {
  return aComment({ id, body: [commenting('x'), ...themes.map(tagging)] });
}

const notes = [
  tagged('a', ['guilt', 'exclusion']),
  tagged('b', ['exclusion', 'guilt', 'loneliness']),
  tagged('c', ['guilt']),
  tagged('d', ['regret']),
  tagged('e', ['exclusion']),
  tagged('f', ['the chip', 'regret']),
];

describe('themeMatrix', () => {
  it('orders the themes most used first, ties by name, and counts each on the diagonal', () => {
    const m = themeMatrix(notes);
    expect(m.themes).toEqual(['exclusion', 'guilt', 'regret', 'loneliness', 'the chip']);
    expect(m.themes.map((t) => cellCount(m, t, t))).toEqual([3, 3, 2, 1, 1]);
    expect(m.themeCount).toBe(5);
  });

  it('holds in each cell the notes tagged with both themes, the same cell whichever way it is read', () => {
    const m = themeMatrix(notes);
    expect(m.shared.get(pairKey('guilt', 'exclusion'))).toEqual(['a', 'b']);
    expect(cellCount(m, 'guilt', 'exclusion')).toBe(2);
    expect(cellCount(m, 'exclusion', 'guilt')).toBe(2);
    expect(cellCount(m, 'loneliness', 'guilt')).toBe(1);
    expect(cellCount(m, 'guilt', 'regret')).toBe(0);
    expect(m.most).toBe(2);
  });

  it('counts only notes that carry both: two notes on the same words, one theme each, share nothing', () => {
    const m = themeMatrix([tagged('x', ['guilt']), tagged('y', ['regret'])]);
    expect(cellCount(m, 'guilt', 'regret')).toBe(0);
    expect(m.most).toBe(0);
  });

  it('keeps the most used themes up to a limit, says how many there are, and shades against the shown cells only', () => {
    const m = themeMatrix(notes, 3);
    expect(m.themes).toEqual(['exclusion', 'guilt', 'regret']);
    expect(m.themeCount).toBe(5);
    expect(m.most).toBe(2);
    const two = themeMatrix(notes, 2);
    expect(two.themes).toEqual(['exclusion', 'guilt']);
    expect(themeMatrix([tagged('p', ['a', 'b']), tagged('q', ['a']), tagged('r', ['a']), tagged('s', ['c'])], 2).most).toBe(1);
    expect(themeMatrix([tagged('p', ['a', 'b']), tagged('q', ['a']), tagged('r', ['c']), tagged('s', ['c'])], 2).most).toBe(0);
  });

  it('is empty for notes without themes', () => {
    const m = themeMatrix([aComment({ id: 'plain', body: [commenting('no theme')] })]);
    expect(m.themes).toEqual([]);
    expect(m.themeCount).toBe(0);
  });
});
