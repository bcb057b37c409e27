import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientOwnersOf, docFromUpdates } from '../../server/room-persistence.ts';
import { aComment } from '../helpers/unit-annotations.ts';
import { craftUpdate } from '../helpers/yjs-craft.ts';

/** An honest update: a fresh client writes `id`. */
function noteUpdate(id: string, client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getMap('annotations').set(id, aComment({ id }));
  return Y.encodeStateAsUpdate(doc);
}

describe('docFromUpdates', () => {
  it('rebuilds the notes of an honest log', () => {
    const doc = docFromUpdates([noteUpdate('a', 1), noteUpdate('b', 2)]);
    expect([...doc.getMap('annotations').keys()].sort()).toEqual(['a', 'b']);
  });

  it.each([
    [
      'an item of length 0',
      craftUpdate([{ client: 9, clock: 0, structs: [{ kind: 'item', content: { deleted: 0 }, parent: 'annotations', key: 'x' }] }]),
    ],
    [
      'an update with missing dependencies',
      craftUpdate([{ client: 9, clock: 5, structs: [{ kind: 'item', content: { any: [1] }, parent: 'annotations', key: 'x' }] }]),
    ],
    ['bytes that are not an update', new Uint8Array([7, 7, 7])],
  ])('leaves out %s that an older version stored, keeps every honest note, and reports it', (_name, poison) => {
    const reported: unknown[] = [];
    const doc = docFromUpdates([noteUpdate('a', 1), poison, noteUpdate('b', 2)], (err) => reported.push(err));
    expect([...doc.getMap('annotations').keys()].sort()).toEqual(['a', 'b']);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    expect(reported.length).toBeGreaterThan(0);
  });
});

describe('clientOwnersOf', () => {
  it('keeps stored owners and derives the creator of notes written before owners were stored', () => {
    const doc = docFromUpdates([noteUpdate('a', 1), noteUpdate('b', 2)]);
    const owners = clientOwnersOf(doc, [{ clientId: 2, owner: 'anonymous' }]);
    expect(owners.get(1)).toBe('reader:reader-alice');
    expect(owners.get(2)).toBe('anonymous');
  });

  it('leaves an id unowned when its notes have several creators', () => {
    const doc = new Y.Doc();
    doc.clientID = 5;
    doc.getMap('annotations').set('a', aComment({ id: 'a' }));
    doc.getMap('annotations').set('b', aComment({ id: 'b', creator: { id: 'reader-bob', name: 'Bob' } }));
    expect(clientOwnersOf(docFromUpdates([Y.encodeStateAsUpdate(doc)]), []).has(5)).toBe(false);
  });
});
