import { describe, expect, it } from 'vitest';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import type { ReaderIdentity } from '../../server/identity.ts';
import { aComment, alice, aReply, aTag, bob, commenting, storyTarget } from '../helpers/unit-annotations.ts';
import { gateRoom, judge, judgeWithQuotas } from '../helpers/unit-room-gate.ts';
import { rangeOf } from '../helpers/unit-story.ts';

const asAlice: ReaderIdentity = { kind: 'reader', id: alice.id, name: alice.name };
const asBob: ReaderIdentity = { kind: 'reader', id: bob.id, name: bob.name };
const anonymous: ReaderIdentity = { kind: 'anonymous' };

const nothing = { upsertAnnotations: [], deleteAnnotations: [], upsertTags: [], deleteTags: [], corrections: [], rejections: [] };
const bobsNote = () => aComment({ id: 'note-b', creator: bob });
const tooLong = commenting('x'.repeat(annotationLimits.commentLength + 1));

/** A note whose position selector is off by `shift` characters while its quote is right. */
function drifted(shift: number) {
  const range = rangeOf("weren't the same anymore");
  const [quote] = storyTarget().selector;
  return aComment({
    target: { ...storyTarget(), selector: [quote, { type: 'TextPositionSelector', start: range.start + shift, end: range.end + shift }] },
  });
}

describe('judgeChanges: adding notes', () => {
  it('upserts a valid note added by its creator', async () => {
    const note = aComment();
    expect(await judge(gateRoom(), asAlice, (r) => r.annotations.set(note.id, note))).toEqual({ ...nothing, upsertAnnotations: [note] });
  });

  it('remembers a note added on this connection in createdHere', async () => {
    const createdHere = new Set<string>();
    await judge(gateRoom(), anonymous, (r) => r.annotations.set('note-1', aComment()), createdHere);
    expect([...createdHere]).toEqual(['note-1']);
  });

  it.each([
    [
      'whose quote is not in the text',
      aComment({
        target: { ...storyTarget(), selector: [{ type: 'TextQuoteSelector', exact: 'Buffy wore a hat' }, storyTarget().selector[1]] },
      }),
      'the quoted passage is not in the text',
    ],
    ['that breaks the schema', aComment({ body: [tooLong] }), 'invalid annotation: '],
    ['stored under a key other than its id', aComment({ id: 'note-2' }), 'annotation id note-2 is stored under key note-1'],
    [
      'on another document',
      aComment({ target: { ...storyTarget(), source: 'war-and-peace' } }),
      'target.source war-and-peace is not this document',
    ],
    ['written as another reader', aComment({ creator: bob }), 'a note must be written as its creator (Alice)'],
  ])('corrects an add of a note %s to its removal, saying why', async (_name, value, reason) => {
    const result = await judge(gateRoom(), asAlice, (r) => r.annotations.set('note-1', value));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: undefined }],
      rejections: [{ map: 'annotations', key: 'note-1', reason: expect.stringContaining(reason) }],
    });
  });

  it('does not remember a refused note in createdHere', async () => {
    const createdHere = new Set<string>();
    await judge(gateRoom(), anonymous, (r) => r.annotations.set('note-1', aComment({ body: [tooLong] })), createdHere);
    expect(createdHere.size).toBe(0);
  });

  it('re-anchors a drifted note: upserts the fixed note and puts it back into the map', async () => {
    const fixed = aComment();
    expect(await judge(gateRoom(), asAlice, (r) => r.annotations.set('note-1', drifted(-7)))).toEqual({
      ...nothing,
      upsertAnnotations: [fixed],
      corrections: [{ map: 'annotations', key: 'note-1', value: fixed }],
    });
  });

  it('upserts a reply whose target is in the room', async () => {
    const reply = aReply();
    const room = gateRoom({ annotations: [aComment()] });
    expect(await judge(room, asBob, (r) => r.annotations.set(reply.id, reply))).toEqual({ ...nothing, upsertAnnotations: [reply] });
  });

  it('upserts a reply added in the same transaction as its target', async () => {
    const result = await judge(gateRoom(), asAlice, (r) => {
      r.annotations.set('note-1', aComment());
      r.annotations.set('reply-1', aReply({ creator: alice }));
    });
    expect(result.upsertAnnotations.map((a) => a.id).sort()).toEqual(['note-1', 'reply-1']);
  });

  it('corrects a reply whose target is not in the room to its removal', async () => {
    const result = await judge(gateRoom(), asBob, (r) => r.annotations.set('reply-1', aReply()));
    expect(result.corrections).toEqual([{ map: 'annotations', key: 'reply-1', value: undefined }]);
  });

  it('judges each note of a transaction on its own', async () => {
    const result = await judge(gateRoom(), asAlice, (r) => {
      r.annotations.set('note-1', aComment());
      r.annotations.set('note-2', aComment({ id: 'note-2', body: [tooLong] }));
    });
    expect([result.upsertAnnotations.map((a) => a.id), result.corrections.map((c) => c.key)]).toEqual([['note-1'], ['note-2']]);
  });
});

