import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deletesLiveContent } from '../../lib/collab/deletes-live.ts';

/** A room with notes a, b and c, one of them (b) deleted already; and a client synced with it. */
function roomAndClient() {
  const room = new Y.Doc();
  const notes = room.getMap('annotations');
  for (const id of ['a', 'b', 'c']) notes.set(id, { id });
  notes.delete('b');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
  return { room, client };
}

describe('deletesLiveContent', () => {
  it.each([
    ['an honest sync answer (the whole delete set, nothing new)', (_c: Y.Doc) => {}, false],
    ['deleting a note the room still has', (c: Y.Doc) => c.getMap('annotations').delete('a'), true],
    ['deleting the last note', (c: Y.Doc) => c.getMap('annotations').delete('c'), true],
  ])('%s', (_what, change, expected) => {
    const { room, client } = roomAndClient();
    change(client);
    expect(deletesLiveContent(room, Y.encodeStateAsUpdate(client))).toBe(expected);
  });

  it('ignores ranges of clients the room does not know', () => {
    const { room } = roomAndClient();
    const stranger = new Y.Doc();
    stranger.getMap('annotations').set('x', 1);
    stranger.getMap('annotations').delete('x');
    expect(deletesLiveContent(room, Y.encodeStateAsUpdate(stranger))).toBe(false);
  });
});
