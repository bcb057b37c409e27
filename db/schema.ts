/**
 * Drizzle schema: the relational truth of Glossa. Yjs updates are the room's log; the annotation, body and tag rows
 * are a projection of that log written in the same transaction, so export and search can read SQL alone.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** An imported text. `text` is the canonical plain text that TextPositionSelector offsets count in. */
export const documents = sqliteTable('documents', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  author: text('author'),
  metadata: text('metadata', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  text: text('text').notNull(),
  /** Paragraph spans `[start, end]` into `text`, so readers and exports never re-split the text. */
  paragraphs: text('paragraphs', { mode: 'json' }).$type<Array<[number, number]>>().notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
});

/** One accepted W3C annotation, flattened for queries; `json` keeps the exact object the room holds. */
export const annotations = sqliteTable(
  'annotations',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    motivation: text('motivation').notNull(),
    creatorId: text('creator_id').notNull(),
    creatorName: text('creator_name').notNull(),
    created: text('created').notNull(),
    modified: text('modified'),
    /** For replies: the annotation replied to; null for notes on the text. */
    parentId: text('parent_id'),
    exact: text('exact'),
    prefix: text('prefix'),
    suffix: text('suffix'),
    start: integer('start'),
    end: integer('end'),
    json: text('json', { mode: 'json' }).notNull(),
  },
  (t) => [index('annotations_document_idx').on(t.documentId, t.start)],
);

/** The bodies of an annotation in order: comments, replies and tags (purpose `tagging`, value = tag name). */
export const annotationBodies = sqliteTable(
  'annotation_bodies',
  {
    annotationId: text('annotation_id')
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    purpose: text('purpose').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.annotationId, t.position] }), index('annotation_bodies_value_idx').on(t.purpose, t.value)],
);

/** A room's theme vocabulary. */
export const tags = sqliteTable(
  'tags',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    label: text('label').notNull(),
    color: text('color').notNull(),
    description: text('description'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.name] })],
);

/** The room's Yjs update log, replayed to rebuild the room and compacted now and then. */
export const yjsUpdates = sqliteTable(
  'yjs_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('yjs_updates_document_idx').on(t.documentId, t.id)],
);

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type AnnotationRow = typeof annotations.$inferSelect;
export type NewAnnotationRow = typeof annotations.$inferInsert;
export type AnnotationBodyRow = typeof annotationBodies.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