describe('judgeChanges: updating notes', () => {
  it('upserts a valid edit by the note creator', async () => {
    const edited = aComment({ body: [commenting('On second thought.')], modified: '2024-05-02T08:30:00.000Z' });
    const room = gateRoom({ annotations: [aComment()] });
    expect(await judge(room, asAlice, (r) => r.annotations.set('note-1', edited))).toEqual({ ...nothing, upsertAnnotations: [edited] });
  });

  it('restores the old value after an invalid update', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = await judge(room, asAlice, (r) => r.annotations.set('note-1', aComment({ body: [tooLong] })));
    expect(result).toMatchObject({ upsertAnnotations: [], corrections: [{ map: 'annotations', key: 'note-1', value: original }] });
  });

  it('restores the old value after an update whose quote is not in the text', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const [, position] = storyTarget().selector;
    const moved = aComment({
      target: { ...storyTarget(), selector: [{ type: 'TextQuoteSelector', exact: 'Buffy wore a hat' }, position] },
    });
    expect((await judge(room, asAlice, (r) => r.annotations.set('note-1', moved))).corrections).toEqual([
      { map: 'annotations', key: 'note-1', value: original },
    ]);
  });

  it("restores the old value after an edit of another reader's note", async () => {
    const theirs = bobsNote();
    const room = gateRoom({ annotations: [theirs] });
    const result = await judge(room, asAlice, (r) => r.annotations.set('note-b', { ...theirs, body: [commenting('Hijacked.')] }));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-b', value: theirs }],
      rejections: [{ map: 'annotations', key: 'note-b', reason: 'note note-b belongs to Bob' }],
    });
  });

  it('restores the old value after an edit that changes the creation time', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = await judge(room, asAlice, (r) => r.annotations.set('note-1', aComment({ created: '2020-01-01T00:00:00.000Z' })));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: original }],
      rejections: [{ map: 'annotations', key: 'note-1', reason: 'created cannot change' }],
    });
  });

  it('keeps the stored creation time of an edit still carrying a fast clock’s time (before its correction arrived)', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const fast = aComment({ created: new Date(Date.now() + 3_600_000).toISOString(), body: [commenting('Quick second thought.')] });
    const result = await judge(room, asAlice, (r) => r.annotations.set('note-1', fast));
    const kept = { ...fast, created: original.created };
    expect(result).toEqual({ ...nothing, upsertAnnotations: [kept], corrections: [{ map: 'annotations', key: 'note-1', value: kept }] });
  });

  it('lets an anonymous connection edit a note it created', async () => {
    const room = gateRoom({ annotations: [aComment()] });
    const edited = aComment({ body: [commenting('Edited.')] });
    expect((await judge(room, anonymous, (r) => r.annotations.set('note-1', edited), new Set(['note-1']))).upsertAnnotations).toEqual([
      edited,
    ]);
  });

  it('restores the old value after an anonymous edit of a note created elsewhere', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = await judge(room, anonymous, (r) => r.annotations.set('note-1', aComment({ body: [commenting('Edited.')] })));
    expect(result.corrections).toEqual([{ map: 'annotations', key: 'note-1', value: original }]);
  });
});

describe('judgeChanges: deleting notes', () => {
  it('deletes a note removed by its creator', async () => {
    const room = gateRoom({ annotations: [aComment()] });
    expect(await judge(room, asAlice, (r) => r.annotations.delete('note-1'))).toEqual({ ...nothing, deleteAnnotations: ['note-1'] });
  });

  it("corrects a delete of another reader's note back to the note", async () => {
    const theirs = bobsNote();
    const room = gateRoom({ annotations: [theirs] });
    expect(await judge(room, asAlice, (r) => r.annotations.delete('note-b'))).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-b', value: theirs }],
      rejections: [{ map: 'annotations', key: 'note-b', reason: 'note note-b belongs to Bob' }],
    });
  });

  it('lets an anonymous connection delete a note in createdHere', async () => {
    const room = gateRoom({ annotations: [aComment()] });
    expect(await judge(room, anonymous, (r) => r.annotations.delete('note-1'), new Set(['note-1']))).toEqual({
      ...nothing,
      deleteAnnotations: ['note-1'],
    });
  });

  it('corrects an anonymous delete of a note not in createdHere back to the note', async () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    expect(await judge(room, anonymous, (r) => r.annotations.delete('note-1'), new Set(['note-2']))).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: original }],
      rejections: [{ map: 'annotations', key: 'note-1', reason: 'note note-1 was not written on this connection' }],
    });
  });

  it('lets an anonymous connection delete a note it added in an earlier transaction', async () => {
    const room = gateRoom();
    const createdHere = new Set<string>();
    await judge(room, anonymous, (r) => r.annotations.set('note-1', aComment()), createdHere);
    expect((await judge(room, anonymous, (r) => r.annotations.delete('note-1'), createdHere)).deleteAnnotations).toEqual(['note-1']);
  });
});

