import { describe, expect, it } from 'vitest';
import type { Annotation, PassageAnnotation } from '../../lib/annotations/schema.ts';
import {
  addItemsRequestSchema,
  agendaView,
  type AgendaRow,
  currentRequestSchema,
  isOpenQuestion,
  moveRequestSchema,
  newQuestionRequestSchema,
  openQuestionsToAdd,
  placementOf,
  untiedQuestionRange,
} from '../../lib/meetings/agenda.ts';
import { aComment, aReply, alice, bob, commenting, created, storyTarget } from '../helpers/unit-annotations.ts';

function aQuestion(id: string, passage: string, overrides: Partial<PassageAnnotation> = {}): PassageAnnotation {
  return aComment({ id, motivation: 'questioning', body: [commenting(`Why ${id}?`)], target: storyTarget(passage), ...overrides });
}

const resolved = { state: 'resolved' as const, by: alice, at: created };
const q1 = aQuestion('q1', 'lost in memories');
const q2 = aQuestion('q2', "weren't the same anymore");
const q3 = aQuestion('q3', 'Spike sat inside the mausoleum');

function row(annotationId: string, position: string, current = false): AgendaRow {
  return { annotationId, position, current, addedBy: alice.id, addedAt: new Date(created) };
}

describe('openQuestionsToAdd', () => {
  it('lists open questions not on the agenda, in text order', () => {
    const notes: Annotation[] = [q2, q1, q3];
    expect(openQuestionsToAdd(notes, new Set())).toEqual(['q3', 'q1', 'q2']);
    expect(openQuestionsToAdd(notes, new Set(['q1']))).toEqual(['q3', 'q2']);
  });

  it.each<[string, Annotation]>([
    ['a resolved question', aQuestion('r', 'lost in memories', { thread: resolved })],
    [
      'an answered question',
      aQuestion('r', 'lost in memories', { thread: { state: 'answered', by: alice, at: created, answer: 'reply-1' } }),
    ],
    ['a removed question', aQuestion('r', 'lost in memories', { body: [], moderation: { action: 'removed', by: alice, at: created } })],
    ['a comment', aComment({ id: 'r' })],
    ['a reply', aReply({ id: 'r' })],
  ])('leaves out %s', (_name, note) => {
    expect(isOpenQuestion(note)).toBe(false);
    expect(openQuestionsToAdd([note], new Set())).toEqual([]);
  });

  it('keeps a hidden question (hiding is a courtesy, the question is still asked)', () => {
    expect(isOpenQuestion(aQuestion('h', 'lost in memories', { moderation: { action: 'hidden', by: alice, at: created } }))).toBe(true);
  });
});

describe('agendaView', () => {
  const notes = new Map<string, Annotation>([
    ['q1', q1],
    ['q2', { ...q2, thread: resolved }],
    ['c', aComment({ id: 'c' })],
    ['h', aQuestion('h', 'lost in memories', { body: [], moderation: { action: 'hidden', by: bob, at: created } })],
  ]);
  const view = agendaView(
    [row('q2', 'a2'), row('q1', 'a1', true), row('gone', 'a0'), row('c', 'a3'), row('h', 'a4')],
    notes,
    new Map([['q1', 2]]),
    (offset) => `¶ ${offset}`,
  );

  it('shows the items in order with each question’s words, passage, thread and replies', () => {
    expect(view.items.map((i) => i.annotationId)).toEqual(['q1', 'q2', 'h']);
    const first = view.items[0]!;
    expect(first.question).toMatchObject({ text: 'Why q1?', exact: 'lost in memories', thread: 'open', replies: 2, hidden: false });
    expect(first.question.locator).toBe(`¶ ${first.question.start}`);
    expect(view.items[1]!.question.thread).toBe('resolved');
  });

  it('leaves out deleted notes and notes that are no question', () => {
    expect(view.items.some((i) => i.annotationId === 'gone' || i.annotationId === 'c')).toBe(false);
  });

  it('shows a hidden question without its words', () => {
    expect(view.items[2]!.question).toMatchObject({ text: '', hidden: true });
  });

  it('names the current question, and none when its item is left out', () => {
    expect(view.current).toBe('q1');
    expect(agendaView([row('gone', 'a0', true), row('q1', 'a1')], notes, new Map(), () => '').current).toBeNull();
  });
});

describe('untiedQuestionRange', () => {
  const text = 'CHAPTER I\n\nIt was a dark night.';
  it('is the first word of the first block', () => {
    expect(untiedQuestionRange(text, [{ type: 'heading', start: 0, end: 9, level: 2 }])).toEqual({ start: 0, end: 7 });
  });
  it('skips leading blanks of the block', () => {
    expect(untiedQuestionRange('  Hello there', [{ type: 'paragraph', start: 0, end: 13 }])).toEqual({ start: 2, end: 7 });
  });
  it('is null for a text without words', () => {
    expect(untiedQuestionRange('   ', [])).toBeNull();
  });
});

describe('request schemas', () => {
  it.each<[string, unknown, boolean]>([
    ['ids', { annotationIds: ['a', 'b'] }, true],
    ['ids placed after one', { annotationIds: ['a'], after: 'x' }, true],
    ['no ids', { annotationIds: [] }, false],
    ['after and before', { annotationIds: ['a'], after: 'x', before: 'y' }, false],
    ['an id that is not an id', { annotationIds: ['../x'] }, false],
    ['an unknown field', { annotationIds: ['a'], position: 'a0' }, false],
    ['201 ids', { annotationIds: Array.from({ length: 201 }, (_, i) => `n${i}`) }, false],
  ])('add: %s', (_name, body, ok) => {
    expect(addItemsRequestSchema.safeParse(body).success).toBe(ok);
  });

  it.each<[string, unknown, boolean]>([
    ['text alone', { text: 'What does the chip mean?' }, true],
    ['text and passage', { text: 'Why?', start: 3, end: 9 }, true],
    ['blank text', { text: '   ' }, false],
    ['start without end', { text: 'Why?', start: 3 }, false],
    ['an empty passage', { text: 'Why?', start: 3, end: 3 }, false],
    ['a negative offset', { text: 'Why?', start: -1, end: 3 }, false],
    ['text over the comment limit', { text: 'x'.repeat(10_001) }, false],
  ])('new question: %s', (_name, body, ok) => {
    expect(newQuestionRequestSchema.safeParse(body).success).toBe(ok);
  });

  it.each<[string, unknown, boolean]>([
    ['after', { after: 'a' }, true],
    ['first', { after: null }, true],
    ['last', { before: null }, true],
    ['nowhere', {}, false],
    ['both', { after: 'a', before: 'b' }, false],
  ])('move: %s', (_name, body, ok) => {
    expect(moveRequestSchema.safeParse(body).success).toBe(ok);
  });

  it('current takes an id or null, nothing else', () => {
    expect(currentRequestSchema.safeParse({ annotationId: null }).success).toBe(true);
    expect(currentRequestSchema.safeParse({ annotationId: 'q1' }).success).toBe(true);
    expect(currentRequestSchema.safeParse({}).success).toBe(false);
  });

  it('a request that names no place goes last', () => {
    expect(placementOf({})).toEqual({ before: null });
    expect(placementOf({ after: null })).toEqual({ after: null });
  });
});
