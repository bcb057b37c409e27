import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NotesStore, type NotesMaps } from '../../lib/collab/notes-store.ts';
import { palette } from '../../lib/tags/palette.ts';
import { aComment, alice, aReply, aTag, bob, commenting } from '../helpers/unit-annotations.ts';
import { rangeOf, storyDocumentId, storyText } from '../helpers/unit-story.ts';

/** Two readers' docs kept in sync by applying each other's updates, as a room would forward them. */
function twoRooms() {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  for (const [from, to] of [docs, [docs[1], docs[0]]] as const)
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') Y.applyUpdate(to, update, 'remote');
    });
  const maps = (doc: Y.Doc): NotesMaps => ({ doc, annotations: doc.getMap('annotations'), tags: doc.getMap('tags') });
  const stores = docs.map((d) => new NotesStore(maps(d), storyDocumentId, storyText));
  made.push(...stores);
  return { docs, mine: stores[0]!, theirs: stores[1]! };
}

const made: NotesStore[] = [];
afterEach(() => {
  for (const s of made.splice(0)) s.destroy();
});

const newNote = (overrides: { comment?: string; tags?: string[]; passage?: string } = {}) => ({
  creator: alice,
  range: rangeOf(overrides.passage ?? "weren't the same anymore"),
  comment: overrides.comment ?? 'Everything changed.',
  tags: overrides.tags ?? [],
});

describe('NotesStore commands, as the other reader sees them', () => {
  it.each([
    {
      name: 'create writes a note the other reader sees, with its new tags in distinct palette colours, in palette order',
      act: (s: NotesStore) => void s.create(newNote({ tags: ['Guilt', 'loss'] })),
      expectTheirs: (t: NotesStore) => {
        const [note] = t.getSnapshot().passages.values();
        expect(note?.body.map((b) => b.value)).toEqual(['Everything changed.', 'guilt', 'loss']);
        expect(note?.target.selector[0].exact).toBe("weren't the same anymore");
        expect(Object.fromEntries(t.getSnapshot().tags)).toEqual({
          guilt: { label: 'guilt', color: palette[0] },
          loss: { label: 'loss', color: palette[1] },
        });
      },
    },
    {
      name: 'edit replaces the comment and tags and stamps the note as modified',
      act: (s: NotesStore) => {
        const a = s.create(newNote());
        s.edit(a.id, 'On second thought.', ['exclusion']);
      },
      expectTheirs: (t: NotesStore) => {
        const [note] = t.getSnapshot().passages.values();
        expect(note?.body.map((b) => b.value)).toEqual(['On second thought.', 'exclusion']);
        expect(note?.modified).toBeDefined();
        expect(t.getSnapshot().tags.has('exclusion')).toBe(true);
      },
    },
    {
      name: 'delete removes the note for the other reader',
      act: (s: NotesStore) => void s.delete(s.create(newNote()).id),
      expectTheirs: (t: NotesStore) => expect(t.getSnapshot().annotations.size).toBe(0),
    },
    {
      name: 'restore puts a deleted note back as it was',
      act: (s: NotesStore) => {
        const a = s.create(newNote({ tags: ['guilt'] }));
        s.restore(s.delete(a.id)!);
      },
      expectTheirs: (t: NotesStore) => expect([...t.getSnapshot().passages.values()].map((a) => a.body.length)).toEqual([2]),
    },
    {
      name: 'reply lists a reply under its note',
      act: (s: NotesStore) => {
        const a = s.create(newNote());
        s.reply({ parentId: a.id, creator: bob, text: ' I read it otherwise. ' });
      },
      expectTheirs: (t: NotesStore) => {
        const [note] = t.getSnapshot().passages.values();
        expect(
          t
            .getSnapshot()
            .replies.get(note!.id)
            ?.map((r) => r.body[0]?.value),
        ).toEqual(['I read it otherwise.']);
      },
    },
    {
      name: 'ensureTags creates only the missing tags, lower-cased',
      act: (s: NotesStore) => {
        s.ensureTags(['Loss']);
        s.ensureTags(['loss', 'the chip']);
      },
      expectTheirs: (t: NotesStore) => expect([...t.getSnapshot().tags.keys()].sort()).toEqual(['loss', 'the chip']),
    },
  ])('$name', ({ act, expectTheirs }) => {
    const { mine, theirs } = twoRooms();
    act(mine);
    expectTheirs(theirs);
    // Both readers hold the same snapshot contents.
    expect([...theirs.getSnapshot().annotations.values()]).toEqual([...mine.getSnapshot().annotations.values()]);
  });
});

