/**
 * The reveal scheduler (server/meeting-scheduler.ts) on a real SQLite file with a clock of the test's: an overdue
 * phase is revealed at start, once however often it is asked; a phase ahead waits on a timer and is revealed at its
 * time; a far one is looked at again every hour and not revealed early; an ended meeting is not waited for; stop()
 * leaves no timer behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endMeeting, eventsOfMeeting, meetingById, startMeeting } from '../../db/queries/meetings.ts';
import { MeetingScheduler, maxTimerMs } from '../../server/meeting-scheduler.ts';
import { freshDatabase, type TempDatabase } from '../helpers/db-fixtures.ts';
import { storyDocumentId } from '../helpers/unit-story.ts';

let temp: TempDatabase;
let clock: number;
let reopened: string[];
let notified: string[];
let scheduler: MeetingScheduler;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  temp = freshDatabase();
  clock = Date.parse('2026-11-26T19:00:00.000Z');
  reopened = [];
  notified = [];
  scheduler = new MeetingScheduler(
    () => temp.db,
    {
      reopen: async (documentId) => {
        reopened.push(documentId);
      },
      notify: (documentId) => notified.push(documentId),
    },
    () => new Date(clock),
  );
});

afterEach(() => {
  scheduler.stop();
  vi.useRealTimers();
  temp.dispose();
});

/** Moves the test's clock and the fake timers together. */
async function advance(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

function meetingWithPhase(endsInMs: number): string {
  const outcome = startMeeting(temp.db, storyDocumentId, {
    title: 'Chapter 3',
    startedBy: 'reader-fay',
    startedAt: new Date(clock - 60_000),
    blindUntil: new Date(clock + endsInMs),
  });
  if (!('started' in outcome)) throw new Error('a meeting was already open');
  return outcome.started.id;
}

const reveals = (meetingId: string) => eventsOfMeeting(temp.db, meetingId).filter((e) => e.kind === 'reveal').length;

describe('the reveal scheduler', () => {
  it('reveals a phase that came due while the server was down, at start, once', async () => {
    const id = meetingWithPhase(-1000);
    scheduler.start();
    await vi.waitFor(() => expect(notified).toEqual([storyDocumentId]));
    expect(reopened).toEqual([storyDocumentId]);
    expect(meetingById(temp.db, storyDocumentId, id)?.revealedAt?.getTime()).toBe(clock);
    expect(reveals(id)).toBe(1);
    scheduler.start();
    scheduler.meetingChanged(storyDocumentId);
    await advance(1000);
    expect(reveals(id)).toBe(1);
    expect(reopened).toHaveLength(1);
  });

  it('waits for a phase ahead and reveals it at its time', async () => {
    const id = meetingWithPhase(90_000);
    scheduler.start();
    expect(scheduler.waiting).toBe(1);
    await advance(89_000);
    expect(reopened).toEqual([]);
    expect(meetingById(temp.db, storyDocumentId, id)?.revealedAt).toBeNull();
    await advance(1000);
    expect(reopened).toEqual([storyDocumentId]);
    expect(reveals(id)).toBe(1);
    expect(scheduler.waiting).toBe(0);
  });

  it('keeps no timer longer than an hour, and does not reveal a far phase early', async () => {
    const id = meetingWithPhase(5 * maxTimerMs + 10);
    scheduler.meetingChanged(storyDocumentId);
    await advance(maxTimerMs);
    expect(scheduler.waiting).toBe(1);
    expect(meetingById(temp.db, storyDocumentId, id)?.revealedAt).toBeNull();
    await advance(4 * maxTimerMs + 10);
    expect(reveals(id)).toBe(1);
  });

  it('stops waiting for a meeting that ended, and stop() clears every timer', async () => {
    const id = meetingWithPhase(60_000);
    scheduler.meetingChanged(storyDocumentId);
    expect(scheduler.waiting).toBe(1);
    endMeeting(temp.db, id, new Date(clock));
    scheduler.meetingChanged(storyDocumentId);
    expect(scheduler.waiting).toBe(0);
    await advance(120_000);
    expect(reopened).toEqual([]);
    meetingWithPhase(60_000);
    scheduler.meetingChanged(storyDocumentId);
    scheduler.stop();
    expect(scheduler.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
