/**
 * A reader's private layer of a document: an update log of its own (`private_updates`), keyed by document and
 * user. Nothing is projected into the annotation rows, which every HTTP route and export reads, so a private note
 * cannot reach them by construction.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { privateUpdates } from '../schema.ts';

/** The stored updates of `userId`'s private layer of `documentId`, oldest first. */
export function loadPrivateUpdates(db: GlossaDb, documentId: string, userId: string): Uint8Array[] {
  return db
    .select({ data: privateUpdates.data })
    .from(privateUpdates)
    .where(and(eq(privateUpdates.documentId, documentId), eq(privateUpdates.userId, userId)))
    .orderBy(asc(privateUpdates.id))
    .all()
    .map((r) => new Uint8Array(r.data));
}

export function appendPrivateUpdate(db: GlossaDb, documentId: string, userId: string, update: Uint8Array): void {
  db.insert(privateUpdates)
    .values({ documentId, userId, data: Buffer.from(update) })
    .run();
}

/** The number of stored updates of a private layer and the id of the newest. */
export function privateLogStats(db: GlossaDb, documentId: string, userId: string): { count: number; lastId: number } {
  const r = db
    .select({ count: sql<number>`count(*)`, lastId: sql<number>`coalesce(max(${privateUpdates.id}), 0)` })
    .from(privateUpdates)
    .where(and(eq(privateUpdates.documentId, documentId), eq(privateUpdates.userId, userId)))
    .get();
  return { count: r?.count ?? 0, lastId: r?.lastId ?? 0 };
}

/** Replaces a private layer's log up to `upToId` by one merged update, atomically. */
export function compactPrivateUpdates(db: GlossaDb, documentId: string, userId: string, merged: Uint8Array, upToId: number): void {
  db.transaction((tx) => {
    tx.delete(privateUpdates)
      .where(and(eq(privateUpdates.documentId, documentId), eq(privateUpdates.userId, userId), sql`${privateUpdates.id} <= ${upToId}`))
      .run();
    tx.insert(privateUpdates)
      .values({ documentId, userId, data: Buffer.from(merged) })
      .run();
  });
}
