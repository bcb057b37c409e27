import { describe, expect, it } from 'vitest';
import type { Block, Chapter } from '../../lib/text/document-model.ts';
import { chapterIndexAt, jumpTargets, neighbours } from '../../lib/text/outline-nav.ts';

// BOOK ONE (heading) / CHAPTER I (heading) p p / CHAPTER II p / BOOK TWO (heading) p (its own preface) / CHAPTER I p
const h = (start: number, level = 1): Block => ({ type: 'heading', start, end: start + 5, level });
const p = (start: number): Block => ({ type: 'paragraph', start, end: start + 5 });
const blocks = [h(0), h(10, 2), p(20), p(30), h(40, 2), p(50), h(60), p(70), h(80, 2), p(90)];
const chapters: Chapter[] = [
  { title: 'BOOK ONE', start: 0, end: 55, level: 1 },
  { title: 'CHAPTER I', start: 10, end: 35, level: 2 },
  { title: 'CHAPTER II', start: 40, end: 55, level: 2 },
  { title: 'BOOK TWO', start: 60, end: 95, level: 1 },
  { title: 'CHAPTER I', start: 80, end: 95, level: 2 },
];

describe('chapterIndexAt', () => {
  it.each([
    [0, 0],
    [12, 1],
    [37, 0], // between chapter I's end and chapter II: in the book only
    [52, 2],
    [72, 3],
    [95, 4],
  ])('offset %i is in chapter %i', (offset, expected) => {
    expect(chapterIndexAt(offset, chapters)).toBe(expected);
  });

  it('is -1 before the first chapter and without chapters', () => {
    expect(chapterIndexAt(5, chapters.slice(1))).toBe(-1);
    expect(chapterIndexAt(5, [])).toBe(-1);
  });
});

describe('jumpTargets and neighbours', () => {
  it('skips a book whose first chapter follows its heading directly, keeps one with text of its own', () => {
    expect(jumpTargets(chapters, blocks)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    [-1, null, 1],
    [0, null, 1],
    [1, null, 2],
    [2, 1, 3],
    [4, 3, null],
  ])('from chapter %i: previous %s, next %s', (current, previous, next) => {
    expect(neighbours(current, jumpTargets(chapters, blocks))).toEqual({ previous, next });
  });

  it('has nowhere to go without chapters', () => {
    expect(neighbours(-1, jumpTargets([], blocks))).toEqual({ previous: null, next: null });
  });
});
