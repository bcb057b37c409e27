/**
 * Real SQLite files for tests of the storage layer (db/): migrated and seeded as the server does it, with a second
 * copy of the story as another document, and a writer that stores a Yjs update and its rows the way a room does.
 */
import type * as Y from 'yjs';
import { openDatabase, type GlossaDb } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertDocument } from '../../db/queries/documents.ts';
import { storeRoomChange, type RoomChange } from '../../db/queries/room-store.ts';
import { seedSampleText } from '../../db/seed.ts';
import { tempDbPath } from './server-process.ts';
import { story, storyDocumentId } from './unit-story.ts';
import { updateOf } from './unit-yjs.ts';

/** The project root (where db/migrations and db/seed are). */
export const projectRoot = new URL('../..', import.meta.url).pathname;

/** The id of the second document: the story again, so the same passages anchor in both. */
export const secondDocumentId = 'should-have-known-again';

export interface TempDatabase {
  db: GlossaDb;
  dbPath: string;
  /** Closes the connection and removes the temp folder. */
  dispose(): void;
}

/** A migrated temp database holding the story (`storyDocumentId`) and its copy (`secondDocumentId`). */
export function freshDatabase(): TempDatabase {
  const temp = tempDbPath();
  const db = openDatabase(temp.dbPath);
  migrateDatabase(db, projectRoot);
  // An empty room: the storage tests count every update, row and claim they write themselves.
  seedSampleText(db, projectRoot, { suggestedThemes: false });
  insertDocument(db, {
    id: secondDocumentId,
    title: 'Should Have Known (again)',
    author: story.author,
    metadata: story.metadata,
    text: story.text,
    paragraphs: story.paragraphs.map((p) => [p.start, p.end]),
  });
  return {
    db,
    dbPath: temp.dbPath,
    dispose() {
      db.$client.close();
      temp.cleanup();
    },
  };
}

/** The rows part of a room change; every list defaults to empty. */
export type ChangeRows = Partial<Omit<RoomChange, 'documentId' | 'update'>>;

/**
 * Makes `change` on `doc` (a client's Y.Doc for `documentId`'s room) and stores the update it emits with `rows`,
 * in one transaction, as the room does after the gate. Passing rows that do not match the update makes the drift
 * that `db:check` must find. Returns the update.
 */
export function storeWrite(db: GlossaDb, documentId: string, doc: Y.Doc, change: (doc: Y.Doc) => void, rows: ChangeRows = {}): Uint8Array {
  const update = updateOf(doc, change);
  storeUpdate(db, documentId, update, rows);
  return update;
}

/** Stores a given update (any bytes) with `rows`, as `storeWrite` does. */
export function storeUpdate(db: GlossaDb, documentId: string, update: Uint8Array, rows: ChangeRows = {}): void {
  storeRoomChange(db, {
    documentId,
    update,
    upsertAnnotations: [],
    deleteAnnotations: [],
    upsertTags: [],
    deleteTags: [],
    ...rows,
  });
}

export { storyDocumentId };
