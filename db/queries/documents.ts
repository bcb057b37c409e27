/** Queries on the documents aggregate: the library list, one document, imports. */
import { count, eq, sql } from 'drizzle-orm';
import type { SlugUse } from '../../lib/text/document-slug.ts';
import { blocksOfStored, chaptersOfStored, encodeBlock, type Block, type Chapter } from '../../lib/text/document-model.ts';
import type { ImportedText } from '../../lib/text/import-text.ts';
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

/** What `GET /api/documents/<id>` answers: a document without its text and blocks. */
export interface DocumentOutline {
  id: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  chapters: Chapter[];
}

/** A document's title, author, metadata and chapters (no text, no blocks); null when unknown. */
export function getDocumentOutline(db: GlossaDb, id: string): DocumentOutline | null {
  const row = db
    .select({ id: documents.id, title: documents.title, author: documents.author, metadata: documents.metadata, chapters: documents.chapters })
    .from(documents)
    .where(eq(documents.id, id))
    .get();
  return row ? { ...row, chapters: chaptersOfStored(row.chapters) } : null;
}

/** The typed blocks and chapters of a stored document (old rows: one paragraph block per paragraph, no chapters). */
export function documentStructure(row: Pick<DocumentRow, 'paragraphs' | 'blocks' | 'chapters'>): { blocks: Block[]; chapters: Chapter[] } {
  return { blocks: blocksOfStored(row.blocks, row.paragraphs), chapters: chaptersOfStored(row.chapters) };
}

/** The columns that store an imported text's structure. */
export function structureColumns(imported: Pick<ImportedText, 'blocks' | 'chapters'>): Pick<DocumentRow, 'paragraphs' | 'blocks' | 'chapters'> {
  return {
    paragraphs: imported.blocks.map((b) => [b.start, b.end]),
    blocks: imported.blocks.map(encodeBlock),
    chapters: imported.chapters,
  };
}

/** The canonical text and id of a document, without the other columns; null when unknown. */
export function getDocumentText(db: GlossaDb, id: string): string | null {
  return db.select({ text: documents.text }).from(documents).where(eq(documents.id, id)).get()?.text ?? null;
}

/** Whether a document exists. */
export function documentExists(db: GlossaDb, id: string): boolean {
  return (db.select({ n: count() }).from(documents).where(eq(documents.id, id)).get()?.n ?? 0) > 0;
}

/** Characters a slug may hold; none of them is special in a GLOB pattern. */
const globSafeSlug = /^[A-Za-z0-9_.:-]+$/;

/**
 * In one query, whether `slug` is a document id and the largest `n` of the ids `<slug>-<n>` (digits, no leading
 * zero). The GLOB on the primary key is a range scan of its index over the ids that start with `<slug>-<1-9>`, so
 * the cost no longer grows with one query per copy of a title (the 2,500th "Untitled" took 2,500 look-ups).
 */
export function documentSlugUse(db: GlossaDb, slug: string): SlugUse {
  if (!globSafeSlug.test(slug)) throw new Error(`not a slug: ${JSON.stringify(slug)}`);
  const id = sql.identifier(documents.id.name);
  const table = sql.identifier('documents');
  const suffixStart = slug.length + 2; // substr() counts from 1; skip the slug and its hyphen
  const row = db.get<{ taken: number; highestSuffix: string | null }>(sql`
    select
      exists (select 1 from ${table} where ${id} = ${slug}) as taken,
      (select substr(${id}, ${suffixStart}) from ${table}
        where ${id} glob ${`${slug}-[1-9]*`} and substr(${id}, ${suffixStart}) not glob '*[^0-9]*'
        order by length(${id}) desc, ${id} desc limit 1) as highestSuffix`);
  return { taken: row.taken === 1, highestSuffix: row.highestSuffix };
}

/** Stores an imported document. */
export function insertDocument(db: GlossaDb, row: typeof documents.$inferInsert): void {
  db.insert(documents).values(row).run();
}
