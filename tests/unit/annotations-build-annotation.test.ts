import { describe, expect, it } from 'vitest';
import {
  bodiesFor,
  buildPassageAnnotation,
  buildReply,
  commentOf,
  editPassageAnnotation,
  tagsOf,
  type NewPassageNote,
} from '../../lib/annotations/build-annotation.ts';
import { annotationSchema } from '../../lib/annotations/schema.ts';
import { validateAnnotation } from '../../lib/annotations/validate-annotation.ts';
import { alice, aReply, commenting, storyContext, tagging } from '../helpers/unit-annotations.ts';
import { rangeOf, storyDocumentId, storyText } from '../helpers/unit-story.ts';

/** What the composer hands over for a note on "weren't the same anymore". */
function newNote(overrides: Partial<NewPassageNote> = {}): NewPassageNote {
  return {
    id: 'note-1',
    documentId: storyDocumentId,
    creator: alice,
    text: storyText,
    range: rangeOf("weren't the same anymore"),
    comment: 'The town has lost its centre.',
    tags: ['Loss'],
    now: new Date('2024-05-01T10:00:00.000Z'),
    ...overrides,
  };
}

const kinds = [
  ['a comment with tags', newNote()],
  ['a comment without tags', newNote({ tags: [] })],
  ['a tagging', newNote({ comment: '', tags: ['Loss', 'Guilt'] })],
  ['a highlight', newNote({ comment: '', tags: [] })],
  ['a tagging whose long tag the length limit cuts at a space', newNote({ comment: '', tags: [`${'x'.repeat(39)} y`] })],
  ['a note crossing a paragraph boundary', newNote({ range: { start: rangeOf('If only...').start, end: rangeOf('Knowing that').end } })],
] as const;

describe('buildPassageAnnotation', () => {
  it.each(kinds)('builds %s that annotationSchema accepts', (_name, note) => {
    expect(annotationSchema.safeParse(buildPassageAnnotation(note)).success).toBe(true);
  });

  it.each(kinds)('builds %s that validateAnnotation accepts unchanged', (_name, note) => {
    const built = buildPassageAnnotation(note);
    expect(validateAnnotation(note.id, built, storyContext())).toEqual({ ok: true, annotation: built, reanchored: false });
  });

  it('targets the document with a quote selector then a position selector', () => {
    const range = rangeOf("weren't the same anymore");
    expect(buildPassageAnnotation(newNote()).target).toEqual({
      source: storyDocumentId,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: "weren't the same anymore",
          prefix: storyText.slice(range.start - 32, range.start),
          suffix: storyText.slice(range.end, range.end + 32),
        },
        { type: 'TextPositionSelector', start: range.start, end: range.end },
      ],
    });
  });

  it('stamps the creator and the creation time, and no modified time', () => {
    const built = buildPassageAnnotation(newNote());
    expect(built).toMatchObject({ id: 'note-1', type: 'Annotation', creator: alice, created: '2024-05-01T10:00:00.000Z' });
    expect(built).not.toHaveProperty('modified');
  });

  it.each([
    ['a comment', 'Grief.', [], 'commenting'],
    ['a comment and tags', 'Grief.', ['loss'], 'commenting'],
    ['tags only', '', ['loss'], 'tagging'],
    ['a blank comment and tags', '  \n ', ['loss'], 'tagging'],
    ['nothing', '', [], 'highlighting'],
    ['a blank comment and blank tags', ' ', ['  ', ''], 'highlighting'],
  ])('motivates a note with %s as %s', (_name, comment, tags, motivation) => {
    expect(buildPassageAnnotation(newNote({ comment, tags })).motivation).toBe(motivation);
  });

  it('puts the trimmed comment first, then the tags', () => {
    expect(buildPassageAnnotation(newNote({ comment: '  Grief.\n', tags: ['loss', 'guilt'] })).body).toEqual([
      commenting('Grief.'),
      tagging('loss'),
      tagging('guilt'),
    ]);
  });

  it('normalises tag names and drops duplicates and blanks, keeping first-seen order', () => {
    const built = buildPassageAnnotation(newNote({ comment: '', tags: ['The Chip', 'Guilt', ' the   chip ', '', '   ', 'GUILT'] }));
    expect(tagsOf(built)).toEqual(['the chip', 'guilt']);
  });
});

describe('editPassageAnnotation', () => {
  const original = buildPassageAnnotation(newNote());
  const later = new Date('2024-05-02T08:30:00.000Z');

  it('stamps the edit as modified', () => {
    expect(editPassageAnnotation(original, 'Changed my mind.', [], later).modified).toBe('2024-05-02T08:30:00.000Z');
  });

  it('keeps the id, creator, creation time and target', () => {
    const edited = editPassageAnnotation(original, 'Changed my mind.', ['Guilt'], later);
    expect(edited).toMatchObject({ id: original.id, creator: original.creator, created: original.created, target: original.target });
  });

  it('replaces the comment and the tags with normalised ones', () => {
    const edited = editPassageAnnotation(original, ' Changed my mind. ', ['Guilt', 'guilt '], later);
    expect(edited.body).toEqual([commenting('Changed my mind.'), tagging('guilt')]);
  });

  it('recomputes the motivation from the new bodies', () => {
    expect(editPassageAnnotation(original, '', ['guilt'], later).motivation).toBe('tagging');
  });

  it('gives a note that validateAnnotation still accepts unchanged', () => {
    const edited = editPassageAnnotation(original, '', [], later);
    expect(validateAnnotation(edited.id, edited, storyContext())).toEqual({ ok: true, annotation: edited, reanchored: false });
  });
});

describe('bodiesFor', () => {
  it('gives no bodies for a blank comment and no tags', () => {
    expect(bodiesFor('   ', [])).toEqual([]);
  });
});

describe('commentOf and tagsOf', () => {
  it.each([
    ['the comment of a note', { body: [tagging('loss'), commenting('Grief.')] }, 'Grief.'],
    ['the text of a reply', aReply(), 'Or he has finally noticed.'],
    ['an empty string for a highlight', { body: [] }, ''],
  ])('commentOf gives %s', (_name, note, expected) => {
    expect(commentOf(note)).toBe(expected);
  });

  it('tagsOf gives the tag names in order', () => {
    expect(tagsOf({ body: [tagging('loss'), commenting('Grief.'), tagging('guilt')] })).toEqual(['loss', 'guilt']);
  });
});

describe('buildReply', () => {
  it('targets its parent note by id and passes the schema', () => {
    const reply = buildReply({ id: 'r-1', parentId: 'note-1', creator: { id: 'u', name: 'U' }, text: '  Agreed.  ', now: new Date(0) });
    expect(reply.target).toBe('note-1');
    expect(reply.body).toEqual([{ type: 'TextualBody', purpose: 'replying', value: 'Agreed.', format: 'text/plain' }]);
    expect(annotationSchema.safeParse(reply).success).toBe(true);
  });
});
