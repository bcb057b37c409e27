/**
 * The notes an import could not place (the `import_orphans` table): stored per document and importer, listed to
 * that importer only, and removed once placed or discarded.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { importOrphans, type ImportOrphanRow } from '../schema.ts';

/** An orphan as the routes and the reader see it. */
export interface ImportOrphan {
  id: string;
  index: number;
  quote: string;
  prefix: string | null;
  suffix: string | null;
  comment: string;
  tags: string[];
  author: string | null;
  reason: string;
  score: number | null;
  createdAt: string;
}

/** What an import stores for one note it could not place. */
export type NewImportOrphan = Omit<ImportOrphan, 'createdAt'>;

function fromRow(row: ImportOrphanRow): ImportOrphan {
  let tags: string[] = [];
  try {
    // Parsed, not trusted: anything but an array of strings reads as no tags.
    const parsed: unknown = JSON.parse(row.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {}
  return {
    id: row.id,
    index: row.sourceIndex,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    comment: row.comment,
    tags,
    author: row.author,
    reason: row.reason,
    score: row.score,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stores `orphans` for `userId` on `documentId` in one transaction. */
export function insertImportOrphans(db: GlossaDb, documentId: string, userId: string, orphans: NewImportOrphan[], now = new Date()): void {
  if (!orphans.length) return;
  db.transaction((tx) => {
    // SQLite caps bound variables per statement: insert in batches.
    for (let i = 0; i < orphans.length; i += 500)
      tx.insert(importOrphans)
        .values(
          orphans.slice(i, i + 500).map((o) => ({
            id: o.id,
            documentId,
            userId,
            sourceIndex: o.index,
            quote: o.quote,
            prefix: o.prefix,
            suffix: o.suffix,
            comment: o.comment,
            tags: JSON.stringify(o.tags),
            author: o.author,
            reason: o.reason,
            score: o.score,
            createdAt: now,
          })),
        )
        .run();
  });
}

/** `userId`'s orphans on `documentId`, oldest import first, in file order. */
export function listImportOrphans(db: GlossaDb, documentId: string, userId: string): ImportOrphan[] {
  return db
    .select()
    .from(importOrphans)
    .where(and(eq(importOrphans.documentId, documentId), eq(importOrphans.userId, userId)))
    .orderBy(asc(importOrphans.createdAt), asc(importOrphans.sourceIndex))
    .all()
    .map(fromRow);
}

/** One of `userId`'s orphans on `documentId`, or null. */
export function getImportOrphan(db: GlossaDb, documentId: string, userId: string, id: string): ImportOrphan | null {
  const row = db
    .select()
    .from(importOrphans)
    .where(and(eq(importOrphans.id, id), eq(importOrphans.documentId, documentId), eq(importOrphans.userId, userId)))
    .get();
  return row ? fromRow(row) : null;
}

/** Removes one of `userId`'s orphans; whether there was one. */
export function deleteImportOrphan(db: GlossaDb, documentId: string, userId: string, id: string): boolean {
  return (
    db
      .delete(importOrphans)
      .where(and(eq(importOrphans.id, id), eq(importOrphans.documentId, documentId), eq(importOrphans.userId, userId)))
      .run().changes > 0
  );
}

/** How many orphans `userId` has on `documentId`. */
export function countImportOrphans(db: GlossaDb, documentId: string, userId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(importOrphans)
      .where(and(eq(importOrphans.documentId, documentId), eq(importOrphans.userId, userId)))
      .get()?.n ?? 0
  );
}
