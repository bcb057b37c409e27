import { describe, expect, it } from 'vitest';
import { announcementOf, noteChanges, presenceChanges, type NoteChange, type NotesView } from '../../lib/annotations/announcements.ts';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import type { PassageAnnotation, ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote } from '../helpers/annotations.ts';

const text = 'The smoke curled around him. He stood in the doorway, a handful of pages held in one hand.';
const ada = { id: 'u-ada', name: 'Ada' };
const ben = { id: 'u-ben', name: 'Ben' };

const note = (id: string, creator = ada, tags: string[] = [], comment = 'Look.') =>
  buildNote({ id, text, creator, passage: 'smoke curled', tags, comment });
const reply = (id: string, parentId: string, creator = ben) => buildReply({ id, parentId, creator, text: 'Yes.', now: new Date() });

/** A snapshot of `notes` with `replies` under their notes. */
function view(notes: PassageAnnotation[], replies: ReplyAnnotation[] = []): NotesView {
  const byParent = new Map<string, ReplyAnnotation[]>();
  for (const r of replies) byParent.set(r.target, [...(byParent.get(r.target) ?? []), r]);
  return { passages: new Map(notes.map((n) => [n.id, n])), replies: byParent };
}

describe('noteChanges', () => {
  const a = note('a');
  it('finds a note added, with its writer and tags', () => {
    expect(noteChanges(view([]), view([note('n', ben, ['guilt'])]), ada.id)).toEqual([
      { kind: 'note-added', by: 'Ben', mine: false, highlight: false, tags: ['guilt'] },
    ]);
  });
  it('marks the reader’s own note as theirs', () => {
    expect(noteChanges(view([]), view([a]), ada.id)).toMatchObject([{ kind: 'note-added', mine: true }]);
  });
  it('marks a note without a comment as a highlight', () => {
    expect(noteChanges(view([]), view([note('h', ben, [], '')]), ada.id)).toMatchObject([{ kind: 'note-added', highlight: true }]);
  });
  it('finds a reply added', () => {
    expect(noteChanges(view([a]), view([a], [reply('r', 'a')]), ada.id)).toEqual([{ kind: 'reply-added', by: 'Ben', mine: false }]);
  });
  it('finds someone else’s note deleted, but not the reader’s own (the undo toast says that)', () => {
    const b = note('b', ben);
    expect(noteChanges(view([a, b]), view([]), ada.id)).toEqual([{ kind: 'note-deleted' }]);
  });
  it('finds nothing when nothing was added or deleted (an edit is not a change here)', () => {
    const edited = { ...a, modified: new Date().toISOString() };
    expect(noteChanges(view([a], [reply('r', 'a')]), view([edited], [reply('r', 'a')]), ada.id)).toEqual([]);
  });
});

describe('presenceChanges', () => {
  it('finds readers who came and went', () => {
    expect(presenceChanges([ada], [ben])).toEqual([
      { kind: 'reader-joined', name: 'Ben' },
      { kind: 'reader-left', name: 'Ada' },
    ]);
  });
});

describe('announcementOf', () => {
  const added = (by: string, tags: string[] = [], mine = false, highlight = false): NoteChange => ({
    kind: 'note-added',
    by,
    mine,
    highlight,
    tags,
  });
  const replied = (by: string, mine = false): NoteChange => ({ kind: 'reply-added', by, mine });
  const many = (n: number, make: (i: number) => NoteChange) => Array.from({ length: n }, (_, i) => make(i));
  const tags = new Map([['guilt', { label: 'Guilt', color: '#aa3333' }]]);

  it.each<[string, NoteChange[], string | null]>([
    ['nothing to say', [], null],
    ['a note with a theme', [added('Ada', ['guilt'])], 'Note added by Ada, tagged Guilt.'],
    ['a note with two themes', [added('Ada', ['guilt', 'regret'])], 'Note added by Ada, tagged Guilt and regret.'],
    ['a note without a theme', [added('Ben')], 'Note added by Ben.'],
    ['a highlight', [added('Ben', [], false, true)], 'Highlight added by Ben.'],
    ['the reader’s own note', [added('Ada', ['guilt'], true)], 'Note saved, tagged Guilt.'],
    ['a reply', [replied('Ben')], 'Reply by Ben.'],
    ['the reader’s own reply', [replied('Ada', true)], 'Reply sent.'],
    ['a deletion', [{ kind: 'note-deleted' }], 'Note deleted.'],
    ['a burst of notes by two readers is counted', [added('Ada'), added('Ben'), added('Ada')], '3 notes added by Ada and Ben.'],
    ['a burst by many readers is counted without names', many(5, (i) => added(`R${i}`)), '5 notes added.'],
    ['notes and replies together', [added('Ada'), added('Ada'), replied('Ben')], '2 notes added by Ada. Reply by Ben.'],
    ['several replies', [replied('Ben'), replied('Cy')], '2 replies by Ben and Cy.'],
    ['several deletions', [{ kind: 'note-deleted' }, { kind: 'note-deleted' }], '2 notes deleted.'],
    [
      'readers coming and going',
      [
        { kind: 'reader-joined', name: 'Ben' },
        { kind: 'reader-left', name: 'Cy' },
      ],
      'Ben joined. Cy left.',
    ],
  ])('%s', (_name, changes, expected) => {
    expect(announcementOf(changes, tags)).toBe(expected);
  });

  it('says a burst of ten thousand notes in one short sentence', () => {
    const said = announcementOf(many(10_000, (i) => added(`R${i % 7}`)));
    expect(said).toBe('10000 notes added.');
  });
});
