/**
 * Where each theme falls along a text (its density in bins of the text, for the theme map beside the reader) and
 * which themes share passages (the co-occurrence table). Pure, over the notes' positions in the canonical text.
 */
import { tagsOf } from '../annotations/build-annotation.ts';
import type { PassageAnnotation } from '../annotations/schema.ts';

/** One bin of a theme's strip: how many of its notes start there, and the first of them (to jump to). */
export interface ThemeBin {
  bin: number;
  count: number;
  firstId: string;
  firstStart: number;
}

/** Per theme, the bins of `bins` equal slices of a text of `textLength` that hold its notes, in text order. */
export function themeDensity(notes: Iterable<PassageAnnotation>, textLength: number, bins: number): Map<string, ThemeBin[]> {
  const byTheme = new Map<string, Map<number, ThemeBin>>();
  for (const note of notes) {
    const start = note.target.selector[1].start;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((start / Math.max(1, textLength)) * bins)));
    for (const theme of new Set(tagsOf(note))) {
      let strip = byTheme.get(theme);
      if (!strip) byTheme.set(theme, (strip = new Map()));
      const at = strip.get(bin);
      if (!at) strip.set(bin, { bin, count: 1, firstId: note.id, firstStart: start });
      else {
        at.count++;
        if (start < at.firstStart) Object.assign(at, { firstId: note.id, firstStart: start });
      }
    }
  }
  const out = new Map<string, ThemeBin[]>();
  for (const [theme, strip] of byTheme)
    out.set(
      theme,
      [...strip.values()].sort((a, b) => a.bin - b.bin),
    );
  return out;
}

/** A pair of themes and the notes that carry both. */
export interface CoOccurrence {
  a: string;
  b: string;
  notes: string[];
}

/** Every pair of themes that share at least one note (a < b by name), most shared first. */
export function coOccurrences(notes: Iterable<PassageAnnotation>): CoOccurrence[] {
  const pairs = new Map<string, CoOccurrence>();
  for (const note of notes) {
    const themes = [...new Set(tagsOf(note))].sort();
    for (let i = 0; i < themes.length; i++)
      for (let j = i + 1; j < themes.length; j++) {
        const key = `${themes[i]}\n${themes[j]}`;
        let pair = pairs.get(key);
        if (!pair) pairs.set(key, (pair = { a: themes[i], b: themes[j], notes: [] }));
        pair.notes.push(note.id);
      }
  }
  return [...pairs.values()].sort((x, y) => y.notes.length - x.notes.length || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}
