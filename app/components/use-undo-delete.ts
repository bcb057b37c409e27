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

export function useUndoDelete(store: NotesStore | null): UndoDelete {
  const [pending, setPending] = useState<DeletedNote | null>(null);
  const timer = useRef(0);
  const storeRef = useRef(store);
  storeRef.current = store;

  const remove = useCallback((id: string) => {
    const deleted = storeRef.current?.delete(id);
    if (!deleted) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setPending(null), undoWindowMs);
    setPending(deleted);
  }, []);

  const undo = useCallback(() => {
    setPending((p) => {
      if (p) storeRef.current?.restore(p);
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
