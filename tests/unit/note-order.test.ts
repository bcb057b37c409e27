import { describe, expect, it } from 'vitest';
import { readingOrder, stepNote, type StepFrom } from '../../lib/annotations/note-order.ts';

// ¶ 1 holds "a" and, inside it, "b" (same start, shorter); "c" later; "d" where "c" starts but ends sooner.
const notes = [
  { id: 'c', from: 50, to: 60 },
  { id: 'b', from: 10, to: 15 },
  { id: 'd', from: 50, to: 55 },
  { id: 'a', from: 10, to: 30 },
];

describe('readingOrder', () => {
  it('orders by start, the enclosing note before the nested one', () => {
    expect(readingOrder(notes).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders notes on the same passage by id, so every reader steps the same way', () => {
    const same = [
      { id: 'y', from: 1, to: 2 },
      { id: 'x', from: 1, to: 2 },
    ];
    expect(readingOrder(same).map((n) => n.id)).toEqual(['x', 'y']);
  });
});

describe('stepNote', () => {
  const order = readingOrder(notes);
  it.each<[string, StepFrom, 'next' | 'previous', string | null]>([
    ['next from a note is the one after it', { id: 'a' }, 'next', 'b'],
    ['next from a nested note goes on to the next passage', { id: 'b' }, 'next', 'c'],
    ['next from the last note is none (no wrapping)', { id: 'd' }, 'next', null],
    ['previous from a note is the one before it', { id: 'c' }, 'previous', 'b'],
    ['previous from the first note is none', { id: 'a' }, 'previous', null],
    ['a note not in the set (filtered out) steps nowhere', { id: 'zz' }, 'next', null],
    ['next from the caret before every note is the first', { at: 0 }, 'next', 'a'],
    ['next from a caret on a note’s first character skips that note', { at: 10 }, 'next', 'c'],
    ['next from the caret inside a note is the note after', { at: 20 }, 'next', 'c'],
    ['previous from the caret inside a note is that note’s last sibling before it', { at: 20 }, 'previous', 'b'],
    ['previous from the caret after every note is the last', { at: 99 }, 'previous', 'd'],
    ['previous from the caret before every note is none', { at: 5 }, 'previous', null],
    ['next from the caret after every note is none', { at: 99 }, 'next', null],
  ])('%s', (_name, from, direction, expected) => {
    expect(stepNote(order, from, direction)).toBe(expected);
  });

  it('finds nothing among no notes', () => {
    expect(stepNote([], { at: 0 }, 'next')).toBeNull();
  });
});
