/**
 * The storage interface of live rooms, so rooms do not know SQLite (PostgreSQL or Redis adapters can follow).
 * The SQLite adapter keeps the update log and the relational projection in one transaction.
 */
import * as Y from 'yjs';
import type { GlossaDb } from '../db/client.ts';
import { getDocument } from '../db/queries/documents.ts';
import { compactRoomUpdates, loadRoomUpdates, roomLogStats, storeRoomChange, type RoomChange } from '../db/queries/room-store.ts';

export type { RoomChange };

/** What a room needs from storage. Every method may throw; rooms surface the error. */
export interface RoomPersistence {
  /** The document's canonical text and stored updates; null for an unknown document. */
  load(documentId: string): { text: string; updates: Uint8Array[] } | null;
  /** Stores one accepted change durably before it is broadcast. */
  store(change: RoomChange): void;
  /** Compacts the document's log to `state` when it has grown past `threshold` updates. */
  compact(documentId: string, state: () => Uint8Array, threshold: number): boolean;
}

/** Room persistence over the Drizzle/SQLite database. */
export function sqliteRoomPersistence(db: GlossaDb): RoomPersistence {
  return {
    load(documentId) {
      const doc = getDocument(db, documentId);
      if (!doc) return null;
      return { text: doc.text, updates: loadRoomUpdates(db, documentId) };
    },
    store(change) {
      storeRoomChange(db, change);
    },
    compact(documentId, state, threshold) {
      const stats = roomLogStats(db, documentId);
      if (stats.count <= threshold) return false;
      compactRoomUpdates(db, documentId, state(), stats.lastId);
      return true;
    },
  };
}

/** Rebuilds a Y.Doc from stored updates. */
export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}
