'use client';
/**
 * Deleting one's own notes and replies with a way back: the last delete can be undone for a while (the toast's
 * Undo, or Ctrl/Cmd+Z outside text fields). The writes go through the notes store.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeletedNote, NotesStore } from '../../lib/collab/notes-store.ts';

/** How long a delete can be undone. */
export const undoWindowMs = 8000;

export interface UndoDelete {
  /** The last delete while it can still be undone. */
  pending: DeletedNote | null;
  remove(id: string): void;
  undo(): void;
}

/**
 * Deletes through whichever store holds the note: the room's, or the reader's private layer (`privateStore`), and
 * undoes into the same one.
 */
export function useUndoDelete(store: NotesStore | null, privateStore: NotesStore | null = null): UndoDelete {
  const [pending, setPending] = useState<(DeletedNote & { from: NotesStore }) | null>(null);
  const timer = useRef(0);
  const stores = useRef([store, privateStore]);
  stores.current = [store, privateStore];

  const remove = useCallback((id: string) => {
    const from = stores.current.find((s) => s?.getSnapshot().annotations.has(id));
    const deleted = from?.delete(id);
    if (!from || !deleted) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setPending(null), undoWindowMs);
    setPending({ ...deleted, from });
  }, []);

  const undo = useCallback(() => {
    setPending((p) => {
      if (p) p.from.restore(p);
      return null;
    });
    window.clearTimeout(timer.current);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !(e.target as HTMLElement).closest('textarea, input')) {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending, undo]);

  return { pending, remove, undo };
}
