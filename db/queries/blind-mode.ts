/** A room's reading-blind setting (`documents.blind_mode`, lib/annotations/blind.ts): read when a reader joins, set by a facilitator. */
import { and, eq, isNull } from 'drizzle-orm';
import { parseBlindMode, type BlindMode } from '../../lib/annotations/blind.ts';
import { roomBlindMode } from '../../lib/meetings/reveal-phase.ts';
import type { GlossaDb } from '../client.ts';
import { documents } from '../schema.ts';
import { openMeetingOf } from './meeting-events.ts';

/**
 * The room's mode now: its own setting, or `passage` while an open meeting's reveal phase runs
 * (lib/meetings/reveal-phase.ts) — sockets joining and HTTP routes ask here, so they agree. `off` for an unknown
 * document (whose room nobody joins).
 */
export function blindModeOf(db: GlossaDb, documentId: string, now = new Date()): BlindMode {
  return roomBlindMode({ room: ownBlindModeOf(db, documentId), meeting: openMeetingOf(db, documentId), now }).mode;
}

/** The room's own setting (what a facilitator set at /blind-mode), without a meeting's phase. */
export function ownBlindModeOf(db: GlossaDb, documentId: string): BlindMode {
  const row = db.select({ mode: documents.blindMode }).from(documents).where(eq(documents.id, documentId)).get();
  // Parsed, not trusted: a value written by hand into the column reads as off rather than as anything else.
  return parseBlindMode(row?.mode);
}

/** Sets the room's mode; false when the document is unknown or deleted. */
export function setBlindMode(db: GlossaDb, documentId: string, mode: BlindMode): boolean {
  const result = db
    .update(documents)
    .set({ blindMode: mode })
    .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
    .run();
  return result.changes > 0;
}

/** The spans reading blind counts in, without the text (cheap for a novel); null for an unknown document. */
export function textStructureOf(
  db: GlossaDb,
  documentId: string,
): { paragraphs: Array<[number, number]>; chapters: Array<{ start: number; end: number }> } | null {
  const row = db
    .select({ paragraphs: documents.paragraphs, chapters: documents.chapters })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  return row ? { paragraphs: row.paragraphs, chapters: row.chapters } : null;
}
