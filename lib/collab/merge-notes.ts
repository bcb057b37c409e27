/**
 * The reader's view of two layers at once: the room's shared notes and the reader's private ones, as one snapshot
 * (the shared note wins should an id be in both for a moment, while a private note is being shared). Pure, so the
 * merge is cheap to test and unchanged layers keep their objects (an empty private layer returns the shared one).
 */
import type { NotesSnapshot } from './notes-store.ts';

function union<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const merged = new Map(b);
  for (const [k, v] of a) merged.set(k, v);
  return merged;
}

export function mergeNotes(shared: NotesSnapshot, own: NotesSnapshot): NotesSnapshot {
  if (own.annotations.size === 0 && own.tags.size === 0) return shared;
  return {
    annotations: union(shared.annotations, own.annotations),
    passages: union(shared.passages, own.passages),
    // Private notes take no replies: only the room's threads.
    replies: shared.replies,
    reactions: shared.reactions,
    tags: union(shared.tags, own.tags),
    withheld: shared.withheld,
  };
}
