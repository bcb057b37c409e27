import { describe, expect, it } from 'vitest';
import { isRefusal, refusalWindowMs } from '../../lib/collab/refusal.ts';

describe('isRefusal', () => {
  const now = 1_000_000;
  it.each([
    ['the removal of my note right after I wrote it', { wroteAt: now - 50, removedCreatorId: 'me' }, true],
    ['a removal long after my write (my other tab deleting it)', { wroteAt: now - refusalWindowMs - 1, removedCreatorId: 'me' }, false],
    ['the removal of a key I did not write lately', { wroteAt: undefined, removedCreatorId: 'me' }, false],
    ["the removal of someone else's note under that key", { wroteAt: now - 50, removedCreatorId: 'other' }, false],
    ['a remote change that removed nothing', { wroteAt: now - 50, removedCreatorId: undefined }, false],
  ])('treats %s as a refusal: %s', (_name, removal, expected) => {
    expect(isRefusal({ ...removal, readerId: 'me', now })).toBe(expected);
  });
});
