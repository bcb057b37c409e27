/**
 * Durable storage of a live room: the Yjs update log and the relational projection (annotations, bodies, tags),
 * written together in one SQLite transaction so the rows can never drift from the log.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
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

/** Persists one room change atomically; throws (and writes nothing) if any part fails. */
export function storeRoomChange(db: GlossaDb, change: RoomChange): void {
  db.transaction((tx) => {
    tx.insert(yjsUpdates).values({ documentId: change.documentId, data: Buffer.from(change.update) }).run();
    if (change.deleteAnnotations.length)
      tx.delete(annotations).where(inArray(annotations.id, change.deleteAnnotations)).run();
    for (const a of change.upsertAnnotations) upsertAnnotation(tx as unknown as GlossaDb, change.documentId, a);
    if (change.deleteTags.length)
      tx.delete(tags).where(and(eq(tags.documentId, change.documentId), inArray(tags.name, change.deleteTags))).run();
    for (const t of change.upsertTags) {
      const row = { documentId: change.documentId, name: t.name, label: t.label, color: t.color, description: t.description ?? null };
      tx.insert(tags).values(row).onConflictDoUpdate({ target: [tags.documentId, tags.name], set: row }).run();
    }
  });
}

function upsertAnnotation(tx: GlossaDb, documentId: string, a: Annotation): void {
  const passage = isPassageAnnotation(a) ? a.target.selector : null;
  const row = {
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
  tx.insert(annotations).values(row).onConflictDoUpdate({ target: annotations.id, set: row }).run();
  tx.delete(annotationBodies).where(eq(annotationBodies.annotationId, a.id)).run();
  if (a.body.length)
    tx.insert(annotationBodies)
      .values(a.body.map((b, position) => ({ annotationId: a.id, position, purpose: b.purpose, value: b.value })))
      .run();
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
