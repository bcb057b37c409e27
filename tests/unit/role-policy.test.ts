/**
 * The room's policy with accounts and roles, judged through the real gate: who may write, whose notes, moderation
 * with a trace, notes from before accounts, and the theme vocabulary.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../lib/access/roles.ts';
import { moderate, redactHidden, unhide } from '../../lib/annotations/moderation.ts';
import { withThread } from '../../lib/annotations/threads.ts';
import type { ReaderIdentity } from '../../server/identity.ts';
import { rolePolicy } from '../../server/permissions.ts';
import { aComment, alice, aReply, aTag, bob, commenting } from '../helpers/unit-annotations.ts';
import { gateRoom, judge, type GateRoom } from '../helpers/unit-room-gate.ts';

const signedIn = (who: { id: string; name: string }): ReaderIdentity => ({ kind: 'reader', id: who.id, name: who.name, verified: true });
const asAlice = signedIn(alice);
const asBob = signedIn(bob);
const carol = { id: 'reader-carol', name: 'Carol' };
const asCarol = signedIn(carol);
const accounts = new Set([alice.id, bob.id, carol.id]);
const policy = rolePolicy((id) => accounts.has(id));
const at = '2024-05-02T10:00:00.000Z';

async function refusals(room: GateRoom, who: ReaderIdentity, role: Role, change: (r: GateRoom) => void): Promise<string[]> {
  const result = await judge(room, who, change, new Set(), { role, policy });
  return result.rejections.map((r) => r.reason);
}

const alicesNote = () => aComment({ id: 'note-a', creator: alice });
const seeded = () => gateRoom({ annotations: [alicesNote()], tags: { loss: aTag() } });

describe('rolePolicy: who writes', () => {
  it('refuses every write of an anonymous or claimed (unverified) connection', async () => {
    const note = aComment({ id: 'n1', creator: alice });
    expect(await refusals(gateRoom(), { kind: 'anonymous' }, 'annotator', (r) => r.annotations.set(note.id, note))).toEqual([
      'sign in to write notes',
    ]);
    expect(await refusals(gateRoom(), { kind: 'reader', ...alice }, 'annotator', (r) => r.annotations.set(note.id, note))).toEqual([
      'sign in to write notes',
    ]);
  });

  it('refuses a viewer, even on their own note', async () => {
    const [reason] = await refusals(seeded(), asAlice, 'viewer', (r) => r.annotations.delete('note-a'));
    expect(reason).toMatch(/viewer/);
  });

  it("refuses a new note in another's name or under another name", async () => {
    const forgedId = aComment({ id: 'n1', creator: bob });
    const forgedName = aComment({ id: 'n2', creator: { id: alice.id, name: 'Someone Else' } });
    expect(await refusals(gateRoom(), asAlice, 'annotator', (r) => r.annotations.set(forgedId.id, forgedId))).toHaveLength(1);
    expect(await refusals(gateRoom(), asAlice, 'annotator', (r) => r.annotations.set(forgedName.id, forgedName))).toHaveLength(1);
  });

  it('lets an annotator write, edit and delete their own notes only', async () => {
    expect(
      await refusals(seeded(), asAlice, 'annotator', (r) => r.annotations.set('note-a', { ...alicesNote(), body: [commenting('edited')] })),
    ).toEqual([]);
    const room = seeded();
    expect(
      await refusals(room, asBob, 'annotator', (r) => r.annotations.set('note-a', { ...alicesNote(), body: [commenting('mine now')] })),
    ).toEqual(['note note-a belongs to Alice']);
    expect(await refusals(seeded(), asBob, 'annotator', (r) => r.annotations.delete('note-a'))).toEqual(['note note-a belongs to Alice']);
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.annotations.delete('note-a'))).toEqual([]);
  });

  it('refuses a new note that arrives already moderated', async () => {
    const note = moderate(aComment({ id: 'n1', creator: alice }), 'hidden', alice, at);
    expect(await refusals(gateRoom(), asAlice, 'facilitator', (r) => r.annotations.set(note.id, note))).toHaveLength(1);
  });
});

describe('rolePolicy: moderation', () => {
  it('lets a facilitator hide, restore and remove (with a trace) anyone’s note', async () => {
    const room = seeded();
    const hidden = moderate(alicesNote(), 'hidden', carol, at);
    expect(await refusals(room, asCarol, 'facilitator', (r) => r.annotations.set('note-a', hidden))).toEqual([]);
    expect(await refusals(room, asCarol, 'facilitator', (r) => r.annotations.set('note-a', unhide(hidden)))).toEqual([]);
    const removed = moderate(alicesNote(), 'removed', carol, at);
    expect(removed.body).toEqual([]);
    expect(await refusals(room, asCarol, 'facilitator', (r) => r.annotations.set('note-a', removed))).toEqual([]);
    expect(room.annotations.get('note-a')).toMatchObject({ moderation: { action: 'removed', by: carol } });
  });

  it('refuses an annotator hiding a note, even their own', async () => {
    expect(
      await refusals(seeded(), asBob, 'annotator', (r) => r.annotations.set('note-a', moderate(alicesNote(), 'hidden', bob, at))),
    ).toHaveLength(1);
    expect(
      await refusals(seeded(), asAlice, 'annotator', (r) => r.annotations.set('note-a', moderate(alicesNote(), 'hidden', alice, at))),
    ).toHaveLength(1);
  });

  it('refuses a facilitator rewriting, deleting without a trace, or signing a mark with another name', async () => {
    const rewritten = { ...moderate(alicesNote(), 'hidden', carol, at), body: [commenting('words put in her mouth')] };
    expect(await refusals(seeded(), asCarol, 'facilitator', (r) => r.annotations.set('note-a', rewritten))).toHaveLength(1);
    expect(await refusals(seeded(), asCarol, 'facilitator', (r) => r.annotations.delete('note-a'))).toHaveLength(1);
    expect(
      await refusals(seeded(), asCarol, 'facilitator', (r) => r.annotations.set('note-a', moderate(alicesNote(), 'hidden', bob, at))),
    ).toHaveLength(1);
  });

  it('keeps a removed note removed, for its author too', async () => {
    const room = gateRoom({ annotations: [moderate(alicesNote(), 'removed', carol, at)] });
    expect(await refusals(room, asAlice, 'annotator', (r) => r.annotations.set('note-a', alicesNote()))).toHaveLength(1);
  });

  it('keeps the trace: the author cannot delete a moderated note (and so cannot write it anew without the mark)', async () => {
    for (const action of ['hidden', 'removed'] as const) {
      const room = gateRoom({ annotations: [moderate(alicesNote(), action, carol, at)] });
      expect(await refusals(room, asAlice, 'annotator', (r) => r.annotations.delete('note-a'))).toEqual([
        `a note a facilitator ${action} keeps its trace`,
      ]);
    }
  });

  it('moderates replies the same way', async () => {
    const reply = aReply({ id: 'reply-1', creator: bob, target: 'note-a' });
    const room = gateRoom({ annotations: [alicesNote(), reply] });
    expect(
      await refusals(room, asCarol, 'facilitator', (r) => r.annotations.set('reply-1', moderate(reply, 'removed', carol, at))),
    ).toEqual([]);
  });
});

describe('rolePolicy: notes from before accounts', () => {
  const legacy = () => aComment({ id: 'note-old', creator: { id: 'browser-made-id', name: 'Old Reader' } });

  it('are read-only for everyone but the owner, who may delete them', async () => {
    // The gate only judges (the room applies its corrections): each case starts from a fresh room.
    const room = () => gateRoom({ annotations: [legacy()] });
    expect(await refusals(room(), asAlice, 'annotator', (r) => r.annotations.delete('note-old'))).toHaveLength(1);
    expect(await refusals(room(), asCarol, 'facilitator', (r) => r.annotations.delete('note-old'))).toHaveLength(1);
    expect(
      await refusals(room(), asCarol, 'facilitator', (r) => r.annotations.set('note-old', { ...legacy(), body: [commenting('x')] })),
    ).toHaveLength(1);
    expect(await refusals(room(), asAlice, 'owner', (r) => r.annotations.delete('note-old'))).toEqual([]);
  });
});

describe('rolePolicy: themes', () => {
  it('lets an annotator create a theme but not rename, recolour or delete one', async () => {
    expect(await refusals(gateRoom(), asAlice, 'annotator', (r) => r.tags.set('guilt', aTag({ label: 'guilt' })))).toEqual([]);
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.tags.set('loss', { ...aTag(), label: 'Grief' }))).toHaveLength(1);
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.tags.set('loss', { ...aTag(), color: '#000000' }))).toHaveLength(1);
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.tags.delete('loss'))).toHaveLength(1);
  });

  it('lets an annotator set a theme to what it already is (a client making sure it exists)', async () => {
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.tags.set('loss', aTag()))).toEqual([]);
  });

  it('lets a facilitator rename, recolour and delete a theme, but not one notes still use', async () => {
    expect(
      await refusals(seeded(), asCarol, 'facilitator', (r) => r.tags.set('loss', { ...aTag(), label: 'Grief', color: '#225588' })),
    ).toEqual([]);
    expect(await refusals(seeded(), asCarol, 'facilitator', (r) => r.tags.delete('loss'))).toEqual(['tag loss is used by 1 note']);
    const unused = gateRoom({ tags: { motif: aTag({ label: 'motif' }) } });
    expect(await refusals(unused, asCarol, 'facilitator', (r) => r.tags.delete('motif'))).toEqual([]);
  });

  it('refuses a viewer creating a theme', async () => {
    expect(await refusals(gateRoom(), asAlice, 'viewer', (r) => r.tags.set('guilt', aTag({ label: 'guilt' })))).toHaveLength(1);
  });
});

describe('redactHidden', () => {
  const hidden = () => moderate(alicesNote(), 'hidden', carol, at);
  it.each([
    ['a reader who is neither moderator nor author gets no text', { id: bob.id, moderator: false }, 0],
    ['a reader without an account gets no text', { id: null, moderator: false }, 0],
    ['the author gets the text', { id: alice.id, moderator: false }, 2],
    ['a moderator gets the text', { id: carol.id, moderator: true }, 2],
  ])('%s', (_what, reader, bodies) => {
    const served = redactHidden(hidden(), reader);
    expect(served.body).toHaveLength(bodies);
    expect(served.moderation?.action).toBe('hidden');
  });

  it('leaves notes that are not hidden alone', () => {
    expect(redactHidden(alicesNote(), { id: null, moderator: false })).toEqual(alicesNote());
  });
});

describe('rolePolicy: threads', () => {
  const question = () => aComment({ id: 'note-q', creator: alice, motivation: 'questioning' });
  const room = () => gateRoom({ annotations: [question()] });
  const resolvedBy = (who: { id: string; name: string }, state: 'resolved' | 'answered' = 'resolved', answer?: string) =>
    withThread(question(), { state, answer }, who, at);

  it('lets the author and a facilitator resolve and reopen, not another annotator', async () => {
    expect(await refusals(room(), asAlice, 'annotator', (r) => r.annotations.set('note-q', resolvedBy(alice)))).toEqual([]);
    expect(await refusals(room(), asCarol, 'facilitator', (r) => r.annotations.set('note-q', resolvedBy(carol)))).toEqual([]);
    expect(await refusals(room(), asBob, 'annotator', (r) => r.annotations.set('note-q', resolvedBy(bob)))).toEqual([
      'note note-q belongs to Alice',
    ]);
    const resolved = gateRoom({ annotations: [resolvedBy(alice)] });
    expect(await refusals(resolved, asCarol, 'facilitator', (r) => r.annotations.set('note-q', question()))).toEqual([]);
  });

  it('refuses a resolution in another name, and a facilitator changing more than the thread', async () => {
    expect(await refusals(room(), asCarol, 'facilitator', (r) => r.annotations.set('note-q', resolvedBy(bob)))).toHaveLength(1);
    expect(await refusals(room(), asAlice, 'annotator', (r) => r.annotations.set('note-q', resolvedBy(bob)))).toHaveLength(1);
    const rewritten = { ...resolvedBy(carol), body: [commenting('words put in her mouth')] };
    expect(await refusals(room(), asCarol, 'facilitator', (r) => r.annotations.set('note-q', rewritten))).toHaveLength(1);
  });

  it('answers only a question, with one of its own replies', async () => {
    const withReply = () => gateRoom({ annotations: [question(), aReply({ id: 'reply-1', creator: bob, target: 'note-q' })] });
    expect(
      await refusals(withReply(), asAlice, 'annotator', (r) => r.annotations.set('note-q', resolvedBy(alice, 'answered', 'reply-1'))),
    ).toEqual([]);
    const [notItsReply] = await refusals(room(), asAlice, 'annotator', (r) =>
      r.annotations.set('note-q', resolvedBy(alice, 'answered', 'reply-1')),
    );
    expect(notItsReply).toMatch(/not a reply to this question/);
    const comment = withThread(alicesNote(), { state: 'answered', answer: 'reply-1' }, alice, at);
    expect(await refusals(seeded(), asAlice, 'annotator', (r) => r.annotations.set('note-a', comment))).toHaveLength(1);
  });
});
