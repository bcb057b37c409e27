/**
 * Meetings of a document (db/schema.ts `meetings`): a facilitator opens one (at most one open per document), may
 * give it a reveal phase (lib/meetings/reveal-phase.ts), and ends it; the server marks the phase revealed when its
 * time comes. Events of a meeting (db/queries/meeting-events.ts) are read back here for its summary.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { type MeetingEventRow, type MeetingRow, meetingEvents, meetings } from '../schema.ts';

/** A meeting as the routes answer it (times as ISO strings). */
export interface MeetingInfo {
  id: string;
  documentId: string;
  title: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  blindUntil: string | null;
  revealedAt: string | null;
}

/** The JSON shape of a meeting row. */
export function meetingInfo(row: MeetingRow): MeetingInfo {
  return {
    id: row.id,
    documentId: row.documentId,
    title: row.title,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    blindUntil: row.blindUntil?.toISOString() ?? null,
    revealedAt: row.revealedAt?.toISOString() ?? null,
  };
}

/** A document's meeting by id, or null (unknown, or another document's). */
export function meetingById(db: GlossaDb, documentId: string, meetingId: string): MeetingRow | null {
  return (
    db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.documentId, documentId)))
      .get() ?? null
  );
}

/** A document's meetings, newest first. */
export function meetingsOf(db: GlossaDb, documentId: string, limit = 100): MeetingRow[] {
  return db.select().from(meetings).where(eq(meetings.documentId, documentId)).orderBy(desc(meetings.startedAt)).limit(limit).all();
}

/**
 * Opens a meeting unless one is open already (then `{ open }`: that one). Checked and written in one transaction,
 * so two facilitators starting at once make one meeting.
 */
export function startMeeting(
  db: GlossaDb,
  documentId: string,
  meeting: { title: string; startedBy: string; startedAt: Date; blindUntil: Date | null },
): { started: MeetingRow } | { open: MeetingRow } {
  return db.transaction((tx) => {
    const open = tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.documentId, documentId), isNull(meetings.endedAt)))
      .get();
    if (open) return { open };
    const row: MeetingRow = {
      id: randomUUID(),
      documentId,
      title: meeting.title,
      startedBy: meeting.startedBy,
      startedAt: meeting.startedAt,
      endedAt: null,
      blindUntil: meeting.blindUntil,
      revealedAt: null,
    };
    tx.insert(meetings).values(row).run();
    return { started: row };
  });
}

/** Ends the open meeting `meetingId` at `at` (its running phase ends with it); the row as it is now, or null. */
export function endMeeting(db: GlossaDb, meetingId: string, at: Date): MeetingRow | null {
  return db.transaction((tx) => {
    const row = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!row || row.endedAt) return null;
    const phaseRunning = row.blindUntil !== null && row.revealedAt === null && row.blindUntil.getTime() > at.getTime();
    const patch = { endedAt: at, ...(phaseRunning ? { revealedAt: at } : {}) };
    tx.update(meetings).set(patch).where(eq(meetings.id, meetingId)).run();
    return { ...row, ...patch };
  });
}

/** Sets (or, with null, ends at once) the reveal phase of open meeting `meetingId`; the row as it is now, or null. */
export function setMeetingPhase(db: GlossaDb, meetingId: string, blindUntil: Date | null, now: Date): MeetingRow | null {
  const row = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!row || row.endedAt) return null;
  // A new end starts a new phase (the notes close again until then); none opens the notes of a running phase now.
  const running = row.blindUntil !== null && row.revealedAt === null && row.blindUntil.getTime() > now.getTime();
  const patch = blindUntil ? { blindUntil, revealedAt: null } : running ? { revealedAt: now } : {};
  if (Object.keys(patch).length === 0) return row;
  db.update(meetings).set(patch).where(eq(meetings.id, meetingId)).run();
  return { ...row, ...patch };
}

/**
 * Marks the phase of meeting `meetingId` revealed at `at` if it is still due (open, not revealed, its time come) and
 * records a `reveal` event, in one transaction; the row, or null when there was nothing to do (so two callers, or a
 * restart, reveal once).
 */
export function markRevealed(db: GlossaDb, meetingId: string, at: Date): MeetingRow | null {
  return db.transaction((tx) => {
    const row = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!row || row.endedAt || row.revealedAt || !row.blindUntil || row.blindUntil.getTime() > at.getTime()) return null;
    tx.update(meetings).set({ revealedAt: at }).where(eq(meetings.id, meetingId)).run();
    tx.insert(meetingEvents)
      .values({ meetingId, at, kind: 'reveal', data: JSON.stringify({ blindUntil: row.blindUntil.toISOString() }), actorId: null })
      .run();
    return { ...row, revealedAt: at };
  });
}

/** Open meetings whose phase has not been revealed yet (what the scheduler watches, found again after a restart). */
export function pendingReveals(db: GlossaDb): MeetingRow[] {
  return db
    .select()
    .from(meetings)
    .where(and(isNull(meetings.endedAt), isNull(meetings.revealedAt), isNotNull(meetings.blindUntil)))
    .all();
}

/** The events of a meeting in the order they happened. */
export function eventsOfMeeting(db: GlossaDb, meetingId: string): MeetingEventRow[] {
  return db
    .select()
    .from(meetingEvents)
    .where(eq(meetingEvents.meetingId, meetingId))
    .orderBy(asc(meetingEvents.at), asc(meetingEvents.id))
    .all();
}
