/**
 * Attack class: writing without proving who you are. A socket without credentials — a stock client, or one that
 * claims a victim's public id and name in `?user=&name=` — is read-only: every note, edit, delete or theme it sends
 * is refused, nothing of it is stored (not after a restart either), the victim's notes stand, and honest readers
 * keep being served. A signed-in attacker cannot write in another's name either.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, storedIds, storyId } from '../../helpers/annotations.ts';
import {
  attack,
  freshClientState,
  openOtherRoom,
  roundTrip,
  startAttackedRoom,
  type AttackedRoom,
  type OtherRoom,
} from '../../helpers/hostile.ts';
import { ann, destroyAllClients, joinRoom, waitFor } from '../../helpers/room-clients.ts';

let room: AttackedRoom;
let other: OtherRoom;

beforeAll(async () => {
  room = await startAttackedRoom();
  other = await openOtherRoom(room.server.current.url, room.server.current.wsUrl, storyId);
});

afterAll(async () => {
  destroyAllClients();
  await room?.server.dispose();
});

/** An update that writes `value` under `key` of the room's `annotations` map, from a fresh client. */
function writing(map: 'annotations' | 'tags', key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap(map).set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('a socket without credentials', () => {
  it.each([
    ['an anonymous stock client', {}],
    ["a claim of the victim's public id and name", { user: ann.id, name: ann.name }],
  ])('%s writes nothing: new notes, edits, deletes and themes are refused', async (_what, params) => {
    const { server, text, noteId } = room;
    const { url, wsUrl } = server.current;
    const client = await joinRoom(wsUrl, storyId, undefined, { ...params, notices: '1' });
    await waitFor(() => client.annotations.has(noteId), 10_000, 'the victim’s note synced');
    const forged = buildNote({ text, creator: ann, passage: 'lost in memories', comment: 'Words put in Ann’s mouth' });
    client.annotations.set(forged.id, forged);
    client.annotations.set(noteId, { ...(client.annotations.get(noteId) as object), body: [] });
    client.annotations.delete(noteId);
    client.tags.set('vandal', { label: 'vandal', color: '#000000' });
    await waitFor(() => client.notices.some((n) => n.kind === 'rejected' || n.kind === 'refused'), 10_000, 'a refusal');
    expect(await storedIds(url)).not.toContain(forged.id);
    expect(await storedIds(url)).toContain(noteId);
    expect(room.b.annotations.has(forged.id)).toBe(false);
    expect(room.b.annotations.has(noteId)).toBe(true);
    expect(room.b.tags.has('vandal')).toBe(false);
    client.destroy();
    expect(await roundTrip(other)).toBeGreaterThan(0);
  });

  it('is refused over a raw socket too, and the refused note is absent after a restart', async () => {
    const { text, server } = room;
    const forged = buildNote({ text, creator: ann, passage: 'two tiny little details', comment: 'raw forgery' });
    const outcome = await attack(server.current.wsUrl, storyId, writing('annotations', forged.id, forged), { notices: true });
    expect(outcome.code).toBeNull(); // the socket stays open for reading
    expect(outcome.notices.some((n) => n.kind === 'rejected')).toBe(true);
    await server.restart();
    expect(await storedIds(server.current.url)).not.toContain(forged.id);
    expect(await storedIds(server.current.url)).toContain(room.noteId);
  });
});

describe('a signed-in attacker', () => {
  it("cannot write in the victim's name, or edit or delete the victim's notes", async () => {
    const { server, text, noteId } = room;
    const mallory = { id: 'reader-mallory', name: 'Mallory' };
    const client = await joinRoom(server.current.wsUrl, storyId, mallory, { notices: '1' });
    await waitFor(() => client.annotations.has(noteId), 10_000, 'note synced');
    const inAnnsName = buildNote({ text, creator: ann, passage: 'fallen apart', comment: 'Signed Ann' });
    client.annotations.set(inAnnsName.id, inAnnsName);
    const inAnnsNameOnly = buildNote({ text, creator: { id: mallory.id, name: ann.name }, passage: 'fallen apart', comment: 'Named Ann' });
    client.annotations.set(inAnnsNameOnly.id, inAnnsNameOnly);
    client.annotations.delete(noteId);
    await waitFor(() => client.notices.filter((n) => n.kind === 'refused').length >= 3, 10_000, 'three refusals');
    const stored = await storedIds(server.current.url);
    expect(stored).toContain(noteId);
    expect(stored).not.toContain(inAnnsName.id);
    expect(stored).not.toContain(inAnnsNameOnly.id);
    const fresh = await freshClientState(server.current.wsUrl, storyId);
    expect(fresh.keys).toContain(noteId);
    expect(fresh.keys).not.toContain(inAnnsName.id);
  });
});
