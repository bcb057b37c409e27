/**
 * The co-occurrence matrix of the Themes view: theme × theme, each cell the notes that carry both themes, the
 * diagonal each theme's own count. Two themes "share a passage" as `coOccurrences` (theme-map.ts) counts it: one
 * note is tagged with both. Two readers' notes on the same words, each with one of the themes, share nothing here —
 * a reading group's agreement is a different question from what one reader saw together.
 *
 * A room may use dozens of themes: the matrix shows the most used ones first and says how many it leaves out.
 */
import { tagsOf } from '../annotations/build-annotation.ts';
import type { PassageAnnotation } from '../annotations/schema.ts';
import { coOccurrences } from './theme-map.ts';

/** The matrix, shaped for a table: which themes are rows (and columns), and what each cell holds. */
export interface ThemeMatrix {
  /** The themes shown, as rows and as columns: the most used first (ties by name). */
  themes: string[];
  /** How many themes carry notes in all (more than `themes.length` when some are left out). */
  themeCount: number;
  /** How many notes carry each theme (the diagonal), for every theme that carries any. */
  totals: Map<string, number>;
  /** The notes that carry both of two themes, by `pairKey`; pairs that share nothing are absent. */
  shared: Map<string, string[]>;
  /** The most notes any two of the shown themes share (0 when none do), to shade the cells against. */
  most: number;
}

/** The key of a pair of themes in `ThemeMatrix.shared`, the same whichever comes first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

/** The notes a cell of `matrix` stands for: both themes together, or, on the diagonal, the theme's own count. */
export function cellCount(matrix: ThemeMatrix, row: string, column: string): number {
  return row === column ? (matrix.totals.get(row) ?? 0) : (matrix.shared.get(pairKey(row, column))?.length ?? 0);
}

/** The matrix of `notes`, with at most `limit` themes (the most used), or all of them. */
export function themeMatrix(notes: readonly PassageAnnotation[], limit = Number.POSITIVE_INFINITY): ThemeMatrix {
  const totals = new Map<string, number>();
  for (const note of notes) for (const theme of new Set(tagsOf(note))) totals.set(theme, (totals.get(theme) ?? 0) + 1);
  const ranked = [...totals.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([t]) => t);
  const themes = ranked.slice(0, Math.max(0, limit));
  const shown = new Set(themes);
  const shared = new Map<string, string[]>();
  let most = 0;
  for (const pair of coOccurrences(notes)) {
    shared.set(pairKey(pair.a, pair.b), pair.notes);
    if (shown.has(pair.a) && shown.has(pair.b)) most = Math.max(most, pair.notes.length);
  }
  return { themes, themeCount: ranked.length, totals, shared, most };
}
