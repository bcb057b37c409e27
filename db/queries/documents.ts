/** Queries on the documents aggregate: the library list, one document, imports. */
import { count, eq, sql } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { annotations, documents, type DocumentRow } from '../schema.ts';

/** A library entry. */
export interface DocumentSummary {
  id: string;
  title: string;
  author: string | null;
  noteCount: number;
  length: number;
  createdAt: string;
}

/** Every document with its number of notes (replies included), newest first after the seed. */
export function listDocuments(db: GlossaDb): DocumentSummary[] {
  return db
    .select({
      id: documents.id,
      title: documents.title,
      author: documents.author,
      length: sql<number>`length(${documents.text})`,
      createdAt: documents.createdAt,
      // Columns are qualified by hand: in a one-table select Drizzle renders bare names, and a bare "id" inside the
      // subquery would mean annotations.id (the count was always 0).
      noteCount: sql<number>`(select count(*) from ${annotations} where ${annotations}.${sql.identifier(annotations.documentId.name)} = ${documents}.${sql.identifier(documents.id.name)})`,
    })
    .from(documents)
    .orderBy(documents.createdAt, documents.title)
    .all();
}

/** One document, or null. */
export function getDocument(db: GlossaDb, id: string): DocumentRow | null {
  return db.select().from(documents).where(eq(documents.id, id)).get() ?? null;
}

/** A document's title and author without its text (cheap for a whole novel); null when unknown. */
export function getDocumentHeading(db: GlossaDb, id: string): { id: string; title: string; author: string | null } | null {
  return db.select({ id: documents.id, title: documents.title, author: documents.author }).from(documents).where(eq(documents.id, id)).get() ?? null;
}

/** The canonical text and id of a document, without the other columns; null when unknown. */
export function getDocumentText(db: GlossaDb, id: string): string | null {
  return db.select({ text: documents.text }).from(documents).where(eq(documents.id, id)).get()?.text ?? null;
}

/** Whether a document exists. */
export function documentExists(db: GlossaDb, id: string): boolean {
  return (db.select({ n: count() }).from(documents).where(eq(documents.id, id)).get()?.n ?? 0) > 0;
}

/** Stores an imported document. */
export function insertDocument(db: GlossaDb, row: typeof documents.$inferInsert): void {
  db.insert(documents).values(row).run();
}
