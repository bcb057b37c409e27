/**
 * Opens a meeting's notes when its reveal phase ends (lib/meetings/reveal-phase.ts): at `blindUntil` it marks the
 * meeting revealed and records a `reveal` event (db/queries/meetings.ts, once, in a transaction), closes the room's
 * sockets with 4509 so every reader joins again under the room's own blind rule (as the blind-mode route does), and
 * tells open readers the meeting changed. Restart-safe: at start it reads every open meeting still waiting, reveals
 * the overdue ones at once and schedules the rest. One timer per document with a phase, and none longer than
 * {@link maxTimerMs} (it looks again when it fires), so a far time or a changed clock never holds a stale timer.
 */
import type { GlossaDb } from '../db/client.ts';
import { markRevealed, pendingReveals } from '../db/queries/meetings.ts';
import { openMeetingOf } from '../db/queries/meeting-events.ts';
import { revealDue } from '../lib/meetings/reveal-phase.ts';
import { log } from './log.ts';

/** The longest a timer is set for; a later reveal is looked at again then. */
export const maxTimerMs = 60 * 60 * 1000;

/** What the scheduler does to the live rooms. */
export interface MeetingRooms {
  /** Closes every socket of the document's rooms with 4509 (join again under the new rule). */
  reopen(documentId: string): Promise<unknown>;
  /** Tells the document's open readers that its meeting changed (notice `meeting`). */
  notify(documentId: string): void;
}

export class MeetingScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly db: () => GlossaDb,
    private readonly rooms: MeetingRooms,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Finds every phase still waiting (after a restart too): reveals the overdue, schedules the rest. */
  start(): void {
    for (const meeting of pendingReveals(this.db())) this.meetingChanged(meeting.documentId);
  }

  /** Looks at the document's open meeting again: schedules its reveal, reveals it if overdue, or cancels. */
  meetingChanged(documentId: string): void {
    if (this.stopped) return;
    this.cancel(documentId);
    const meeting = openMeetingOf(this.db(), documentId);
    const due = meeting ? revealDue(meeting) : null;
    if (!meeting || !due) return;
    const wait = due.getTime() - this.now().getTime();
    if (wait <= 0) {
      void this.reveal(documentId, meeting.id);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(documentId);
        this.meetingChanged(documentId);
      },
      Math.min(wait, maxTimerMs),
    );
    timer.unref();
    this.timers.set(documentId, timer);
  }

  /** How many reveals are waiting on a timer (for tests). */
  get waiting(): number {
    return this.timers.size;
  }

  /** Clears every timer (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancel(documentId: string): void {
    const timer = this.timers.get(documentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(documentId);
  }

  private async reveal(documentId: string, meetingId: string): Promise<void> {
    try {
      const revealed = markRevealed(this.db(), meetingId, this.now());
      if (!revealed) return;
      log.info('meeting phase ended: notes open', { documentId, meetingId });
      await this.rooms.reopen(documentId);
      this.rooms.notify(documentId);
    } catch (err) {
      // Logged, not thrown: the phase still ends by the clock for every new socket and HTTP call.
      log.error('opening a meeting’s notes failed', { documentId, meetingId, error: String(err) });
    }
  }
}