describe('judgeChanges: tags', () => {
  it('upserts a valid tag under its normalised name', async () => {
    expect(await judge(gateRoom(), asAlice, (r) => r.tags.set('loss', aTag()))).toEqual({
      ...nothing,
      upsertTags: [{ name: 'loss', ...aTag() }],
    });
  });

  it.each([
    ['with capitals', 'Loss'],
    ['with surrounding spaces', ' loss '],
    ['with a run of inner spaces', 'the  chip'],
    ['that is empty', ''],
  ])('corrects an add of a tag whose key is not normalised (%s) to its removal', async (_name, key) => {
    expect(await judge(gateRoom(), asAlice, (r) => r.tags.set(key, aTag()))).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key, value: undefined }],
      rejections: [{ map: 'tags', key: `${key}`, reason: `tag names are trimmed lower case (see tagNameOf)` }],
    });
  });

  it('corrects an add of a tag with a bad colour to its removal', async () => {
    const result = await judge(gateRoom(), asAlice, (r) => r.tags.set('loss', aTag({ color: 'red' })));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key: 'loss', value: undefined }],
      rejections: [{ map: 'tags', key: 'loss', reason: 'invalid tag: colour must be #rrggbb' }],
    });
  });

  it('restores the old tag after an invalid update', async () => {
    const original = aTag();
    const room = gateRoom({ tags: { loss: original } });
    expect((await judge(room, asAlice, (r) => r.tags.set('loss', { ...original, extra: true }))).corrections).toEqual([
      { map: 'tags', key: 'loss', value: original },
    ]);
  });

  it('upserts a valid tag update', async () => {
    const room = gateRoom({ tags: { loss: aTag() } });
    const recoloured = aTag({ color: '#e6194b', description: 'What the town has lost.' });
    expect((await judge(room, asAlice, (r) => r.tags.set('loss', recoloured))).upsertTags).toEqual([{ name: 'loss', ...recoloured }]);
  });

  it.each([
    ['a reader', asAlice],
    ['an anonymous connection', anonymous],
  ])('refuses a tag delete by %s while a note uses it, and restores the tag', async (_name, identity) => {
    const original = aTag();
    const room = gateRoom({ annotations: [aComment()], tags: { loss: original } });
    expect(await judge(room, identity, (r) => r.tags.delete('loss'))).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key: 'loss', value: original }],
      rejections: [{ map: 'tags', key: 'loss', reason: 'tag loss is used by 1 note' }],
    });
  });

  it('deletes a tag that no note uses', async () => {
    const room = gateRoom({ annotations: [aComment()], tags: { loss: aTag(), unused: aTag({ label: 'Unused' }) } });
    expect(await judge(room, asAlice, (r) => r.tags.delete('unused'))).toEqual({ ...nothing, deleteTags: ['unused'] });
  });
});

describe('judgeChanges: quotas', () => {
  it('refuses a new note when the connection wrote too many lately, and says so', async () => {
    const room = gateRoom();
    const result = await judgeWithQuotas(room, { allowNewNote: () => false }, (r) => r.annotations.set('note-1', aComment()));
    expect(result.upsertAnnotations).toEqual([]);
    expect(result.corrections).toEqual([{ map: 'annotations', key: 'note-1', value: undefined }]);
    expect(result.rejections[0]?.reason).toMatch(/too many notes per minute/);
  });

  it('lets an edit through when the connection may not add notes any more', async () => {
    const room = gateRoom({ annotations: [aComment()] });
    const edited = aComment({ modified: '2024-05-02T08:30:00.000Z' });
    const result = await judgeWithQuotas(room, { allowNewNote: () => false }, (r) => r.annotations.set('note-1', edited));
    expect(result.upsertAnnotations).toEqual([edited]);
  });

  it("refuses a new tag past the room's vocabulary size", async () => {
    const room = gateRoom({ tags: { loss: aTag(), guilt: aTag({ label: 'Guilt' }) } });
    const result = await judgeWithQuotas(room, { tagsPerRoom: 2 }, (r) => r.tags.set('grief', aTag({ label: 'Grief' })));
    expect(result.rejections).toEqual([{ map: 'tags', key: 'grief', reason: expect.stringMatching(/maximum of 2 tags/) }]);
  });

  it('refuses a note whose bodies are too long in all', async () => {
    const half = commenting('x'.repeat(annotationLimits.commentLength));
    const value = aComment({ body: [half, half, half, half, half] });
    const result = await judge(gateRoom(), asAlice, (r) => r.annotations.set('note-1', value));
    expect(result.rejections[0]?.reason).toMatch(/longer than 40000 characters in all/);
  });
});
