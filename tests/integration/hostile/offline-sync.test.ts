/**
 * A reader who wrote several megabytes of notes offline comes back. Their whole session arrives in one sync
 * step 2 (the answer to the server's step 1), over the 1 MiB per-update cap: it gets the initial-sync cap instead,
 * is not held to the notes-per-minute quota, and every note is stored and reaches the other reader — where before
 * the socket was closed with 1009 and the reader retried for ever, saving nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomLimits } from '../../../lib/limits.ts';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let text: string;
let other: TestRoomClient;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  other = await joinRoom(server.current.wsUrl, storyId, ben);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const passages = ['Spike sat inside the mausoleum', 'New Year', 'Willow', 'Buffy', 'the chip'];

describe('a reader back from several megabytes of offline notes', () => {
  const offline = new Y.Doc();
  const ids: string[] = [];

  it('sends them all in one initial sync, larger than the per-update cap', () => {
    const notes = offline.getMap('annotations');
    for (let i = 0; i < 400; i++) {
      const note = buildNote({
        text,
        creator: ann,
        passage: passages[i % passages.length],
        comment: `${i}: ${'an offline thought, '.repeat(450)}`,
      });
      notes.set(note.id, note);
      ids.push(note.id);
    }
    const bytes = Y.encodeStateAsUpdate(offline).byteLength;
    expect(bytes).toBeGreaterThan(3 * roomLimits.messageBytes);
    expect(ids.length).toBeGreaterThan(roomLimits.notesPerMinute);
  });

  it('stores every note and delivers it to the other reader, without a 1009', async () => {
    const back = await joinRoom(server.current.wsUrl, storyId, ann, { notices: '1' }, offline);
    await waitFor(async () => (await storedIds(server.current.url)).length === ids.length, 30_000, 'every offline note stored');
    await waitFor(() => ids.every((id) => other.annotations.has(id)), 15_000, 'the other reader to receive them');
    expect(back.closes).toEqual([]);
    expect(back.notices.filter((n) => n.kind === 'refused' || n.kind === 'rejected')).toEqual([]);
  });

  it('keeps them across a restart', async () => {
    destroyAllClients();
    await server.restart();
    const fresh = await joinRoom(server.current.wsUrl, storyId, ben);
    expect(ids.every((id) => fresh.annotations.has(id))).toBe(true);
    expectDatabaseConsistent(server.dbPath);
  });
});
