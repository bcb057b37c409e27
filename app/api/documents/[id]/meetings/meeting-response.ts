/**
 * What the meeting routes answer: a meeting with where its reveal phase stands now (lib/meetings/reveal-phase.ts)
 * and the server's clock, so a page counts down by the server's time rather than its own.
 */
import { type MeetingInfo, meetingInfo } from '../../../../../db/queries/meetings.ts';
import type { MeetingRow } from '../../../../../db/schema.ts';
import { type PhaseState, phaseOf } from '../../../../../lib/meetings/reveal-phase.ts';

/** A meeting as answered: its row and its phase now. */
export interface MeetingAnswer extends MeetingInfo {
  phase: PhaseState;
}

/** The answer for `row` at `now` (null stays null). */
export function meetingAnswer(row: MeetingRow | null, now: Date): MeetingAnswer | null {
  return row ? { ...meetingInfo(row), phase: phaseOf(row, now) } : null;
}
