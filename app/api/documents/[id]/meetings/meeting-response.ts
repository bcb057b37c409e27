/**
 * What the meeting routes answer: a meeting with where its reveal phase stands now (lib/meetings/reveal-phase.ts)
 * and the server's clock, so a page counts down by the server's time rather than its own.
 */
import { type MeetingInfo, meetingInfo } from '../../../../../db/queries/meetings.ts';
import type { MeetingRow } from '../../../../../db/schema.ts';
import { notifyRoom, reopenDocumentRooms } from '../../../../../lib/collab/live-rooms.ts';
import { meetingChanged } from '../../../../../lib/meetings/meeting-clock.ts';
import { type PhaseState, phaseEndRefusal, phaseOf } from '../../../../../lib/meetings/reveal-phase.ts';
import { type Checked, jsonError } from '../../../http-errors.ts';

/** A meeting as answered: its row and its phase now. */
export interface MeetingAnswer extends MeetingInfo {
  phase: PhaseState;
}

/** The answer for `row` at `now` (null stays null). */
export function meetingAnswer(row: MeetingRow | null, now: Date): MeetingAnswer | null {
  return row ? { ...meetingInfo(row), phase: phaseOf(row, now) } : null;
}

/** A request's `blindUntil` as the end of a reveal phase (null: none), or the 400 refusing it (past, or too far). */
export function phaseEndOf(blindUntil: string | null | undefined, now: Date): Checked<Date | null> {
  if (!blindUntil) return { ok: true, value: null };
  const end = new Date(blindUntil);
  const refusal = phaseEndRefusal(end, now);
  return refusal ? { ok: false, response: jsonError(400, refusal) } : { ok: true, value: end };
}

/**
 * After a meeting of `documentId` started, changed its phase or ended: the scheduler learns its new reveal time; when
 * the room's blind rule changed (`reopen`), its sockets join again under the new one; every open reader is told.
 */
export async function announceMeetingChange(documentId: string, reopen: boolean): Promise<void> {
  meetingChanged(documentId);
  if (reopen) await reopenDocumentRooms(documentId);
  notifyRoom(documentId, { kind: 'meeting' });
}
