/**
 * A 17-byte delete set over another reader's future clocks (their Yjs client id is visible in awareness) used to
 * delete every note that reader wrote afterwards, in the very transaction it arrived in, so the server saw no change
 * and the reader was silenced without a trace. Admission now refuses delete ranges over content that does not exist:
 * the attacker is closed with 1008 and the victim's next notes reach another reader and are stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { attack, freshClientState, updateLogLength, type AttackOutcome } from '../../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../../helpers/room-clients.ts';
import { readDatabase, replayUpdates, storedUpdates } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';
import { craftUpdate } from '../../helpers/yjs-craft.ts';

const mallory = { id: 'reader-mallory', name: 'Mallory' };

let server: TestServer;
let text: string;
let victim: TestRoomClient;
let other: TestRoomClient;
/** The victim's first note, written before the attack. */
let earlier: string;

async function victimWrites(passage: string): Promise<string> {
  const note = buildNote({ text, creator: ann, passage, comment: `Victim: ${passage}` });
  victim.annotations.set(note.id, note);
  return note.id;
}

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  victim = await joinRoom(server.current.wsUrl, storyId, ann);
  other = await joinRoom(server.current.wsUrl, storyId, ben);
  earlier = await victimWrites('Spike sat inside the mausoleum');
  await waitFor(async () => (await storedIds(server.current.url)).includes(earlier), 10_000, "the victim's first note");
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe("a delete range over another reader's future clocks", () => {
  let outcome: AttackOutcome;
  let logBefore: number;
  let update: Uint8Array;

  beforeAll(async () => {
    const client = victim.doc.clientID;
    const next = Y.getState(victim.doc.store, client);
    update = craftUpdate([], [[client, next, 2 ** 20]]);
    logBefore = updateLogLength(server.dbPath, storyId);
    outcome = await attack(server.current.wsUrl, storyId, update, { as: mallory });
  });

  it('is a handful of bytes and closes the attacker with 1008', () => {
    expect(update.byteLength).toBeLessThanOrEqual(17);
    expect(outcome.code).toBe(1008);
  });

  it('stores nothing', () => {
    expect(updateLogLength(server.dbPath, storyId)).toBe(logBefore);
  });

  it("does not delete the victim's next notes: they reach another reader and are stored", async () => {
    const first = await victimWrites('lost in memories');
    const second = await victimWrites('fallen apart');
    await waitFor(
      () => other.annotations.has(first) && other.annotations.has(second),
      10_000,
      "the victim's next notes in the other reader's map",
    );
    await waitFor(
      async () => {
        const ids = await storedIds(server.current.url);
        return ids.includes(first) && ids.includes(second);
      },
      10_000,
      "the victim's next notes over HTTP",
    );
    expect(victim.annotations.has(first)).toBe(true);
    const logged = readDatabase(server.dbPath, (db) => replayUpdates(storedUpdates(db, storyId)));
    try {
      expect([...logged.getMap('annotations').keys()]).toEqual(expect.arrayContaining([earlier, first, second]));
    } finally {
      logged.destroy();
    }
    const fresh = await freshClientState(server.current.wsUrl, storyId);
    expect(fresh.keys).toEqual(expect.arrayContaining([earlier, first, second]));
  });

  it('also refuses a delete range over the clocks of a client the room has never seen', async () => {
    const closed = await attack(server.current.wsUrl, storyId, craftUpdate([], [[victim.doc.clientID + 1, 0, 2 ** 20]]), { as: mallory });
    expect(closed.code).toBe(1008);
  });

  it('also refuses a range that starts inside existing content and runs into the future', async () => {
    const client = victim.doc.clientID;
    const closed = await attack(
      server.current.wsUrl,
      storyId,
      craftUpdate([], [[client, 0, Y.getState(victim.doc.store, client) + 1000]]),
      { as: mallory },
    );
    expect(closed.code).toBe(1008);
    const after = await victimWrites('two tiny little details');
    await waitFor(() => other.annotations.has(after), 10_000, "the victim's note after the second attack");
    await waitFor(async () => (await storedIds(server.current.url)).includes(after), 10_000, 'that note over HTTP');
    expect(other.annotations.has(earlier)).toBe(true);
  });

  it('leaves the honest readers connected and the database consistent (db:check)', () => {
    expect(victim.closes).toEqual([]);
    expect(other.closes).toEqual([]);
    expectDatabaseConsistent(server.dbPath);
  });
});
