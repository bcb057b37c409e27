/**
 * The open meeting of a document and its event log (db/schema.ts `meetings`, `meeting_events`): what a summary is
 * made of. Routes that change the current question or spotlight a passage record it here; with no open meeting the
 * change is live only.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { type MeetingEventRow, type MeetingRow, meetingEvents, meetings } from '../schema.ts';

/** The document's open meeting (started, not ended), or null. */
export function openMeetingOf(db: GlossaDb, documentId: string): MeetingRow | null {
  return (
    db
      .select()
      .from(meetings)
      .where(and(eq(meetings.documentId, documentId), isNull(meetings.endedAt)))
      .orderBy(desc(meetings.startedAt))
      .get() ?? null
  );
}

/** Records an event in the document's open meeting; the meeting's id, or null when none is open. */
export function recordMeetingEvent(
  db: GlossaDb,
  documentId: string,
  event: { kind: MeetingEventRow['kind']; data: unknown; actorId: string | null; at?: Date },
): string | null {
  const meeting = openMeetingOf(db, documentId);
  if (!meeting) return null;
  db.insert(meetingEvents)
    .values({
      meetingId: meeting.id,
      at: event.at ?? new Date(),
      kind: event.kind,
      data: JSON.stringify(event.data),
      actorId: event.actorId,
    })
    .run();
  return meeting.id;
}
