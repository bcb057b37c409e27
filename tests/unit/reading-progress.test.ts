import { describe, expect, it } from 'vitest';
import { nextProgress, progressChangeSchema } from '../../lib/annotations/reading-progress.ts';

describe('moving a reader’s furthest point', () => {
  const stored = { furthest: 500, spoilerGuard: true };
  it.each([
    ['reading on moves it forward', { furthest: 900 }, { furthest: 900, spoilerGuard: true }],
    ['scrolling back leaves it', { furthest: 100 }, { furthest: 500, spoilerGuard: true }],
    ['setting it on purpose moves it back', { furthest: 100, setTo: true as const }, { furthest: 100, spoilerGuard: true }],
    ['never past the end of the text', { furthest: 5_000 }, { furthest: 1_000, spoilerGuard: true }],
    ['turning the guard off keeps the place', { spoilerGuard: false }, { furthest: 500, spoilerGuard: false }],
    ['both at once', { furthest: 700, spoilerGuard: false }, { furthest: 700, spoilerGuard: false }],
  ])('%s', (_what, change, expected) => {
    expect(nextProgress(stored, change, 1_000)).toEqual(expected);
  });

  it.each([
    [{}],
    [{ setTo: true }],
    [{ furthest: -1 }],
    [{ furthest: 1.5 }],
    [{ furthest: '10' }],
    [{ furthest: 10, other: 1 }],
    [{ spoilerGuard: 'yes' }],
    [null],
  ])('refuses %j', (body) => {
    expect(progressChangeSchema.safeParse(body).success).toBe(false);
  });
});
