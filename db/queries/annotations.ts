/** Queries on the annotations aggregate, read for HTTP and exports (never from the room's memory). */
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { annotationSchema, tagSchema, type Annotation, type Tag } from '../../lib/annotations/schema.ts';
import type { GlossaDb } from '../client.ts';
import { annotations, tags, users } from '../schema.ts';

/**
 * The stored annotations of a document in text order (replies, which have no offsets, sort first; ties by
 * creation time, then id), parsed back (JSON read from the database is a boundary). Replies whose note was deleted
 * are included: deleting a note keeps its replies, which name the removed note as their target.
 */
export function listAnnotations(db: GlossaDb, documentId: string): Annotation[] {
  const rows = db
    .select({ json: annotations.json })
    .from(annotations)
    .where(eq(annotations.documentId, documentId))
    .orderBy(asc(annotations.start), asc(annotations.created), asc(annotations.id))
    .all();
  return rows.map((r) => annotationSchema.parse(r.json));
}

/** The stored tags of a document, by name. */
export function listTags(db: GlossaDb, documentId: string): Array<Tag & { name: string }> {
  return db
    .select()
    .from(tags)
    .where(eq(tags.documentId, documentId))
    .orderBy(asc(tags.name))
    .all()
    .map((r) => ({
      name: r.name,
      ...tagSchema.parse({
        label: r.label,
        color: r.color,
        ...(r.description ? { description: r.description } : {}),
        ...(r.parent ? { parent: r.parent } : {}),
      }),
    }));
}

/**
 * The ids of creators of a document's notes who are no account: notes written before accounts, read-only and owned
 * by the document's owner (the instance owner for texts from before accounts).
 */
export function legacyCreatorsOf(db: GlossaDb, documentId: string): string[] {
  return db
    .selectDistinct({ id: annotations.creatorId })
    .from(annotations)
    .where(and(eq(annotations.documentId, documentId), notInArray(annotations.creatorId, db.select({ id: users.id }).from(users))))
    .orderBy(asc(annotations.creatorId))
    .all()
    .map((r) => r.id);
}
