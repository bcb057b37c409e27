import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admissionRoomOf, admitUpdate, type AdmissionOptions } from '../../lib/collab/update-admission.ts';
import { allowedRootTypes } from '../../lib/collab/shared-state.ts';
import { aComment, aTag } from '../helpers/unit-annotations.ts';
import { craftUpdate, entry } from '../helpers/yjs-craft.ts';
import { updateOf } from '../helpers/unit-yjs.ts';

const honest = 7; // the connection's own client id
const victim = 3; // another reader's client id, already in the room

/** The room: the victim wrote note-1 (clock 0) and overwrote it (clock 1); a tag `loss` (clock 2). */
function roomDoc(): Y.Doc {
  const doc = new Y.Doc();
  const victimDoc = new Y.Doc();
  victimDoc.clientID = victim;
  victimDoc.getMap('annotations').set('note-1', aComment());
  victimDoc.getMap('annotations').set('note-1', aComment({ modified: '2024-05-02T08:30:00.000Z' }));
  victimDoc.getMap('tags').set('loss', aTag());
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(victimDoc));
  return doc;
}

/** A client doc of the connection, synced with the room. */
function clientDoc(room: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = honest;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
  return doc;
}

const options = (mayWrite: (client: number) => boolean = (c) => c === honest): AdmissionOptions => ({
  roots: allowedRootTypes,
  bounds: { structs: 100, deleteRanges: 100 },
  gcLength: 1000,
  mayWrite,
});

function admit(update: Uint8Array, room = roomDoc(), opts = options()) {
  return admitUpdate(update, admissionRoomOf(room), opts);
}

describe('admitUpdate admits what honest clients send', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['a new note', (d) => d.getMap('annotations').set('note-2', aComment({ id: 'note-2' }))],
    ['a new tag', (d) => d.getMap('tags').set('grief', aTag({ label: 'grief' }))],
    [
      'an overwrite of an existing note (the item continues the entry by origin)',
      (d) => d.getMap('annotations').set('note-1', aComment({ modified: '2024-06-01T00:00:00.000Z' })),
    ],
    ['a delete of an existing note', (d) => d.getMap('annotations').delete('note-1')],
    [
      'several entries in both maps',
      (d) => {
        d.getMap('annotations').set('note-2', aComment({ id: 'note-2' }));
        d.getMap('annotations').set('note-3', aComment({ id: 'note-3' }));
        d.getMap('tags').set('grief', aTag({ label: 'grief' }));
      },
    ],
  ])('%s', (_name, change) => {
    const room = roomDoc();
    const verdict = admit(updateOf(clientDoc(room), change), room);
    expect(verdict.ok).toBe(true);
  });

  it('a whole offline session as one sync step 2: writes, overwrites and deletes of its own notes', () => {
    const room = roomDoc();
    const client = clientDoc(room);
    const notes = client.getMap('annotations');
    for (let i = 0; i < 20; i++) notes.set(`n-${i}`, aComment({ id: `n-${i}` }));
    for (let i = 0; i < 20; i += 2) notes.set(`n-${i}`, aComment({ id: `n-${i}`, modified: '2024-06-01T00:00:00.000Z' }));
    for (let i = 0; i < 20; i += 3) notes.delete(`n-${i}`);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(room));
    expect(admit(step2, room)).toMatchObject({ ok: true, writtenClients: [honest] });
  });

  it('an update the room already has, even from a connection that owns no client id (nothing new is written)', () => {
    const room = roomDoc();
    expect(
      admit(
        Y.encodeStateAsUpdate(room),
        room,
        options(() => false),
      ),
    ).toMatchObject({ ok: true, writtenClients: [] });
  });

  it('an empty update', () => {
    expect(admit(new Uint8Array([0, 0]))).toMatchObject({ ok: true, writtenClients: [] });
  });
});

