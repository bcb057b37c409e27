import { describe, expect, it } from 'vitest';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import type { ReaderIdentity } from '../../server/identity.ts';
import { aComment, alice, aReply, aTag, bob, commenting, storyTarget } from '../helpers/unit-annotations.ts';
import { gateRoom, judge } from '../helpers/unit-room-gate.ts';
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
  it('upserts a valid note added by its creator', () => {
    const note = aComment();
    expect(judge(gateRoom(), asAlice, (r) => r.annotations.set(note.id, note))).toEqual({ ...nothing, upsertAnnotations: [note] });
  });

  it('remembers a note added on this connection in createdHere', () => {
    const createdHere = new Set<string>();
    judge(gateRoom(), anonymous, (r) => r.annotations.set('note-1', aComment()), createdHere);
    expect([...createdHere]).toEqual(['note-1']);
  });

  it.each([
    ['whose quote is not in the text', aComment({ target: { ...storyTarget(), selector: [{ type: 'TextQuoteSelector', exact: 'Buffy wore a hat' }, storyTarget().selector[1]] } }), 'the quoted passage is not in the text'],
    ['that breaks the schema', aComment({ body: [tooLong] }), 'invalid annotation: '],
    ['stored under a key other than its id', aComment({ id: 'note-2' }), 'annotation id note-2 is stored under key note-1'],
    ['on another document', aComment({ target: { ...storyTarget(), source: 'war-and-peace' } }), 'target.source war-and-peace is not this document'],
    ['written as another reader', aComment({ creator: bob }), 'a note must be written as its creator (Alice)'],
  ])('corrects an add of a note %s to its removal, saying why', (_name, value, reason) => {
    const result = judge(gateRoom(), asAlice, (r) => r.annotations.set('note-1', value));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: undefined }],
      rejections: [expect.stringContaining(`annotations[note-1]: ${reason}`)],
    });
  });

  it('does not remember a refused note in createdHere', () => {
    const createdHere = new Set<string>();
    judge(gateRoom(), anonymous, (r) => r.annotations.set('note-1', aComment({ body: [tooLong] })), createdHere);
    expect(createdHere.size).toBe(0);
  });

  it('re-anchors a drifted note: upserts the fixed note and puts it back into the map', () => {
    const fixed = aComment();
    expect(judge(gateRoom(), asAlice, (r) => r.annotations.set('note-1', drifted(-7)))).toEqual({
      ...nothing,
      upsertAnnotations: [fixed],
      corrections: [{ map: 'annotations', key: 'note-1', value: fixed }],
    });
  });

  it('upserts a reply whose target is in the room', () => {
    const reply = aReply();
    const room = gateRoom({ annotations: [aComment()] });
    expect(judge(room, asBob, (r) => r.annotations.set(reply.id, reply))).toEqual({ ...nothing, upsertAnnotations: [reply] });
  });

  it('upserts a reply added in the same transaction as its target', () => {
    const result = judge(gateRoom(), asAlice, (r) => {
      r.annotations.set('note-1', aComment());
      r.annotations.set('reply-1', aReply({ creator: alice }));
    });
    expect(result.upsertAnnotations.map((a) => a.id).sort()).toEqual(['note-1', 'reply-1']);
  });

  it('corrects a reply whose target is not in the room to its removal', () => {
    const result = judge(gateRoom(), asBob, (r) => r.annotations.set('reply-1', aReply()));
    expect(result.corrections).toEqual([{ map: 'annotations', key: 'reply-1', value: undefined }]);
  });

  it('judges each note of a transaction on its own', () => {
    const result = judge(gateRoom(), asAlice, (r) => {
      r.annotations.set('note-1', aComment());
      r.annotations.set('note-2', aComment({ id: 'note-2', body: [tooLong] }));
    });
    expect([result.upsertAnnotations.map((a) => a.id), result.corrections.map((c) => c.key)]).toEqual([['note-1'], ['note-2']]);
  });
});

describe('judgeChanges: updating notes', () => {
  it('upserts a valid edit by the note creator', () => {
    const edited = aComment({ body: [commenting('On second thought.')], modified: '2024-05-02T08:30:00.000Z' });
    const room = gateRoom({ annotations: [aComment()] });
    expect(judge(room, asAlice, (r) => r.annotations.set('note-1', edited))).toEqual({ ...nothing, upsertAnnotations: [edited] });
  });

  it('restores the old value after an invalid update', () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = judge(room, asAlice, (r) => r.annotations.set('note-1', aComment({ body: [tooLong] })));
    expect(result).toMatchObject({ upsertAnnotations: [], corrections: [{ map: 'annotations', key: 'note-1', value: original }] });
  });

  it('restores the old value after an update whose quote is not in the text', () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const [, position] = storyTarget().selector;
    const moved = aComment({ target: { ...storyTarget(), selector: [{ type: 'TextQuoteSelector', exact: 'Buffy wore a hat' }, position] } });
    expect(judge(room, asAlice, (r) => r.annotations.set('note-1', moved)).corrections).toEqual([{ map: 'annotations', key: 'note-1', value: original }]);
  });

  it("restores the old value after an edit of another reader's note", () => {
    const theirs = bobsNote();
    const room = gateRoom({ annotations: [theirs] });
    const result = judge(room, asAlice, (r) => r.annotations.set('note-b', { ...theirs, body: [commenting('Hijacked.')] }));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-b', value: theirs }],
      rejections: ['annotations[note-b]: note note-b belongs to Bob'],
    });
  });

  it('restores the old value after an edit that changes the creation time', () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = judge(room, asAlice, (r) => r.annotations.set('note-1', aComment({ created: '2030-01-01T00:00:00.000Z' })));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: original }],
      rejections: ['annotations[note-1]: created cannot change'],
    });
  });

  it('lets an anonymous connection edit a note it created', () => {
    const room = gateRoom({ annotations: [aComment()] });
    const edited = aComment({ body: [commenting('Edited.')] });
    expect(judge(room, anonymous, (r) => r.annotations.set('note-1', edited), new Set(['note-1'])).upsertAnnotations).toEqual([edited]);
  });

  it('restores the old value after an anonymous edit of a note created elsewhere', () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    const result = judge(room, anonymous, (r) => r.annotations.set('note-1', aComment({ body: [commenting('Edited.')] })));
    expect(result.corrections).toEqual([{ map: 'annotations', key: 'note-1', value: original }]);
  });
});

