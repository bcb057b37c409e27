import { describe, expect, it } from 'vitest';
import { aheadOfClock, clampFutureTimes } from '../../lib/annotations/future-times.ts';

const now = Date.parse('2026-11-26T18:00:00.000Z');
const nowIso = '2026-11-26T18:00:00.000Z';
const skew = 5 * 60_000;

describe('clampFutureTimes', () => {
  it.each<[string, { created: string; modified?: string }, boolean, { created: string; modified?: string }]>([
    ['a note written now stays', { created: '2026-11-26T17:59:58.000Z' }, true, { created: '2026-11-26T17:59:58.000Z' }],
    ['a note written offline last week stays', { created: '2026-11-19T10:00:00.000Z' }, true, { created: '2026-11-19T10:00:00.000Z' }],
    ['a clock a minute fast is allowed', { created: '2026-11-26T18:01:00.000Z' }, true, { created: '2026-11-26T18:01:00.000Z' }],
    ['exactly at the skew is allowed', { created: '2026-11-26T18:05:00.000Z' }, true, { created: '2026-11-26T18:05:00.000Z' }],
    ['a new note dated tonight becomes now', { created: '2026-11-26T20:00:00.000Z' }, true, { created: nowIso }],
    ['a new note dated in 2099 becomes now', { created: '2099-01-01T00:00:00.000Z' }, true, { created: nowIso }],
    [
      'an offset time is compared as an instant',
      { created: '2026-11-26T20:00:00.000+03:00' }, // 17:00 UTC
      true,
      { created: '2026-11-26T20:00:00.000+03:00' },
    ],
    [
      'an edit keeps created (it may not change) but a future modified becomes now',
      { created: '2026-11-26T20:00:00.000Z', modified: '2026-11-27T09:00:00.000Z' },
      false,
      { created: '2026-11-26T20:00:00.000Z', modified: nowIso },
    ],
    [
      'an honest edit stays',
      { created: '2026-11-26T17:00:00.000Z', modified: '2026-11-26T17:59:00.000Z' },
      false,
      { created: '2026-11-26T17:00:00.000Z', modified: '2026-11-26T17:59:00.000Z' },
    ],
  ])('%s', (_name, input, isNew, want) => expect(clampFutureTimes(input, isNew, now, skew)).toEqual(want));

  it('returns the same object when nothing is ahead', () => {
    const note = { created: '2026-11-26T17:00:00.000Z', body: [] };
    expect(clampFutureTimes(note, true, now, skew)).toBe(note);
  });

  it('keeps every other field', () => {
    const note = { id: 'n1', created: '2099-01-01T00:00:00.000Z', body: [{ value: 'x' }] };
    expect(clampFutureTimes(note, true, now, skew)).toEqual({ id: 'n1', created: nowIso, body: [{ value: 'x' }] });
  });
});

describe('aheadOfClock', () => {
  it.each<[string, string | undefined, boolean]>([
    ['no time', undefined, false],
    ['now', nowIso, false],
    ['at the skew', '2026-11-26T18:05:00.000Z', false],
    ['a millisecond past the skew', '2026-11-26T18:05:00.001Z', true],
    ['last week', '2026-11-19T18:00:00.000Z', false],
  ])('%s', (_name, iso, want) => expect(aheadOfClock(iso, now, skew)).toBe(want));
});
