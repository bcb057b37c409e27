/**
 * How far each reader has read each document, and whether their spoiler guard is on (db/schema.ts
 * `reading_progress`): read by the room as a reader joins (their horizon) and by the HTTP routes that list notes.
 * A row is also the record that a signed-in reader who may write there has shown themselves in the document's room
 * (server/room.ts `presenceShown`), which makes them someone who may be mentioned on a text of no group
 * (db/queries/inbox.ts).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { documents, readingProgress } from '../schema.ts';
import { getDocumentText } from './documents.ts';

export interface ReadingProgress {
  furthest: number;
  spoilerGuard: boolean;
}

/** A reader's progress on a document; nothing read and the guard off when never recorded. */
export function readingProgressOf(db: GlossaDb, userId: string, documentId: string): ReadingProgress {
  const row = db
    .select({ furthest: readingProgress.furthest, spoilerGuard: readingProgress.spoilerGuard })
    .from(readingProgress)
    .where(and(eq(readingProgress.userId, userId), eq(readingProgress.documentId, documentId)))
    .get();
  return row ?? { furthest: 0, spoilerGuard: false };
}

/** The spoiler guard's horizon of a reader on a document: their furthest offset when the guard is on, else null. */
export function spoilerHorizonOf(db: GlossaDb, userId: string, documentId: string): number | null {
  const progress = readingProgressOf(db, userId, documentId);
  return progress.spoilerGuard ? progress.furthest : null;
}

/** Stores a reader's progress (the caller decides the new values: lib/annotations/reading-progress.ts). */
export function saveReadingProgress(db: GlossaDb, userId: string, documentId: string, progress: ReadingProgress, now = new Date()): void {
  db.insert(readingProgress)
    .values({ userId, documentId, furthest: progress.furthest, spoilerGuard: progress.spoilerGuard, updatedAt: now })
    .onConflictDoUpdate({
      target: [readingProgress.userId, readingProgress.documentId],
      set: { furthest: progress.furthest, spoilerGuard: progress.spoilerGuard, updatedAt: now },
    })
    .run();
}

/** Records that a signed-in reader has been in a document's room (nothing read yet, guard off); keeps stored progress. */
export function recordReader(db: GlossaDb, userId: string, documentId: string, now = new Date()): void {
  db.insert(readingProgress).values({ userId, documentId, furthest: 0, spoilerGuard: false, updatedAt: now }).onConflictDoNothing().run();
}

/**
 * The length of a document's text in UTF-16 units, or null for an unknown document; cheap for offsets within the
 * text: SQLite counts characters, never more than UTF-16 units, so the text itself (megabytes for a novel) is read
 * only for an offset past that count.
 */
export function textLengthFor(db: GlossaDb, documentId: string, offset: number): number | null {
  const row = db
    .select({ chars: sql<number>`length(${documents.text})` })
    .from(documents)
    .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
    .get();
  if (!row) return null;
  if (offset <= row.chars) return row.chars;
  return getDocumentText(db, documentId)?.length ?? null;
}
