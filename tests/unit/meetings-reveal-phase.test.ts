import { describe, expect, it } from 'vitest';
import { maxPhaseMs, phaseEndRefusal, phaseOf, revealDue, roomBlindMode, type PhasedMeeting } from '../../lib/meetings/reveal-phase.ts';

const at = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00.000Z`);
const meeting = (overrides: Partial<PhasedMeeting> = {}): PhasedMeeting => ({
  startedAt: at('19:00'),
  endedAt: null,
  blindUntil: at('20:00'),
  revealedAt: null,
  ...overrides,
});

describe('the room’s blind mode during a meeting', () => {
  const cases: Array<[string, Parameters<typeof roomBlindMode>[0], { mode: string; changesAt: Date | null }]> = [
    ['no meeting: the room’s own setting', { room: 'off', meeting: null, now: at('19:30') }, { mode: 'off', changesAt: null }],
    ['no meeting, a blind room stays blind', { room: 'chapter', meeting: null, now: at('19:30') }, { mode: 'chapter', changesAt: null }],
    [
      'a meeting without a phase changes nothing',
      { room: 'off', meeting: meeting({ blindUntil: null }), now: at('19:30') },
      { mode: 'off', changesAt: null },
    ],
    [
      'while the phase runs: passage, until its end',
      { room: 'off', meeting: meeting(), now: at('19:30') },
      { mode: 'passage', changesAt: at('20:00') },
    ],
    [
      'a room read by chapter reads by passage while alone',
      { room: 'chapter', meeting: meeting(), now: at('19:30') },
      { mode: 'passage', changesAt: at('20:00') },
    ],
    ['at the phase’s end the notes open', { room: 'off', meeting: meeting(), now: at('20:00') }, { mode: 'off', changesAt: null }],
    [
      'after it, back to the room’s setting',
      { room: 'chapter', meeting: meeting(), now: at('20:30') },
      { mode: 'chapter', changesAt: null },
    ],
    [
      'opened early by the server (revealed)',
      { room: 'off', meeting: meeting({ revealedAt: at('19:40') }), now: at('19:45') },
      { mode: 'off', changesAt: null },
    ],
    [
      'a meeting ended early ends its phase',
      { room: 'off', meeting: meeting({ endedAt: at('19:40') }), now: at('19:45') },
      { mode: 'off', changesAt: null },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(roomBlindMode(input)).toEqual(expected);
  });
});

describe('the phase of a meeting', () => {
  it('is none without a phase or a meeting, alone while it runs, open after', () => {
    expect(phaseOf(null, at('19:30'))).toBe('none');
    expect(phaseOf(meeting({ blindUntil: null }), at('19:30'))).toBe('none');
    expect(phaseOf(meeting(), at('19:59'))).toBe('alone');
    expect(phaseOf(meeting(), at('20:00'))).toBe('open');
    expect(phaseOf(meeting({ endedAt: at('19:10') }), at('19:30'))).toBe('open');
  });
});

describe('when the server must open the notes', () => {
  it('at the phase’s end, once, and never for an ended meeting', () => {
    expect(revealDue(meeting())).toEqual(at('20:00'));
    expect(revealDue(meeting({ revealedAt: at('20:00') }))).toBeNull();
    expect(revealDue(meeting({ endedAt: at('19:30') }))).toBeNull();
    expect(revealDue(meeting({ blindUntil: null }))).toBeNull();
  });
});

describe('a phase’s end as a facilitator asks for it', () => {
  const now = at('19:00');
  it.each([
    ['a minute ahead', new Date(now.getTime() + 60_000), null],
    ['24 hours ahead', new Date(now.getTime() + maxPhaseMs), null],
    ['now', now, 'past'],
    ['in the past', at('18:00'), 'past'],
    ['more than a day ahead', new Date(now.getTime() + maxPhaseMs + 1), 'hours ahead'],
    ['not a time', new Date(Number.NaN), 'not a time'],
  ] as const)('%s', (_name, blindUntil, refusal) => {
    const answer = phaseEndRefusal(blindUntil, now);
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toContain(refusal);
  });
});
