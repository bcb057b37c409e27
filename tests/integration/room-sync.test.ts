/**
 * Live rooms over the public contract: stock y-websocket clients on `/collab/should-have-known` see each other's
 * notes and tags through the server, and a client without credentials (anonymous) joins, syncs and receives notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { ben, ann, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let text: string;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('a live room shared by two readers', () => {
  let a: TestRoomClient;
  let b: TestRoomClient;

  beforeAll(async () => {
    a = await joinRoom(server.current.wsUrl, storyId, ann);
    b = await joinRoom(server.current.wsUrl, storyId, ben);
  });

  afterAll(() => {
    a?.destroy();
    b?.destroy();
  });

  it("delivers a note A puts in the annotations map to B's map", async () => {
    const note = buildNote({ text, creator: ann, passage: 'Spike sat inside the mausoleum', comment: 'The opening image.' });
    a.annotations.set(note.id, note);
    await waitFor(() => b.annotations.has(note.id), 10_000, "A's note in B's map");
    expect(b.annotations.get(note.id)).toEqual(note);
  });

  it("delivers a tag A sets in the tags map to B's map", async () => {
    // A theme of A's own (the story's suggested ones, guilt among them, are the facilitators' to change).
    const tag = { label: 'Grief', color: '#aa3355', description: 'What Spike could not undo' };
    a.tags.set('grief', tag);
    await waitFor(() => b.tags.has('grief'), 10_000, "A's tag in B's map");
    expect(b.tags.get('grief')).toEqual(tag);
  });

  it('delivers a note B writes back to A, so the room goes both ways', async () => {
    const note = buildNote({ text, creator: ben, passage: "Things in Sunnydale weren't the same anymore" });
    b.annotations.set(note.id, note);
    await waitFor(() => a.annotations.has(note.id), 10_000, "B's note in A's map");
    expect(a.annotations.get(note.id)).toEqual(note);
  });
});

describe('an anonymous stock client', () => {
  it('joins the room without params and syncs', async () => {
    const anonymous = await joinRoom(server.current.wsUrl, storyId);
    expect(anonymous.provider.url).toBe(`${server.current.wsUrl}/collab/${storyId}`);
    expect(anonymous.provider.wsconnected).toBe(true);
    expect(anonymous.closes).toEqual([]);
    anonymous.destroy();
  });

  // An anonymous client reads live; its own writes are refused (tests/integration/hostile/identity-forgery.test.ts).
  it('receives a note a signed-in reader adds, which is stored and served over HTTP', async () => {
    const guest = { id: 'guest-1', name: 'Guest' };
    const anonymous = await joinRoom(server.current.wsUrl, storyId);
    const writer = await joinRoom(server.current.wsUrl, storyId, guest);
    const note = buildNote({ text, creator: guest, passage: 'a cigarette burning in his hand' });
    writer.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, "the guest's note over HTTP");
    await waitFor(() => anonymous.annotations.has(note.id), 10_000, "the guest's note in the anonymous map");
    expect(anonymous.annotations.get(note.id)).toEqual(note);
    writer.destroy();
    anonymous.destroy();
  });
});
