/**
 * Bad input closes only the socket that sent it: an oversized message (1009), bytes that are not the y-websocket
 * protocol (1007), a text frame (1003), an update writing a root type outside the contract (1008). The other
 * readers stay connected and keep exchanging notes, and nothing stored is lost or polluted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import {
  ben,
  ann,
  destroyAllClients,
  joinRoom,
  openRawSocket,
  readerQuery,
  syncUpdateMessage,
  waitFor,
  type CloseInfo,
  type TestReader,
  type TestRoomClient,
} from '../helpers/room-clients.ts';
import { readDatabase, replayUpdates, storedUpdates } from '../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The cap this file's server runs with. */
const maxMessageBytes = 65_536;

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;
/** A note saved before any bad input arrives. */
let savedId: string;

beforeAll(async () => {
  server = await startTestServer({ GLOSSA_MAX_MESSAGE_BYTES: String(maxMessageBytes) });
  text = await fetchText(server.current.url);
  a = await joinRoom(server.current.wsUrl, storyId, ann);
  b = await joinRoom(server.current.wsUrl, storyId, ben);
  const saved = buildNote({ text, creator: ann, passage: 'Spike sat inside the mausoleum' });
  a.annotations.set(saved.id, saved);
  savedId = saved.id;
  await waitFor(async () => (await storedIds(server.current.url)).includes(savedId), 10_000, 'the first note over HTTP');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/**
 * Opens a raw socket to the story's room (signed in as `reader`, or anonymous), sends `data` once open, and resolves
 * with how the server closed it.
 */
async function sendRaw(data: Uint8Array | string, reader?: TestReader): Promise<CloseInfo> {
  const raw = openRawSocket(server.current.wsUrl, storyId, readerQuery(server.current.wsUrl, reader));
  await raw.opened;
  raw.socket.send(data, () => {
    /* the server may close before the whole message is written; the close code tells the outcome */
  });
  return raw.closed;
}

/** A writes a note and B receives it, then B writes one and A receives it: the room still works both ways. */
async function expectRoomStillWorks(passageFromA: string, passageFromB: string): Promise<void> {
  const fromA = buildNote({ text, creator: ann, passage: passageFromA });
  a.annotations.set(fromA.id, fromA);
  await waitFor(() => b.annotations.has(fromA.id), 10_000, "A's note in B's map");
  const fromB = buildNote({ text, creator: ben, passage: passageFromB });
  b.annotations.set(fromB.id, fromB);
  await waitFor(() => a.annotations.has(fromB.id), 10_000, "B's note in A's map");
  await waitFor(
    async () => {
      const ids = await storedIds(server.current.url);
      return ids.includes(fromA.id) && ids.includes(fromB.id);
    },
    10_000,
    'both notes over HTTP',
  );
}

describe('an oversized message', () => {
  it('closes the socket that sent it with 1009', async () => {
    const closed = await sendRaw(new Uint8Array(200 * 1024));
    expect(closed.code).toBe(1009);
  });

  it('leaves the other readers connected, sending and receiving notes', async () => {
    await sendRaw(new Uint8Array(200 * 1024));
    await expectRoomStillWorks('a cigarette burning in his hand', 'the night outside was quiet');
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('loses nothing that was already saved', async () => {
    await sendRaw(new Uint8Array(200 * 1024));
    expect(await storedIds(server.current.url)).toContain(savedId);
    expect(a.annotations.has(savedId)).toBe(true);
  });
});

describe('a malformed message', () => {
  it('closes the socket that sent bytes outside the protocol with 1007', async () => {
    const closed = await sendRaw(new Uint8Array([0, 9, 9]));
    expect(closed.code).toBe(1007);
  });

  it('closes the socket that sent a text frame with 1003', async () => {
    const closed = await sendRaw('hello');
    expect(closed.code).toBe(1003);
  });

  it('leaves the other readers connected, sending and receiving notes', async () => {
    await sendRaw(new Uint8Array([0, 9, 9]));
    await expectRoomStillWorks('lost in memories', "Things in Sunnydale weren't the same anymore");
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });
});

describe('an update writing a root type outside the contract', () => {
  let closed: CloseInfo;

  beforeAll(async () => {
    const rogue = new Y.Doc();
    rogue.getText('x').insert(0, 'hi');
    closed = await sendRaw(syncUpdateMessage(Y.encodeStateAsUpdate(rogue)), { id: 'reader-rogue', name: 'Rogue' });
    rogue.destroy();
  });

  it('closes the socket that sent it with 1008', () => {
    expect(closed.code).toBe(1008);
  });

  it('stores nothing of it in the update log', () => {
    const doc = readDatabase(server.dbPath, (db) => replayUpdates(storedUpdates(db, storyId)));
    try {
      expect(doc.share.has('x')).toBe(false);
      expect(doc.getText('x').toString()).toBe('');
    } finally {
      doc.destroy();
    }
  });

  it('gives a new client a room without it', async () => {
    const c = await joinRoom(server.current.wsUrl, storyId, { id: 'reader-cat', name: 'Cat' });
    expect(c.doc.share.has('x')).toBe(false);
    expect(c.doc.getText('x').toString()).toBe('');
    expect(c.annotations.has(savedId)).toBe(true);
    c.destroy();
  });

  it('leaves the other readers connected, sending and receiving notes', async () => {
    await expectRoomStillWorks('two tiny little details', 'fallen apart');
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });
});
