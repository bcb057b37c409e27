/**
 * Durable storage of a live room: the Yjs update log and the relational projection (annotations, bodies, tags),
 * written together in one SQLite transaction so the rows can never drift from the log.
 */
import { and, asc, eq, getTableColumns, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { isPassageAnnotation, type Annotation, type Tag } from '../../lib/annotations/schema.ts';
import type { GlossaDb } from '../client.ts';
import { annotationBodies, annotations, tags, yjsUpdates } from '../schema.ts';

/** One accepted change of a room, as the server's gatekeeper decided it. */
export interface RoomChange {
  documentId: string;
  /** The Yjs update that brings the stored log to the room's new state. */
  update: Uint8Array;
  upsertAnnotations: Annotation[];
  deleteAnnotations: string[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
}

/** The stored Yjs updates of a document, oldest first. */
export function loadRoomUpdates(db: GlossaDb, documentId: string): Uint8Array[] {
  return db
    .select({ data: yjsUpdates.data })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.documentId, documentId))
    .orderBy(asc(yjsUpdates.id))
    .all()
    .map((r) => new Uint8Array(r.data));
}

const ph = sql.placeholder;

/** `excluded.<column>`: in an upsert, the value the conflicting insert brought. */
function excluded(column: AnySQLiteColumn) {
  return sql`excluded.${sql.identifier(column.name)}`;
}

/** The upsert `set` that takes every listed column from the conflicting insert. */
function fromExcluded<T extends Record<string, AnySQLiteColumn>>(columns: T): { [K in keyof T]: SQL } {
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, excluded(column)])) as { [K in keyof T]: SQL };
}

/** One placeholder per column, named by the column's key, so a row object can be passed to `run` as it is. */
function placeholdersFor<T extends Record<string, AnySQLiteColumn>>(columns: T): { [K in keyof T]: Placeholder<K & string> } {
  return Object.fromEntries(Object.keys(columns).map((key) => [key, ph(key)])) as { [K in keyof T]: Placeholder<K & string> };
}

/**
 * The statements of the write path, prepared once per connection: this runs for every accepted change, and
 * building and preparing the SQL anew each time cost more than executing it (measured with `npm run bench`).
 */
function writeStatements(db: GlossaDb) {
  const annotationColumns = getTableColumns(annotations);
  const tagValueColumns = { label: tags.label, color: tags.color, description: tags.description };
  return {
    insertUpdate: db.insert(yjsUpdates).values({ documentId: ph('documentId'), data: ph('data') }).prepare(),
    deleteAnnotation: db.delete(annotations).where(eq(annotations.id, ph('id'))).prepare(),
    upsertAnnotation: db
      .insert(annotations)
      .values(placeholdersFor(annotationColumns))
      .onConflictDoUpdate({ target: annotations.id, set: fromExcluded(annotationColumns) })
      .prepare(),
    deleteBodies: db.delete(annotationBodies).where(eq(annotationBodies.annotationId, ph('id'))).prepare(),
    insertBody: db
      .insert(annotationBodies)
      .values({ annotationId: ph('annotationId'), position: ph('position'), purpose: ph('purpose'), value: ph('value') })
      .prepare(),
    deleteTag: db.delete(tags).where(and(eq(tags.documentId, ph('documentId')), eq(tags.name, ph('name')))).prepare(),
    upsertTag: db
      .insert(tags)
      .values({ documentId: ph('documentId'), name: ph('name'), ...placeholdersFor(tagValueColumns) })
      .onConflictDoUpdate({ target: [tags.documentId, tags.name], set: fromExcluded(tagValueColumns) })
      .prepare(),
  };
}

const preparedByDb = new WeakMap<GlossaDb, ReturnType<typeof writeStatements>>();

function statementsFor(db: GlossaDb) {
  let prepared = preparedByDb.get(db);
  if (!prepared) {
    prepared = writeStatements(db);
    preparedByDb.set(db, prepared);
  }
  return prepared;
}

/** Persists one room change atomically; throws (and writes nothing) if any part fails. */
export function storeRoomChange(db: GlossaDb, change: RoomChange): void {
  const q = statementsFor(db);
  db.transaction(() => {
    q.insertUpdate.run({ documentId: change.documentId, data: Buffer.from(change.update) });
    for (const id of change.deleteAnnotations) q.deleteAnnotation.run({ id });
    for (const a of change.upsertAnnotations) {
      q.upsertAnnotation.run(annotationRow(change.documentId, a));
      q.deleteBodies.run({ id: a.id });
      a.body.forEach((b, position) => q.insertBody.run({ annotationId: a.id, position, purpose: b.purpose, value: b.value }));
    }
    for (const name of change.deleteTags) q.deleteTag.run({ documentId: change.documentId, name });
    for (const t of change.upsertTags)
      q.upsertTag.run({ documentId: change.documentId, name: t.name, label: t.label, color: t.color, description: t.description ?? null });
  });
}

/** The flattened row of an annotation; `json` keeps the whole object. */
function annotationRow(documentId: string, a: Annotation) {
  const passage = isPassageAnnotation(a) ? a.target.selector : null;
  return {
    id: a.id,
    documentId,
    motivation: a.motivation,
    creatorId: a.creator.id,
    creatorName: a.creator.name,
    created: a.created,
    modified: a.modified ?? null,
    parentId: typeof a.target === 'string' ? a.target : null,
    exact: passage?.[0].exact ?? null,
    prefix: passage?.[0].prefix ?? null,
    suffix: passage?.[0].suffix ?? null,
    start: passage?.[1].start ?? null,
    end: passage?.[1].end ?? null,
    json: a,
  };
}

/** Replaces a document's update log by one merged update (same state, fewer rows), atomically. */
export function compactRoomUpdates(db: GlossaDb, documentId: string, merged: Uint8Array, upToId: number): void {
  db.transaction((tx) => {
    tx.delete(yjsUpdates).where(and(eq(yjsUpdates.documentId, documentId), sql`${yjsUpdates.id} <= ${upToId}`)).run();
    tx.insert(yjsUpdates).values({ documentId, data: Buffer.from(merged) }).run();
  });
}

/** The number of stored updates of a document and the id of the newest, to decide on compaction. */
export function roomLogStats(db: GlossaDb, documentId: string): { count: number; lastId: number } {
  const r = db
    .select({ count: sql<number>`count(*)`, lastId: sql<number>`coalesce(max(${yjsUpdates.id}), 0)` })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.documentId, documentId))
    .get();
  return { count: r?.count ?? 0, lastId: r?.lastId ?? 0 };
}
