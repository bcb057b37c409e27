/**
 * The notes in the order a reader meets them in the text, and the step to the next or previous one (J and K in
 * the reader). Whatever set of notes is given is the set stepped through: the reader passes the notes its filter
 * shows, so with `?theme=guilt` the steps stay within guilt. Pure: positions are whatever the caller's are.
 */

/** A note where it lies: any position space, `from <= to`. */
export interface PlacedNote {
  id: string;
  from: number;
  to: number;
}

/** `notes` in text order: by start, then the longer first (an enclosing note before the ones nested in it), then id. */
export function readingOrder<T extends PlacedNote>(notes: Iterable<T>): T[] {
  return [...notes].sort((a, b) => a.from - b.from || b.to - a.to || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Where a step starts: a note (a focused card), or a position in the text (the caret). */
export type StepFrom = { id: string } | { at: number };

/**
 * The note after (`next`) or before (`previous`) `from` in `order` (as {@link readingOrder} gives it), or null
 * when there is none. From a caret, the next note is the first that starts after it and the previous the last
 * that starts before it; from a note that is not in `order` (filtered out), nothing is found.
 */
export function stepNote(order: readonly PlacedNote[], from: StepFrom, direction: 'next' | 'previous'): string | null {
  if ('id' in from) {
    const i = order.findIndex((n) => n.id === from.id);
    if (i < 0) return null;
    return order[direction === 'next' ? i + 1 : i - 1]?.id ?? null;
  }
  const found = direction === 'next' ? order.find((n) => n.from > from.at) : order.findLast((n) => n.from < from.at);
  return found?.id ?? null;
}
