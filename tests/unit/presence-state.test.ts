import { describe, expect, it } from 'vitest';
import { parsePresenceState, presenceStateBytes } from '../../lib/collab/presence-state.ts';
import { annotationLimits, awarenessLimits } from '../../lib/limits.ts';

const user = { id: 'reader-ann', name: 'Ann', color: '#4363D8' };

describe('parsePresenceState', () => {
  it.each([
    ['a user alone', { user }],
    ['a cursor', { user, cursor: { anchor: 10, head: 4 } }],
    ['a viewport', { user, viewport: { from: 0, to: 5000 } }],
    ['null cursor and viewport', { user, cursor: null, viewport: null }],
    ['a reading position', { user, reading: 120_345 }],
    ['a reader not reading anywhere', { user, reading: null }],
    ['an idle reader', { user, reading: 0, idle: true }],
    ['every field', { user, cursor: { anchor: 3, head: 9 }, viewport: { from: 0, to: 50 }, reading: 4, idle: false }],
    [
      'the longest name and id',
      { user: { ...user, id: 'x'.repeat(annotationLimits.idLength), name: 'ß'.repeat(annotationLimits.creatorNameLength) } },
    ],
  ])('accepts %s', (_name, state) => {
    expect(parsePresenceState(state)).toEqual(state);
  });

  it.each([
    ['a url() colour', { user: { ...user, color: 'url(http://evil.example/)' } }],
    ['a colour with a trailing style', { user: { ...user, color: '#4363d8;background:url(x)' } }],
    ['a short colour', { user: { ...user, color: '#fff' } }],
    ['a name over the cap', { user: { ...user, name: 'x'.repeat(annotationLimits.creatorNameLength + 1) } }],
    ['an id with a space', { user: { ...user, id: 'reader ann' } }],
    ['no user', { cursor: { anchor: 1, head: 1 } }],
    ['an unknown field', { user, selection: 'x' }],
    ['an unknown field in the cursor', { user, cursor: { anchor: 1, head: 2, text: 'x' } }],
    ['a string position', { user, cursor: { anchor: '1', head: 2 } }],
    ['an unsafe integer', { user, viewport: { from: 0, to: 2 ** 60 } }],
    ['a negative reading position', { user, reading: -1 }],
    ['a fractional reading position', { user, reading: 1.5 }],
    ['a reading position past safe integers', { user, reading: 2 ** 60 }],
    ['a reading position as text', { user, reading: '12' }],
    ['a reading position as an object', { user, reading: { at: 12 } }],
    ['idle as a string', { user, idle: 'yes' }],
    ['idle as a number', { user, idle: 1 }],
    ['null', null],
    ['an array', [user]],
  ])('refuses %s', (_name, state) => {
    expect(parsePresenceState(state)).toBeNull();
  });

  it('keeps every valid state under the size cap', () => {
    const longest = {
      user: { id: 'x'.repeat(annotationLimits.idLength), name: '\u0001'.repeat(annotationLimits.creatorNameLength), color: '#000000' },
      cursor: { anchor: Number.MAX_SAFE_INTEGER, head: Number.MAX_SAFE_INTEGER },
      viewport: { from: Number.MAX_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER },
      reading: Number.MAX_SAFE_INTEGER,
      idle: false,
    };
    expect(presenceStateBytes(longest)).toBeLessThanOrEqual(awarenessLimits.stateBytes);
  });
});
