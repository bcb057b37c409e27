import { describe, expect, it } from 'vitest';
import { buildPassageAnnotation, editPassageAnnotation } from '../../lib/annotations/build-annotation.ts';
import { noteTypeInfo, noteTypeOf, noteTypes, type NoteType } from '../../lib/annotations/note-types.ts';
import { annotationSchema } from '../../lib/annotations/schema.ts';
import { tally } from '../../lib/annotations/reactions.ts';
import { alice } from '../helpers/unit-annotations.ts';
import { rangeOf, storyDocumentId, storyText } from '../helpers/unit-story.ts';

const build = (type: NoteType | undefined, comment = 'A thought.', tags: string[] = []) =>
  buildPassageAnnotation({
    id: 'n',
    documentId: storyDocumentId,
    creator: alice,
    text: storyText,
    range: rangeOf("weren't the same anymore"),
    comment,
    tags,
    now: new Date('2024-05-01T10:00:00Z'),
    type,
  });

describe('typed notes and their W3C motivations', () => {
  it.each<[NoteType, string, string | undefined]>([
    ['comment', 'commenting', undefined],
    ['question', 'questioning', undefined],
    ['claim', 'assessing', undefined],
    ['evidence', 'commenting', 'evidence'],
    ['close-reading', 'describing', undefined],
  ])('%s is written as motivation %s', (type, motivation, noteType) => {
    const note = build(type);
    expect(note.motivation).toBe(motivation);
    expect(note.noteType).toBe(noteType);
    expect(noteTypeOf(note)).toBe(type);
    expect(annotationSchema.safeParse(note).success).toBe(true);
  });

  it('gives highlights and taggings no type, whatever was picked', () => {
    expect(build('question', '').motivation).toBe('highlighting');
    expect(noteTypeOf(build('claim', '', ['guilt']))).toBeNull();
  });

  it('keeps the type on an edit unless another is given', () => {
    const question = build('question');
    expect(noteTypeOf(editPassageAnnotation(question, 'Still asking.', [], new Date()))).toBe('question');
    const evidence = editPassageAnnotation(question, 'Here it is.', [], new Date(), 'evidence');
    expect([evidence.motivation, evidence.noteType]).toEqual(['commenting', 'evidence']);
    const back = editPassageAnnotation(evidence, 'A claim now.', [], new Date(), 'claim');
    expect([back.motivation, back.noteType]).toEqual(['assessing', undefined]);
  });

  it('refuses a noteType that contradicts the motivation, and a typed motivation without a comment', () => {
    expect(annotationSchema.safeParse({ ...build('question'), noteType: 'evidence' }).success).toBe(false);
    expect(annotationSchema.safeParse({ ...build('question'), body: [] }).success).toBe(false);
  });

  it('gives each type its own key', () => {
    expect(new Set(noteTypes.map((t) => noteTypeInfo[t].key)).size).toBe(noteTypes.length);
  });
});

describe('reactions', () => {
  const reaction = (kind: string, id = 'react:n:reader-alice') => ({
    id,
    type: 'Annotation',
    motivation: 'assessing',
    creator: alice,
    created: '2024-05-01T10:00:00.000Z',
    body: [{ type: 'TextualBody', purpose: 'assessing', value: kind }],
    target: 'n',
  });

  it('is one of the fixed set, stored under its reader’s one id for the note', () => {
    expect(annotationSchema.safeParse(reaction('agree')).success).toBe(true);
    expect(annotationSchema.safeParse(reaction('angry')).success).toBe(false);
    expect(annotationSchema.safeParse(reaction('agree', 'react:n:someone-else')).success).toBe(false);
    expect(
      annotationSchema.safeParse({ ...reaction('agree'), moderation: { action: 'hidden', by: alice, at: '2024-05-01T10:00:00.000Z' } })
        .success,
    ).toBe(false);
  });

  it('is tallied by kind with who reacted', () => {
    const bob = { id: 'reader-bob', name: 'Bob' };
    const counts = tally([
      { creator: alice, body: [{ value: 'agree' }] },
      { creator: bob, body: [{ value: 'agree' }] },
      { creator: bob, body: [{ value: 'insight' }] },
    ] as never);
    expect(counts.get('agree')).toEqual([alice, bob]);
    expect(counts.get('insight')).toEqual([bob]);
  });
});
