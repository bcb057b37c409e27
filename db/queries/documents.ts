/**
 * Queries on the documents aggregate: the library list, one document, imports, renames, and the soft delete that
 * keeps a deleted document (notes, replies, tags, Yjs log) restorable for a while. Every reader of a document goes
 * through `live`, so a deleted document is unknown to pages, routes and rooms alike.
 */
import { createHash } from 'node:crypto';
import { and, count, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { SlugUse } from '../../lib/text/document-slug.ts';
import { blocksOfStored, chaptersOfStored, encodeBlock, type Block, type Chapter } from '../../lib/text/document-model.ts';
import type { ImportedText } from '../../lib/text/import-text.ts';
import type { GlossaDb } from '../client.ts';
import type { Visibility } from '../../lib/access/roles.ts';
import { annotations, documents, groups, type DocumentRow } from '../schema.ts';

/** A library entry. */
export interface DocumentSummary {
  id: string;
  title: string;
  author: string | null;
  /** Notes on the text (comments and highlights), replies not included. */
  noteCount: number;
  /** Replies under notes (those of deleted notes included: they are still stored and exported). */
  replyCount: number;
  /** Length of the canonical text in UTF-16 code units (characters, near enough). */
  length: number;
  createdAt: string;
  /** Who may read and write it (lib/access/roles.ts). */
  visibility: Visibility;
  /** The reading group it belongs to, if any. */
  groupId: string | null;
  groupName: string | null;
  /** The importing account (null: from before accounts, the instance owner's). */
  ownerId: string | null;
}

/** Not deleted: the condition every read of a document goes through. */
const live = isNull(documents.deletedAt);

/**
 * The annotations of the outer query's document, `parentId` null (notes) or not (replies). Columns are qualified
 * by hand: in a one-table select Drizzle renders bare names, and a bare "id" inside the subquery would mean
 * annotations.id (the count was always 0).
 */
function annotationCount(replies: boolean) {
  const parent = sql`${annotations}.${sql.identifier(annotations.parentId.name)}`;
  const motivation = sql`${annotations}.${sql.identifier(annotations.motivation.name)}`;
  // Replies are the annotations of motivation replying (reactions also target a note, and are not replies).
  return sql<number>`(select count(*) from ${annotations} where ${annotations}.${sql.identifier(annotations.documentId.name)} = ${documents}.${sql.identifier(documents.id.name)} and ${replies ? sql`${motivation} = 'replying'` : sql`${parent} is null`})`;
}

const summaryColumns = {
  id: documents.id,
  title: documents.title,
  author: documents.author,
  noteCount: annotationCount(false),
  replyCount: annotationCount(true),
  length: sql<number>`length(${documents.text})`,
  createdAt: documents.createdAt,
  visibility: documents.visibility,
  groupId: documents.groupId,
  // Qualified by hand for the reason given at annotationCount.
  groupName: sql<
    string | null
  >`(select ${groups}.${sql.identifier(groups.name.name)} from ${groups} where ${groups}.${sql.identifier(groups.id.name)} = ${documents}.${sql.identifier(documents.groupId.name)})`,
  ownerId: documents.ownerId,
};

/** Every document that is not deleted, with its numbers of notes and of replies, in the order they came in. */
export function listDocuments(db: GlossaDb): DocumentSummary[] {
  return db.select(summaryColumns).from(documents).where(live).orderBy(documents.createdAt, documents.title).all();
}

/** One library entry, or null when the document is unknown or deleted. */
export function getDocumentSummary(db: GlossaDb, id: string): DocumentSummary | null {
  return (
    db
      .select(summaryColumns)
      .from(documents)
      .where(and(eq(documents.id, id), live))
      .get() ?? null
  );
}

/** One document, or null when it is unknown or deleted. */
export function getDocument(db: GlossaDb, id: string): DocumentRow | null {
  return (
    db
      .select()
      .from(documents)
      .where(and(eq(documents.id, id), live))
      .get() ?? null
  );
}

/** A document's title and author without its text (cheap for a whole novel); null when unknown or deleted. */
export function getDocumentHeading(db: GlossaDb, id: string): { id: string; title: string; author: string | null } | null {
  return (
    db
      .select({ id: documents.id, title: documents.title, author: documents.author })
      .from(documents)
      .where(and(eq(documents.id, id), live))
      .get() ?? null
  );
}

/** What `GET /api/documents/<id>` answers: a document without its text and blocks. */
export interface DocumentOutline {
  id: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  chapters: Chapter[];
}

/** A document's title, author, metadata and chapters (no text, no blocks); null when unknown or deleted. */
export function getDocumentOutline(db: GlossaDb, id: string): DocumentOutline | null {
  const row = db
    .select({
      id: documents.id,
      title: documents.title,
      author: documents.author,
      metadata: documents.metadata,
      chapters: documents.chapters,
    })
    .from(documents)
    .where(and(eq(documents.id, id), live))
    .get();
  return row ? { ...row, chapters: chaptersOfStored(row.chapters) } : null;
}

/** The typed blocks and chapters of a stored document (old rows: one paragraph block per paragraph, no chapters). */
export function documentStructure(row: Pick<DocumentRow, 'paragraphs' | 'blocks' | 'chapters'>): { blocks: Block[]; chapters: Chapter[] } {
  return { blocks: blocksOfStored(row.blocks, row.paragraphs), chapters: chaptersOfStored(row.chapters) };
}

/** The columns that store an imported text's structure. */
export function structureColumns(
  imported: Pick<ImportedText, 'blocks' | 'chapters'>,
): Pick<DocumentRow, 'paragraphs' | 'blocks' | 'chapters'> {
  return {
    paragraphs: imported.blocks.map((b) => [b.start, b.end]),
    blocks: imported.blocks.map(encodeBlock),
    chapters: imported.chapters,
  };
}

/** The canonical text of a document, without the other columns; null when unknown or deleted. */
export function getDocumentText(db: GlossaDb, id: string): string | null {
  return (
    db
      .select({ text: documents.text })
      .from(documents)
      .where(and(eq(documents.id, id), live))
      .get()?.text ?? null
  );
}

/**
 * Whether a document id is taken, deleted documents included (their ids stay reserved until they are purged, so
 * a restored document keeps its links and the seed never recreates a story a reader deleted).
 */
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

/** Stores an imported document, with the hash of its text (see {@link textHash}) unless the row has one. */
export function insertDocument(db: GlossaDb, row: typeof documents.$inferInsert): void {
  db.insert(documents)
    .values({ ...row, textHash: row.textHash ?? textHash(row.text) })
    .run();
}

/** The hash that spots a text imported twice: SHA-256 (hex) of its canonical text in UTF-8. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A document that holds the same canonical text as another. */
export interface DuplicateDocument {
  id: string;
  title: string;
}

/**
 * The other documents (not deleted) whose canonical text is the same as that of document `id`; [] when there are
 * none or `id` is unknown. Rows stored before hashes existed are hashed here first, once.
 */
export function findDuplicateDocuments(db: GlossaDb, id: string): DuplicateDocument[] {
  hashUnhashedTexts(db);
  const hash = db.select({ hash: documents.textHash }).from(documents).where(eq(documents.id, id)).get()?.hash;
  if (!hash) return [];
  return db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(and(eq(documents.textHash, hash), ne(documents.id, id), live))
    .orderBy(documents.createdAt, documents.id)
    .all();
}

/** Fills `text_hash` of the rows stored before the column existed (a no-op, one index look-up, once they are). */
function hashUnhashedTexts(db: GlossaDb): void {
  const ids = db.select({ id: documents.id }).from(documents).where(isNull(documents.textHash)).all();
  for (const { id } of ids) {
    const row = db.select({ text: documents.text }).from(documents).where(eq(documents.id, id)).get();
    if (row)
      db.update(documents)
        .set({ textHash: textHash(row.text) })
        .where(eq(documents.id, id))
        .run();
  }
}

/** What a reader may change of a document: its title and its author (null clears it). */
export interface DocumentDetails {
  title?: string;
  author?: string | null;
}

/** Changes a document's title and/or author (its id, and so its links, stay); the new entry, or null when unknown or deleted. */
export function updateDocumentDetails(db: GlossaDb, id: string, details: DocumentDetails): DocumentSummary | null {
  const set: Partial<Pick<DocumentRow, 'title' | 'author'>> = {};
  if (details.title !== undefined) set.title = details.title;
  if (details.author !== undefined) set.author = details.author;
  if (Object.keys(set).length > 0) {
    const changed = db
      .update(documents)
      .set(set)
      .where(and(eq(documents.id, id), live))
      .run().changes;
    if (changed === 0) return null;
  }
  return getDocumentSummary(db, id);
}

/** Who may read a document: its visibility and group (see lib/access/roles.ts). */
export interface DocumentAccessChange {
  visibility?: Visibility;
  groupId?: string | null;
}

/** Changes a document's visibility and/or group; the new entry, or null when unknown or deleted. */
export function updateDocumentAccess(db: GlossaDb, id: string, change: DocumentAccessChange): DocumentSummary | null {
  const set: Partial<Pick<DocumentRow, 'visibility' | 'groupId'>> = {};
  if (change.visibility !== undefined) set.visibility = change.visibility;
  if (change.groupId !== undefined) set.groupId = change.groupId;
  if (
    Object.keys(set).length > 0 &&
    db
      .update(documents)
      .set(set)
      .where(and(eq(documents.id, id), live))
      .run().changes === 0
  )
    return null;
  return getDocumentSummary(db, id);
}

/** A document just deleted: what went with it, and until when it can be restored. */
export interface DeletedDocument extends DocumentSummary {
  deletedAt: string;
  restorableUntil: string;
}

/**
 * Marks a document deleted at `now` (ISO time): from then on it is unknown to every reader until it is restored.
 * Nothing is removed yet. Null when the document is unknown or already deleted.
 */
export function softDeleteDocument(db: GlossaDb, id: string, now: Date, windowMs: number): DeletedDocument | null {
  // The read and the write run in one synchronous stretch of the one server process: nothing writes in between.
  const summary = getDocumentSummary(db, id);
  if (!summary) return null;
  const deletedAt = now.toISOString();
  db.update(documents).set({ deletedAt }).where(eq(documents.id, id)).run();
  return { ...summary, deletedAt, restorableUntil: new Date(now.getTime() + windowMs).toISOString() };
}

/** The outcome of a restore: restored, was not deleted, or nothing to restore (unknown, purged, or past the window). */
export type RestoreOutcome = { kind: 'restored' | 'not-deleted'; document: DocumentSummary } | { kind: 'gone' };

/** Brings back a document deleted less than `windowMs` before `now`, with everything it had. */
export function restoreDocument(db: GlossaDb, id: string, now: Date, windowMs: number): RestoreOutcome {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const restored = db
    .update(documents)
    .set({ deletedAt: null })
    .where(and(eq(documents.id, id), isNotNull(documents.deletedAt), sql`${documents.deletedAt} >= ${cutoff}`))
    .run().changes;
  const document = getDocumentSummary(db, id);
  if (!document) return { kind: 'gone' };
  return { kind: restored > 0 ? 'restored' : 'not-deleted', document };
}

/**
 * Removes for good every document deleted more than `windowMs` before `now`, with its notes, replies, tags, Yjs log
 * and client owners (foreign keys cascade). Returns how many documents went.
 */
export function purgeDeletedDocuments(db: GlossaDb, now: Date, windowMs: number): number {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  return db
    .delete(documents)
    .where(and(isNotNull(documents.deletedAt), lt(documents.deletedAt, cutoff)))
    .run().changes;
}