describe('judgeChanges: deleting notes', () => {
  it('deletes a note removed by its creator', () => {
    const room = gateRoom({ annotations: [aComment()] });
    expect(judge(room, asAlice, (r) => r.annotations.delete('note-1'))).toEqual({ ...nothing, deleteAnnotations: ['note-1'] });
  });

  it("corrects a delete of another reader's note back to the note", () => {
    const theirs = bobsNote();
    const room = gateRoom({ annotations: [theirs] });
    expect(judge(room, asAlice, (r) => r.annotations.delete('note-b'))).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-b', value: theirs }],
      rejections: ['annotations[note-b]: note note-b belongs to Bob'],
    });
  });

  it('lets an anonymous connection delete a note in createdHere', () => {
    const room = gateRoom({ annotations: [aComment()] });
    expect(judge(room, anonymous, (r) => r.annotations.delete('note-1'), new Set(['note-1']))).toEqual({
      ...nothing,
      deleteAnnotations: ['note-1'],
    });
  });

  it('corrects an anonymous delete of a note not in createdHere back to the note', () => {
    const original = aComment();
    const room = gateRoom({ annotations: [original] });
    expect(judge(room, anonymous, (r) => r.annotations.delete('note-1'), new Set(['note-2']))).toEqual({
      ...nothing,
      corrections: [{ map: 'annotations', key: 'note-1', value: original }],
      rejections: ['annotations[note-1]: note note-1 was not written on this connection'],
    });
  });

  it('lets an anonymous connection delete a note it added in an earlier transaction', () => {
    const room = gateRoom();
    const createdHere = new Set<string>();
    judge(room, anonymous, (r) => r.annotations.set('note-1', aComment()), createdHere);
    expect(judge(room, anonymous, (r) => r.annotations.delete('note-1'), createdHere).deleteAnnotations).toEqual(['note-1']);
  });
});

describe('judgeChanges: tags', () => {
  it('upserts a valid tag under its normalised name', () => {
    expect(judge(gateRoom(), asAlice, (r) => r.tags.set('loss', aTag()))).toEqual({ ...nothing, upsertTags: [{ name: 'loss', ...aTag() }] });
  });

  it.each([
    ['with capitals', 'Loss'],
    ['with surrounding spaces', ' loss '],
    ['with a run of inner spaces', 'the  chip'],
    ['that is empty', ''],
  ])('corrects an add of a tag whose key is not normalised (%s) to its removal', (_name, key) => {
    expect(judge(gateRoom(), asAlice, (r) => r.tags.set(key, aTag()))).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key, value: undefined }],
      rejections: [`tags[${key}]: tag names are trimmed lower case (see tagNameOf)`],
    });
  });

  it('corrects an add of a tag with a bad colour to its removal', () => {
    const result = judge(gateRoom(), asAlice, (r) => r.tags.set('loss', aTag({ color: 'red' })));
    expect(result).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key: 'loss', value: undefined }],
      rejections: ['tags[loss]: invalid tag: colour must be #rrggbb'],
    });
  });

  it('restores the old tag after an invalid update', () => {
    const original = aTag();
    const room = gateRoom({ tags: { loss: original } });
    expect(judge(room, asAlice, (r) => r.tags.set('loss', { ...original, extra: true })).corrections).toEqual([
      { map: 'tags', key: 'loss', value: original },
    ]);
  });

  it('upserts a valid tag update', () => {
    const room = gateRoom({ tags: { loss: aTag() } });
    const recoloured = aTag({ color: '#e6194b', description: 'What the town has lost.' });
    expect(judge(room, asAlice, (r) => r.tags.set('loss', recoloured)).upsertTags).toEqual([{ name: 'loss', ...recoloured }]);
  });

  it.each([
    ['a reader', asAlice],
    ['an anonymous connection', anonymous],
  ])('refuses a tag delete by %s and restores the tag', (_name, identity) => {
    const original = aTag();
    const room = gateRoom({ tags: { loss: original } });
    expect(judge(room, identity, (r) => r.tags.delete('loss'))).toEqual({
      ...nothing,
      corrections: [{ map: 'tags', key: 'loss', value: original }],
      rejections: ['tags[loss]: tags cannot be deleted from the room'],
    });
  });
});
