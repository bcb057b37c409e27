/**
 * Reads a running server's SQLite file from the test process, read-only, to check what was really written (the
 * HTTP API could hide a missing row behind the room's memory; the file cannot).
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';

/** Opens `dbPath` read-only, runs `read`, and always closes the connection. */
export function readDatabase<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The stored Yjs updates of a document, oldest first. */
export function storedUpdates(db: Database.Database, documentId: string): Uint8Array[] {
  const rows = db.prepare('select data from yjs_updates where document_id = ? order by id').all(documentId) as Array<{ data: Buffer }>;
  return rows.map((r) => new Uint8Array(r.data));
}

/** The room state the stored update log replays to. The caller destroys the doc. */
export function replayUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

/** The map keys (`"<root>/<key>"`) an update writes, read from its structs without applying it. */
export function keysWritten(update: Uint8Array): string[] {
  const keys: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && typeof struct.parent === 'string' && typeof struct.parentSub === 'string')
      keys.push(`${struct.parent}/${struct.parentSub}`);
  }
  return keys;
}
