import { describe, expect, it } from 'vitest';
import { type PathEnds, type PathNote, positionOn, readingPath, readingPaths, stepOn } from '../../lib/tags/reading-path.ts';

const note = (id: string, start: number, themes: string[], end = start + 10): PathNote => ({ id, start, end, themes });

// A short story's notes, out of order as a room's map holds them.
const notes = [
  note('resolutions', 5200, ['guilt', 'exclusion']),
  note('mausoleum', 40, ['memory']),
  note('voices', 1118, ['guilt', 'exclusion']),
  note('shunning', 2300, ['exclusion']),
  note('known-better', 9800, ['guilt']),
  note('voices-long', 1118, ['guilt'], 1400),
];
const guilt = readingPath(notes, 'guilt');

describe('readingPath', () => {
  it("lists a theme's notes in text order: by start, the shorter passage first, then by id", () => {
    expect(guilt.map((n) => n.id)).toEqual(['voices', 'voices-long', 'resolutions', 'known-better']);
    expect(readingPath([note('b', 7, ['x']), note('a', 7, ['x'])], 'x').map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('follows a theme by its exact name (a nested theme has its own path) and is empty for an unused one', () => {
    expect(readingPath([note('n', 1, ["guilt / survivor's guilt"])], 'guilt')).toEqual([]);
    expect(readingPath(notes, 'loneliness')).toEqual([]);
  });

  it('makes every path in one pass, each in text order, a note naming a theme twice on it once', () => {
    const paths = readingPaths([...notes, note('twice', 3000, ['memory', 'memory'])]);
    expect([...paths.keys()].sort()).toEqual(['exclusion', 'guilt', 'memory']);
    expect(paths.get('guilt')?.map((n) => n.id)).toEqual(guilt.map((n) => n.id));
    expect(paths.get('exclusion')?.map((n) => n.id)).toEqual(['voices', 'shunning', 'resolutions']);
    expect(paths.get('memory')?.map((n) => n.id)).toEqual(['mausoleum', 'twice']);
  });
});

describe('positionOn', () => {
  const cases: Array<[string, Parameters<typeof positionOn>[1], { index: number; exact: boolean }]> = [
    ['the first note', note('voices', 1118, []), { index: 0, exact: true }],
    ['a note sharing its start with another', note('voices-long', 1118, [], 1400), { index: 1, exact: true }],
    ['the last note', note('known-better', 9800, []), { index: 3, exact: true }],
    ['a note that left the path, between two of it', note('shunning', 2300, []), { index: 2, exact: false }],
    ['a note that left the path, after its end', note('the-end', 11000, []), { index: 4, exact: false }],
    ['a note moved by a remote edit (found by id)', { id: 'resolutions', start: 100, end: 120 }, { index: 2, exact: true }],
    ['no place yet', null, { index: 0, exact: false }],
  ];
  it.each(cases)('places %s', (_name, place, expected) => {
    expect(positionOn(guilt, place)).toEqual(expected);
  });
});

describe('stepOn', () => {
  const first = note('voices', 1118, []);
  const last = note('known-better', 9800, []);
  const gone = note('shunning', 2300, []); // was on the path, between voices-long and resolutions
  const cases: Array<[string, Parameters<typeof stepOn>[1], 1 | -1, PathEnds, number | null]> = [
    ['next from the first note', first, 1, 'stop', 1],
    ['previous from the last note', last, -1, 'stop', 2],
    ['next from the last note, stopping at the end', last, 1, 'stop', null],
    ['previous from the first note, stopping at the start', first, -1, 'stop', null],
    ['next from the last note, wrapping round', last, 1, 'wrap', 0],
    ['previous from the first note, wrapping round', first, -1, 'wrap', 3],
    ['next with no place yet (the first note)', null, 1, 'stop', 0],
    ['previous with no place yet (the last note)', null, -1, 'stop', 3],
    ['next from a note that left the path (the one after where it was)', gone, 1, 'stop', 2],
    ['previous from a note that left the path (the one before where it was)', gone, -1, 'stop', 1],
    ['next from a note past the end that left the path, stopping', note('the-end', 11000, []), 1, 'stop', null],
    ['next from a note past the end that left the path, wrapping', note('the-end', 11000, []), 1, 'wrap', 0],
    ['previous from a note before the start that left the path, wrapping', note('the-start', 0, []), -1, 'wrap', 3],
  ];
  it.each(cases)('%s', (_name, place, direction, ends, expected) => {
    expect(stepOn(guilt, place, direction, ends)).toBe(expected);
  });

  it('goes nowhere on an empty path, whatever the ends', () => {
    expect(stepOn([], null, 1, 'wrap')).toBeNull();
    expect(stepOn([], first, -1, 'wrap')).toBeNull();
  });

  it('stays on a one-note path when wrapping, and stops when not', () => {
    const one = [note('only', 50, ['x'])];
    expect(stepOn(one, one[0]!, 1, 'wrap')).toBe(0);
    expect(stepOn(one, one[0]!, 1, 'stop')).toBeNull();
  });
});