describe('admitUpdate refuses', () => {
  it.each<[string, Uint8Array, RegExp]>([
    [
      'an item of length 0 (deleted content)',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { deleted: 0 }, parent: 'annotations', key: 'x' }] }]),
      /length 0/,
    ],
    [
      'a map entry with no value',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [] }, parent: 'annotations', key: 'x' }] }]),
      /exactly one value/,
    ],
    ['a GC struct of length 0', craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'gc', length: 0 }] }]), /length 0/],
    [
      'a GC struct of absurd length',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'gc', length: 2 ** 40 }] }]),
      /garbage-collected range/,
    ],
    ['a new root type', craftUpdate([{ client: honest, clock: 0, structs: [entry('x', 1, 'evil')] }]), /root type "evil"/],
    [
      'text content',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { string: 'hi' }, parent: 'annotations', key: 'x' }] }]),
      /String is not allowed/,
    ],
    [
      'an entry without a key (a list item in a map)',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, parent: 'annotations' }] }]),
      /keyed entries/,
    ],
    [
      'a nested type parent',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, parent: [victim, 0], key: 'x' }] }]),
      /nested/,
    ],
    [
      'JSON under a new root through a deleted origin (the shape-check bypass)',
      craftUpdate([
        {
          client: honest,
          clock: 0,
          structs: [
            { kind: 'item', content: { deleted: 1 }, parent: 'evil', key: 'x' },
            { kind: 'item', content: { any: [{ pwned: true }] }, origin: [honest, 0] },
          ],
        },
      ]),
      /root type "evil"/,
    ],
    [
      'a keyless entry in annotations through a deleted origin',
      craftUpdate([
        {
          client: honest,
          clock: 0,
          structs: [
            { kind: 'item', content: { deleted: 1 }, parent: 'annotations' },
            { kind: 'item', content: { any: [{ pwned: true }] }, origin: [honest, 0] },
          ],
        },
      ]),
      /keyed entries/,
    ],
    [
      'an item with a right origin (no map write has one)',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, rightOrigin: [victim, 0] }] }]),
      /right origin/,
    ],
    [
      'an origin nobody wrote yet (a missing dependency)',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, origin: [99, 5] }] }]),
      /missing dependency/,
    ],
    [
      'a run that starts past the room\u2019s clock for that client',
      craftUpdate([{ client: honest, clock: 4, structs: [entry('x', 1)] }]),
      /missing dependency/,
    ],
    [
      'a run with a gap (skip) before new content',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'skip', length: 3 }, entry('x', 1)] }]),
      /missing dependency/,
    ],
    [
      'an origin on its own item\u2019s clock',
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, origin: [honest, 0] }] }]),
      /missing dependency|not before/,
    ],
    [
      'an item under another reader\u2019s client id',
      craftUpdate([{ client: victim, clock: 3, structs: [{ kind: 'item', content: { any: [1] }, origin: [victim, 2] }] }]),
      /belongs to another connection/,
    ],
    ['a delete range over another reader\u2019s future clocks (silencing them)', craftUpdate([], [[victim, 3, 1000]]), /does not exist/],
    ['a delete range of length 0', craftUpdate([], [[victim, 0, 0]]), /empty delete range/],
    ['a delete range over an unknown client', craftUpdate([], [[12345, 0, 1]]), /does not exist/],
    [
      'the same client twice in one update',
      craftUpdate([
        { client: honest, clock: 0, structs: [entry('a', 1)] },
        { client: honest, clock: 1, structs: [entry('b', 1)] },
      ]),
      /appears twice/,
    ],
    ['bytes that are not an update', new Uint8Array([200, 1, 2]), /undecodable/],
  ])('%s', (_name, update, reason) => {
    const verdict = admit(update);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('an origin into a garbage-collected range', () => {
    const room = roomDoc();
    Y.applyUpdate(room, craftUpdate([{ client: 50, clock: 0, structs: [{ kind: 'gc', length: 5 }] }]));
    const verdict = admit(
      craftUpdate([{ client: honest, clock: 0, structs: [{ kind: 'item', content: { any: [1] }, origin: [50, 2] }] }]),
      room,
    );
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/garbage-collected/) });
  });

  it('more structs than the bound, before decoding them all', () => {
    const structs = Array.from({ length: 101 }, (_, i) => entry(`k${i}`, i));
    expect(admit(craftUpdate([{ client: honest, clock: 0, structs }]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/more than 100 structs/),
    });
  });

  it('more delete ranges than the bound', () => {
    const deletes = Array.from({ length: 101 }, (_, i): [number, number, number] => [victim, 0, 1 + i]);
    expect(admit(craftUpdate([], deletes))).toMatchObject({ ok: false, reason: expect.stringMatching(/more than 100 delete ranges/) });
  });

  it('every refused update leaves the room unchanged when it is not applied, and applying the admitted ones leaves nothing pending', () => {
    const room = roomDoc();
    const client = clientDoc(room);
    const update = updateOf(client, (d) => d.getMap('annotations').set('note-9', aComment({ id: 'note-9' })));
    expect(admit(update, room).ok).toBe(true);
    Y.applyUpdate(room, update);
    expect(room.store.pendingStructs).toBeNull();
    expect(room.store.pendingDs).toBeNull();
    expect(room.getMap('annotations').has('note-9')).toBe(true);
  });
});
