/**
 * How far each reader has read each document, and whether their spoiler guard is on (db/schema.ts
 * `reading_progress`): read by the room as a reader joins (their horizon) and by the HTTP routes that list notes.
 */
import { and, eq } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { readingProgress } from '../schema.ts';

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
