/**
 * Durable storage of a live room: the Yjs update log and the relational projection (annotations, bodies, tags),
 * written together in one SQLite transaction so the rows can never drift from the log. Every statement names the
 * document: annotation ids are only unique within one room's map, so a write in one room never touches another's rows.
 */
import { and, asc, eq, getTableColumns, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { isPassageAnnotation, type Annotation, type Tag } from '../../lib/annotations/schema.ts';
import type { GlossaDb } from '../client.ts';
import { annotationBodies, annotations, roomClientOwners, tags, yjsUpdates } from '../schema.ts';

/** One accepted change of a room, as the server's gatekeeper decided it. */
export interface RoomChange {
  documentId: string;
  /** The Yjs update that brings the stored log to the room's new state. */
  update: Uint8Array;
  upsertAnnotations: Annotation[];
  deleteAnnotations: string[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
  /**
   * Yjs client ids this update introduces, with the reader who owns them; stored with the update (first claim wins)
   * so that ownership is as durable as the structs written under those ids.
   */
  claimClients?: ClientOwner[];
}

/** The owner of one Yjs client id in a room. */
export interface ClientOwner {
  clientId: number;
  owner: string;
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
  const tagValueColumns = { label: tags.label, color: tags.color, description: tags.description, parent: tags.parent };
  return {
    insertUpdate: db
      .insert(yjsUpdates)
      .values({ documentId: ph('documentId'), data: ph('data') })
      .prepare(),
    // Bodies go with their annotation by the (document_id, annotation_id) foreign key's cascade. Replies are not
    // removed: parent_id is no foreign key, so a deleted note's replies stay (shown as replies to a removed note).
    deleteAnnotation: db
      .delete(annotations)
      .where(and(eq(annotations.documentId, ph('documentId')), eq(annotations.id, ph('id'))))
      .prepare(),
    upsertAnnotation: db
      .insert(annotations)
      .values(placeholdersFor(annotationColumns))
      .onConflictDoUpdate({ target: [annotations.documentId, annotations.id], set: fromExcluded(annotationColumns) })
      .prepare(),
    deleteBodies: db
      .delete(annotationBodies)
      .where(and(eq(annotationBodies.documentId, ph('documentId')), eq(annotationBodies.annotationId, ph('id'))))
      .prepare(),
    insertBody: db
      .insert(annotationBodies)
      .values({
        documentId: ph('documentId'),
        annotationId: ph('annotationId'),
        position: ph('position'),
        purpose: ph('purpose'),
        value: ph('value'),
      })
      .prepare(),
    claimClient: db
      .insert(roomClientOwners)
      .values({ documentId: ph('documentId'), clientId: ph('clientId'), owner: ph('owner') })
      .onConflictDoNothing()
      .prepare(),
    deleteTag: db
      .delete(tags)
      .where(and(eq(tags.documentId, ph('documentId')), eq(tags.name, ph('name'))))
      .prepare(),
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
    const documentId = change.documentId;
    q.insertUpdate.run({ documentId, data: Buffer.from(change.update) });
    for (const c of change.claimClients ?? []) q.claimClient.run({ documentId, clientId: c.clientId, owner: c.owner });
    for (const id of change.deleteAnnotations) q.deleteAnnotation.run({ documentId, id });
    for (const a of change.upsertAnnotations) {
      q.upsertAnnotation.run(annotationRow(documentId, a));
      q.deleteBodies.run({ documentId, id: a.id });
      a.body.forEach((b, position) => q.insertBody.run({ documentId, annotationId: a.id, position, purpose: b.purpose, value: b.value }));
    }
    for (const name of change.deleteTags) q.deleteTag.run({ documentId: change.documentId, name });
    for (const t of change.upsertTags)
      q.upsertTag.run({
        documentId: change.documentId,
        name: t.name,
        label: t.label,
        color: t.color,
        description: t.description ?? null,
        parent: t.parent ?? null,
      });
  });
}

/** The flattened row of an annotation; `json` keeps the whole object. Exported for `db:check`, which compares. */
export function annotationRow(documentId: string, a: Annotation) {
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
    tx.delete(yjsUpdates)
      .where(and(eq(yjsUpdates.documentId, documentId), sql`${yjsUpdates.id} <= ${upToId}`))
      .run();
    tx.insert(yjsUpdates)
      .values({ documentId, data: Buffer.from(merged) })
      .run();
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

/** The owners of a room's Yjs client ids, as claimed with the updates that introduced them. */
export function loadClientOwners(db: GlossaDb, documentId: string): ClientOwner[] {
  return db
    .select({ clientId: roomClientOwners.clientId, owner: roomClientOwners.owner })
    .from(roomClientOwners)
    .where(eq(roomClientOwners.documentId, documentId))
    .orderBy(asc(roomClientOwners.clientId))
    .all();
}
