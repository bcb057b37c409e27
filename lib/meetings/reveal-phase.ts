/**
 * A meeting's reveal phase ("annotate alone until 8 pm, then open the notes"), built on reading blind
 * (lib/annotations/blind.ts): while an open meeting's phase runs, the room reads blind by passage for everyone but
 * facilitators and owners (who are exempt from a room's blind rule anyway); when it ends — its time comes, the
 * server opens the notes, or the meeting ends early — the room is back to its own setting. Pure, so the socket's
 * join, the HTTP routes and the server's scheduler all ask the same rule with the same clock.
 */
import { z } from 'zod';
import type { BlindMode } from '../annotations/blind.ts';

/** How far ahead a phase may end: a longer "annotate alone" is a room set blind, not a meeting's phase. */
export const maxPhaseMs = 24 * 60 * 60 * 1000;

/** The parts of a meeting the rule reads (db/schema.ts `meetings`). */
export interface PhasedMeeting {
  startedAt: Date;
  endedAt: Date | null;
  /** End of the "annotate alone" phase, or null for none. */
  blindUntil: Date | null;
  /** When the server opened the notes (the phase is over even if the clock disagrees). */
  revealedAt: Date | null;
}

/** Where a meeting's reveal phase stands at a moment. */
export type PhaseState = 'none' | 'alone' | 'open';

/** The phase of `meeting` at `now`: `alone` while it runs, `open` after it ended, `none` without one (or no meeting). */
export function phaseOf(meeting: PhasedMeeting | null, now: Date): PhaseState {
  if (!meeting?.blindUntil) return 'none';
  if (meeting.endedAt || meeting.revealedAt || now.getTime() >= meeting.blindUntil.getTime()) return 'open';
  return 'alone';
}

/**
 * The room's blind mode at `now`, given its own setting and its open meeting: `passage` while a reveal phase runs
 * (stricter than `chapter`: alone means alone), the room's own setting otherwise. Facilitators and owners are exempt
 * as from any blind room (`effectiveBlindMode`). `changesAt` is when this answer next changes by the clock alone (the
 * phase's end), or null.
 */
export function roomBlindMode(options: { room: BlindMode; meeting: PhasedMeeting | null; now: Date }): {
  mode: BlindMode;
  changesAt: Date | null;
} {
  const { room, meeting, now } = options;
  if (phaseOf(meeting, now) === 'alone') return { mode: 'passage', changesAt: meeting?.blindUntil ?? null };
  return { mode: room, changesAt: null };
}

/**
 * Whether the server still has to open the notes of `meeting` (its phase's time has come and the rooms were not
 * reopened yet), and when: the time to act, or null when there is nothing to do (no phase, already revealed, ended).
 */
export function revealDue(meeting: PhasedMeeting): Date | null {
  if (!meeting.blindUntil || meeting.revealedAt || meeting.endedAt) return null;
  return meeting.blindUntil;
}

/**
 * Why `blindUntil` cannot be a phase's end at `now` (a sentence for a 400), or null when it can: it must be ahead
 * and at most {@link maxPhaseMs} away.
 */
export function phaseEndRefusal(blindUntil: Date, now: Date): string | null {
  const ms = blindUntil.getTime() - now.getTime();
  if (Number.isNaN(ms)) return 'blindUntil is not a time';
  if (ms <= 0) return 'blindUntil is in the past: the phase would be over before it began';
  if (ms > maxPhaseMs) return `blindUntil is more than ${maxPhaseMs / 3_600_000} hours ahead`;
  return null;
}

/** An ISO time as a request sends it (`2026-11-26T20:00:00.000Z`, an offset allowed). */
export const isoTimeSchema = z.iso.datetime({ offset: true, error: 'a time is an ISO 8601 date-time' });

/** What a facilitator sends to start a meeting. */
export const startMeetingSchema = z.strictObject({
  title: z.string().trim().max(120, 'a title is at most 120 characters').optional(),
  blindUntil: isoTimeSchema.nullable().optional(),
});

/** What a facilitator sends to change the open meeting's reveal phase (null ends it now). */
export const changePhaseSchema = z.strictObject({ blindUntil: isoTimeSchema.nullable() });

export type StartMeeting = z.infer<typeof startMeetingSchema>;
export type ChangePhase = z.infer<typeof changePhaseSchema>;
