/**
 * The storage interface of live rooms, so rooms do not know SQLite (PostgreSQL or Redis adapters can follow).
 * Asynchronous, like every seam that will one day meet the network; the room awaits it in its serial order.
 * The SQLite adapter stays synchronous underneath and keeps the update log, the relational projection and the
 * ownership of Yjs client ids in one transaction.
 */
import * as Y from 'yjs';
import type { GlossaDb } from '../db/client.ts';
import { getDocument } from '../db/queries/documents.ts';
import {
  compactRoomUpdates,
  loadClientOwners,
  loadRoomUpdates,
  roomLogStats,
  storeRoomChange,
  type ClientOwner,
  type RoomChange,
} from '../db/queries/room-store.ts';
import { appendPrivateUpdate, compactPrivateUpdates, loadPrivateUpdates, privateLogStats } from '../db/queries/private-layer.ts';

export type { ClientOwner, RoomChange };

/** What storage holds for one room. */
export interface StoredRoom {
  /** The document's canonical text (anchors are checked against it). */
  text: string;
  /** The room's Yjs update log, oldest first. */
  updates: Uint8Array[];
  /** Who owns which Yjs client id (only the connection of that owner may write under it). */
  clientOwners: ClientOwner[];
  /** The text's blocks and chapters (what reading blind counts in); absent: one unit, the whole text. */
  structure?: TextStructure;
}

/** The spans of a document's blocks and its outline, as stored. */
export interface TextStructure {
  paragraphs: ReadonlyArray<readonly [number, number]>;
  chapters: ReadonlyArray<{ start: number; end: number }>;
}

/** What a room needs from storage. Every method may reject; rooms surface the error. */
export interface RoomPersistence {
  /** The stored room; null for an unknown document. */
  load(documentId: string): Promise<StoredRoom | null>;
  /** Stores one accepted change durably before it is broadcast. */
  store(change: RoomChange): Promise<void>;
  /** Compacts the document's log to `state()` when it has grown past `threshold` updates. */
  compact(documentId: string, state: () => Uint8Array | null, threshold: number): Promise<boolean>;
}

/** Room persistence over the Drizzle/SQLite database. */
export function sqliteRoomPersistence(db: GlossaDb): RoomPersistence {
  return {
    async load(documentId) {
      const doc = getDocument(db, documentId);
      if (!doc) return null;
      return {
        text: doc.text,
        updates: loadRoomUpdates(db, documentId),
        clientOwners: loadClientOwners(db, documentId),
        structure: { paragraphs: doc.paragraphs, chapters: doc.chapters },
      };
    },
    async store(change) {
      storeRoomChange(db, change);
    },
    async compact(documentId, state, threshold) {
      const stats = roomLogStats(db, documentId);
      if (stats.count <= threshold) return false;
      const merged = state();
      if (!merged) return false;
      compactRoomUpdates(db, documentId, merged, stats.lastId);
      return true;
    },
  };
}

/**
 * Persistence of one user's private layer of documents: the same room, over a log of its own and without the
 * relational projection (no annotation rows, so no route or export can read a private note). Client ids need no
 * stored owners: only the one user ever joins the layer.
 */
export function privateRoomPersistence(db: GlossaDb, userId: string): RoomPersistence {
  return {
    async load(documentId) {
      const doc = getDocument(db, documentId);
      if (!doc) return null;
      return { text: doc.text, updates: loadPrivateUpdates(db, documentId, userId), clientOwners: [] };
    },
    async store(change) {
      appendPrivateUpdate(db, change.documentId, userId, change.update);
    },
    async compact(documentId, state, threshold) {
      const stats = privateLogStats(db, documentId, userId);
      if (stats.count <= threshold) return false;
      const merged = state();
      if (!merged) return false;
      compactPrivateUpdates(db, documentId, userId, merged, stats.lastId);
      return true;
    },
  };
}

/**
 * Rebuilds a Y.Doc from stored updates. Stored updates were admitted before they were stored, but a log written by
 * an older version may hold one that throws or never integrates: then the updates are applied one by one and any
 * that fails or stays pending is left out (and reported), so a document can always be opened.
 */
export function docFromUpdates(updates: Uint8Array[], onBadUpdate: (err: unknown) => void = () => {}): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  if (updates.length === 0) return doc;
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    if (!doc.store.pendingStructs && !doc.store.pendingDs) return doc;
    onBadUpdate(new Error('the stored log leaves structs pending'));
  } catch (err) {
    onBadUpdate(err);
  }
  doc.destroy();
  const careful = new Y.Doc({ gc: true });
  for (const update of updates) {
    const trial = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(careful));
      Y.applyUpdate(trial, update);
      if (trial.store.pendingStructs || trial.store.pendingDs) throw new Error('update leaves structs pending');
      Y.applyUpdate(careful, update);
    } catch (err) {
      onBadUpdate(err);
    } finally {
      trial.destroy();
    }
  }
  return careful;
}

/**
 * The owner of every Yjs client id in `doc`: the stored owners, and for ids written before owners were stored, the
 * one creator of the live notes written under that id (ids of tags only, or of several creators, stay unowned).
 */
export function clientOwnersOf(doc: Y.Doc, stored: ClientOwner[]): Map<number, string> {
  const owners = new Map<number, string>(stored.map((o) => [o.clientId, o.owner]));
  const derived = new Map<number, string | null>();
  for (const [client, structs] of doc.store.clients) {
    if (owners.has(client)) continue;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentAny)) continue;
      const creator = (struct.content.arr[0] as { creator?: { id?: unknown } } | null)?.creator?.id;
      if (typeof creator !== 'string') continue;
      const owner = `reader:${creator}`;
      const seen = derived.get(client);
      derived.set(client, seen === undefined || seen === owner ? owner : null);
    }
  }
  for (const [client, owner] of derived) if (owner) owners.set(client, owner);
  return owners;
}
