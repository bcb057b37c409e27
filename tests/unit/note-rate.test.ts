import { describe, expect, it } from 'vitest';
import { NoteRate } from '../../server/note-rate.ts';

describe('NoteRate', () => {
  it('takes up to the quota within a minute, and again once the oldest note is a minute old', () => {
    const times: number[] = [];
    expect([0, 1, 2].map((t) => NoteRate.take(times, 3, t))).toEqual([true, true, true]);
    expect(NoteRate.take(times, 3, 59_999)).toBe(false);
    expect(NoteRate.take(times, 3, 60_001)).toBe(true);
  });

  it('gives each user one window, whoever asks', () => {
    const rate = new NoteRate();
    expect(rate.windowOf('u1')).toBe(rate.windowOf('u1'));
    expect(rate.windowOf('u1')).not.toBe(rate.windowOf('u2'));
  });
});