describe('NotesStore snapshots', () => {
  it('keeps the snapshot object until something changes, and tells subscribers once per transaction', () => {
    const { mine, theirs } = twoRooms();
    const before = theirs.getSnapshot();
    expect(theirs.getSnapshot()).toBe(before);
    let calls = 0;
    const stop = theirs.subscribe(() => calls++);
    mine.create(newNote({ tags: ['guilt'] }));
    expect(calls).toBe(1);
    expect(theirs.getSnapshot()).not.toBe(before);
    stop();
    mine.create(newNote({ passage: 'Spike sat inside the mausoleum' }));
    expect(calls).toBe(1);
  });

  it('changes only the entry of a remote note: the other notes keep their objects', () => {
    const { mine, theirs } = twoRooms();
    const a = mine.create(newNote());
    const b = mine.create(newNote({ passage: 'Spike sat inside the mausoleum' }));
    const reply = mine.reply({ parentId: a.id, creator: bob, text: 'Yes.' });
    const before = theirs.getSnapshot();
    mine.edit(b.id, 'Edited.', []);
    const after = theirs.getSnapshot();
    expect(after.passages.get(a.id)).toBe(before.passages.get(a.id));
    expect(after.passages.get(b.id)).not.toBe(before.passages.get(b.id));
    expect(after.replies).toBe(before.replies);
    expect(after.replies.get(a.id)?.[0]?.id).toBe(reply.id);
    expect(after.tags).toBe(before.tags);
  });

  it('keeps replies oldest first, and keeps the replies of a removed note', () => {
    const { mine, theirs } = twoRooms();
    const a = mine.create(newNote());
    mine.reply({ parentId: a.id, creator: bob, text: 'Second.', now: new Date('2024-05-02T00:00:00Z') });
    mine.reply({ parentId: a.id, creator: bob, text: 'First.', now: new Date('2024-05-01T00:00:00Z') });
    mine.delete(a.id);
    expect(theirs.getSnapshot().passages.has(a.id)).toBe(false);
    expect(
      theirs
        .getSnapshot()
        .replies.get(a.id)
        ?.map((r) => r.body[0]?.value),
    ).toEqual(['First.', 'Second.']);
  });

  it('drops a deleted reply from its list, and the list when it is empty', () => {
    const { mine, theirs } = twoRooms();
    const a = mine.create(newNote());
    const r = mine.reply({ parentId: a.id, creator: bob, text: 'Gone soon.' });
    mine.delete(r.id);
    expect(theirs.getSnapshot().replies.has(a.id)).toBe(false);
  });

  it.each([
    ['a value that is not an annotation', { hello: 'world' }],
    ['a note with an empty comment body', { ...aComment({ id: 'x-1' }), body: [commenting('')] }],
    ['a note stored under another key than its id', aComment({ id: 'someone-else' })],
  ])('ignores %s written by another client', (_name, value) => {
    const { docs, theirs } = twoRooms();
    docs[0].getMap('annotations').set('x-1', value);
    expect(theirs.getSnapshot().annotations.size).toBe(0);
  });

  it('drops a note that a remote change turns invalid, and a tag that does not parse', () => {
    const { docs, theirs } = twoRooms();
    docs[0].getMap('annotations').set('x-1', aComment({ id: 'x-1' }));
    docs[0].getMap('tags').set('loss', aTag());
    docs[0].getMap('tags').set('bad', { label: 'bad', color: 'url(http://x)' });
    expect(theirs.getSnapshot().annotations.has('x-1')).toBe(true);
    docs[0].getMap('annotations').set('x-1', { ...aComment({ id: 'x-1' }), motivation: 'nonsense' });
    expect(theirs.getSnapshot().annotations.has('x-1')).toBe(false);
    expect([...theirs.getSnapshot().tags.keys()]).toEqual(['loss']);
  });

  it('starts from what the doc already holds (a reader joining a room with notes)', () => {
    const doc = new Y.Doc();
    doc.getMap('annotations').set('x-1', aComment({ id: 'x-1' }));
    doc.getMap('annotations').set('r-1', aReply({ id: 'r-1', target: 'x-1' }));
    const store = new NotesStore({ doc, annotations: doc.getMap('annotations'), tags: doc.getMap('tags') }, storyDocumentId, storyText);
    made.push(store);
    expect(store.getSnapshot().passages.has('x-1')).toBe(true);
    expect(
      store
        .getSnapshot()
        .replies.get('x-1')
        ?.map((r) => r.id),
    ).toEqual(['r-1']);
  });

  it('edit and delete of an unknown id change nothing and return null', () => {
    const { mine } = twoRooms();
    const before = mine.getSnapshot();
    expect(mine.edit('nope', 'x', [])).toBeNull();
    expect(mine.delete('nope')).toBeNull();
    expect(mine.getSnapshot()).toBe(before);
  });

  it('refuses to write a note the room would refuse (an over-long comment)', () => {
    const { mine } = twoRooms();
    expect(() => mine.create(newNote({ comment: 'x'.repeat(20_000) }))).toThrow(/not a valid annotation/);
    expect(mine.getSnapshot().annotations.size).toBe(0);
  });
});
