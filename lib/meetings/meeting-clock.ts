/**
 * The seam between meeting routes and the server's reveal scheduler (server/meeting-scheduler.ts). Route handlers
 * live in Next's own module graph and cannot import the custom server's objects; the scheduler registers itself here,
 * on globalThis (as lib/collab/live-rooms.ts does for the rooms), and a route that starts, ends or changes a meeting
 * tells it to look at that document again. Without a registered scheduler (a script, a unit test) nothing happens:
 * the phase still ends by the clock (lib/meetings/reveal-phase.ts), only open sockets are not reopened.
 */

/** What routes may ask of the scheduler. */
export interface MeetingClock {
  /** A meeting of `documentId` started, ended or changed its phase: schedule (or cancel) its reveal. */
  meetingChanged(documentId: string): void;
}

interface MeetingClockSlot {
  __glossaMeetingClock?: MeetingClock;
}
const slot = globalThis as typeof globalThis & MeetingClockSlot;

/** Registers this process's scheduler (the custom server, at start); returns the unregistration (at shutdown). */
export function registerMeetingClock(clock: MeetingClock): () => void {
  slot.__glossaMeetingClock = clock;
  return () => {
    if (slot.__glossaMeetingClock === clock) delete slot.__glossaMeetingClock;
  };
}

/** Tells the scheduler, if any, that a meeting of `documentId` changed. */
export function meetingChanged(documentId: string): void {
  slot.__glossaMeetingClock?.meetingChanged(documentId);
}
