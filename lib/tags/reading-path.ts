/**
 * A reading path: one theme's passages in text order, stepped through one at a time (the Themes view's "guilt · 3 of
 * 14"). A theme is followed by its exact name, as the filter's `?theme=` does: a nested theme (*guilt / survivor's
 * guilt*) has a path of its own. Pure, over where each note sits, so the same steps hold for any text and any store.
 *
 * The reader's place on a path is a note and where it sits, not an index: when notes arrive, are untagged or deleted
 * while someone reads, the next step still goes to the passage after the one last shown.
 */

/** A note as a path sees it: where its passage starts and ends, and its themes. */
export interface PathNote {
  id: string;
  start: number;
  end: number;
  themes: readonly string[];
}

/** Where a reader is: the note last shown (it may have left the path since) and where it sits. */
export type PathPlace = Pick<PathNote, 'id' | 'start' | 'end'>;

/** What a step past either end does: go round to the other end, or stay (no step). */
export type PathEnds = 'wrap' | 'stop';

/** Text order: by where the passage starts, then the shorter first (nested in the longer), then by id (stable). */
export function compareTextOrder(a: PathPlace, b: PathPlace): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The notes carrying `theme`, in text order (a note naming a theme twice is on its path once). */
export function readingPath<N extends PathNote>(notes: Iterable<N>, theme: string): N[] {
  const path: N[] = [];
  for (const note of notes) if (note.themes.includes(theme)) path.push(note);
  return path.sort(compareTextOrder);
}

/** Every theme's path in one pass over the notes: theme → its notes in text order. */
export function readingPaths<N extends PathNote>(notes: Iterable<N>): Map<string, N[]> {
  const paths = new Map<string, N[]>();
  for (const note of notes)
    for (const theme of new Set(note.themes)) {
      const path = paths.get(theme);
      if (path) path.push(note);
      else paths.set(theme, [note]);
    }
  for (const path of paths.values()) path.sort(compareTextOrder);
  return paths;
}

/** Where `place` is on `path`: the index of its note (`exact`), or, for a note not on it, how many come before it. */
export function positionOn(path: readonly PathPlace[], place: PathPlace | null): { index: number; exact: boolean } {
  if (!place) return { index: 0, exact: false };
  let lo = 0;
  let hi = path.length;
  // The first note not before `place` (binary search: the path is in text order).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareTextOrder(path[mid]!, place) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (path[lo]?.id === place.id) return { index: lo, exact: true };
  // The note moved (a remote edit re-anchored it): found by id, wherever it now sits.
  const moved = path.findIndex((n) => n.id === place.id);
  return moved >= 0 ? { index: moved, exact: true } : { index: lo, exact: false };
}

/**
 * The index a step in `direction` (1: next, -1: previous) leads to from `place`, or null when there is nowhere to go
 * (an empty path, or an end when `ends` is 'stop'). With no place yet, next is the first note and previous the last.
 * From a note that has left the path, next is the first note after where it was, previous the last one before.
 */
export function stepOn(path: readonly PathPlace[], place: PathPlace | null, direction: 1 | -1, ends: PathEnds): number | null {
  const n = path.length;
  if (n === 0) return null;
  if (!place) return direction === 1 ? 0 : n - 1;
  const { index, exact } = positionOn(path, place);
  // Off the path, `index` is where the note would be: the next note is already there.
  const to = direction === 1 ? (exact ? index + 1 : index) : index - 1;
  if (to >= 0 && to < n) return to;
  return ends === 'wrap' ? (to + n) % n : null;
}
