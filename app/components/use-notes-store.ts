'use client';
/**
 * The notes store of a connected room, and its current snapshot as React state. The store (lib/collab) owns the
 * room's maps; components read snapshots from here and write through the store's commands only.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { emptySnapshot as empty, NotesStore, type NotesSnapshot } from '../../lib/collab/notes-store.ts';
import type { RoomClient } from '../../lib/collab/room-client.ts';

const noSubscription = () => () => {};
const emptySnapshot = () => empty;

/** A store over `client`'s maps for as long as the client lives (null before it connects), and its snapshot. */
export function useNotesStore(
  client: RoomClient | null,
  documentId: string,
  text: string,
): { store: NotesStore | null; notes: NotesSnapshot } {
  const [store, setStore] = useState<NotesStore | null>(null);
  useEffect(() => {
    if (!client) return;
    const made = new NotesStore(client, documentId, text);
    setStore(made);
    return () => {
      made.destroy();
      setStore(null);
    };
  }, [client, documentId, text]);
  const notes = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? emptySnapshot, emptySnapshot);
  return { store, notes };
}
