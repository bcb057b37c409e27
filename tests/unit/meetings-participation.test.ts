import { describe, expect, it } from 'vitest';
import type { Annotation, PassageAnnotation } from '../../lib/annotations/schema.ts';
import { namesInWords, participationOf } from '../../lib/meetings/participation.ts';
import type { Chapter } from '../../lib/text/document-model.ts';
import { aComment, alice, aReply, bob } from '../helpers/unit-annotations.ts';

const at = (start: number): PassageAnnotation['target'] => ({
  source: 'doc',
  selector: [
    { type: 'TextQuoteSelector', exact: 'x' },
    { type: 'TextPositionSelector', start, end: start + 1 },
  ],
});
const chapters: Chapter[] = [
  { title: 'One', start: 0, end: 100, level: 1 },
  { title: 'One, a section', start: 10, end: 50, level: 2 },
  { title: 'Two', start: 100, end: 200, level: 1 },
];
const cy = { id: 'reader-cy', name: 'Cy' };
const notes = [
  aComment({ id: 'a1', creator: alice, target: at(5) }),
  aComment({ id: 'a2', creator: alice, target: at(150) }),
  aComment({ id: 'b1', creator: bob, target: at(120) }),
  aReply({ id: 'r1', creator: bob, target: 'a1' }),
  aReply({ id: 'r2', creator: alice, target: 'gone' }),
  {
    id: 'react:a1:reader-cy',
    type: 'Annotation',
    motivation: 'assessing',
    creator: cy,
    created: '2026-11-26T19:00:00.000Z',
    body: [{ type: 'TextualBody', purpose: 'assessing', value: 'agree' }],
    target: 'a1',
  },
] as unknown as Annotation[];

describe('the participation view', () => {
  const members = [
    { id: 'reader-olga', name: 'Olga', role: 'owner' as const },
    { id: 'reader-fay', name: 'Fay', role: 'facilitator' as const },
    { id: alice.id, name: 'Alice', role: 'annotator' as const },
    { id: bob.id, name: 'Bob', role: 'annotator' as const },
    { id: 'reader-di', name: 'Di', role: 'annotator' as const },
    { id: cy.id, name: 'Cy', role: 'annotator' as const },
    { id: 'reader-vic', name: 'Vic', role: 'viewer' as const },
  ];
  const view = participationOf(notes, chapters, members);

  it('has a column per top-level chapter', () => {
    expect(view.chapters).toEqual(['One', 'Two']);
  });

  it('counts each reader’s notes and replies, per chapter, listed by name rather than by amount', () => {
    expect(view.readers.map((r) => [r.reader.name, r.notes, r.replies, r.perChapter])).toEqual([
      ['Alice', 2, 1, [2, 1]],
      ['Bob', 1, 1, [1, 1]],
    ]);
  });

  it('names the members who may write and have not yet (a reaction is not writing; leaders and viewers are not asked)', () => {
    expect(view.notHeardFrom.map((m) => m.name)).toEqual(['Cy', 'Di']);
  });

  it('gives the text before the outline’s first heading a column of its own', () => {
    const late: Chapter[] = [
      { title: 'Book Two', start: 100, end: 200, level: 1 },
      { title: 'Chapter 1', start: 100, end: 150, level: 2 },
    ];
    const headless = participationOf(notes, late, null);
    expect(headless.chapters).toEqual(['Opening', 'Book Two']);
    expect(headless.readers.map((r) => [r.reader.name, r.perChapter])).toEqual([
      ['Alice', [2, 1]],
      ['Bob', [1, 1]],
    ]);
  });

  it('without members (a text of no group) shows who wrote and asks about nobody', () => {
    const open = participationOf(notes, [], null);
    expect(open.chapters).toEqual(['Whole text']);
    expect(open.readers.map((r) => r.perChapter)).toEqual([[3], [2]]);
    expect(open.notHeardFrom).toEqual([]);
    expect(open.group).toBe(false);
    expect(view.group).toBe(true);
  });

  it('says names as a sentence does', () => {
    expect(namesInWords([])).toBe('');
    expect(namesInWords(['Cy'])).toBe('Cy');
    expect(namesInWords(['Cy', 'Di'])).toBe('Cy and Di');
    expect(namesInWords(['Cy', 'Di', 'Ed'])).toBe('Cy, Di and Ed');
  });
});
