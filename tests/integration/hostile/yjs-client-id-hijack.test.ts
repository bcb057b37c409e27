/**
 * A Yjs client id is visible to everyone (it is the reader's awareness id). An attacker who writes a struct under
 * a victim's client id at the victim's next clock makes the victim's real note a duplicate that Yjs ignores: the
 * note would vanish without an error. Admission lets a connection introduce structs only under client ids it owns;
 * ownership is stored, so it holds across a restart, where the victim (same reader, same Y.Doc) can still write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { aPresence } from '../../helpers/awareness-bytes.ts';
import { attack, tablesContaining, type AttackOutcome } from '../../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestReader, type TestRoomClient } from '../../helpers/room-clients.ts';
import { readDatabase } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';
import { craftUpdate, entry } from '../../helpers/yjs-craft.ts';

const marker = 'HIJACK-MARKER-c07b';
const mallory: TestReader = { id: 'reader-mallory', name: 'Mallory' };
const cat: TestReader = { id: 'reader-cat', name: 'Cat' };

let server: TestServer;
let text: string;
let victim: TestRoomClient;
let other: TestRoomClient;

/** A struct under `client` at its next clock in the room (as `holder`'s doc knows it): a note entry with the marker. */
function hijack(holder: TestRoomClient, key = `note-${marker}`): Uint8Array {
  const client = holder.doc.clientID;
  return craftUpdate([{ client, clock: Y.getState(holder.doc.store, client), structs: [entry(key, { marker })] }]);
}

/** The stored owner of a Yjs client id in the story's room, if any. */
function ownerOf(client: number): string | undefined {
  const row = readDatabase(server.dbPath, (db) =>
    db.prepare('select owner from room_client_owners where document_id = ? and client_id = ?').get(storyId, client),
  ) as { owner: string } | undefined;
  return row?.owner;
}

async function writes(client: TestRoomClient, creator: TestReader, passage: string): Promise<string> {
  const note = buildNote({ text, creator, passage, comment: `${creator.name}: ${passage}` });
  client.annotations.set(note.id, note);
  return note.id;
}

/** Waits until `id` has reached `reader`'s map and the server's HTTP API. */
async function delivered(id: string, reader: TestRoomClient, what: string): Promise<void> {
  await waitFor(() => reader.annotations.has(id), 10_000, `${what} in another reader's map`);
  await waitFor(async () => (await storedIds(server.current.url)).includes(id), 10_000, `${what} over HTTP`);
}

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  victim = await joinRoom(server.current.wsUrl, storyId, ann);
  other = await joinRoom(server.current.wsUrl, storyId, ben);
  await delivered(await writes(victim, ann, 'Spike sat inside the mausoleum'), other, "the victim's first note");
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe("a struct under a reader's client id at their next clock", () => {
  const outcomes: Record<string, AttackOutcome> = {};

  beforeAll(async () => {
    outcomes.reader = await attack(server.current.wsUrl, storyId, hijack(victim), { as: mallory, notices: true });
    outcomes.anonymous = await attack(server.current.wsUrl, storyId, hijack(victim));
  });

  it('is refused with 1008 from another reader, and the Glossa client is told why', () => {
    expect(outcomes.reader.code).toBe(1008);
    expect(outcomes.reader.notices).toContainEqual({ kind: 'rejected', reason: expect.stringMatching(/belongs to another connection/) });
  });

  it('is refused with 1008 from an anonymous socket', () => {
    expect(outcomes.anonymous.code).toBe(1008);
  });

  it("leaves the victim's next note intact: stored and delivered to others", async () => {
    await delivered(await writes(victim, ann, 'lost in memories'), other, "the victim's next note");
    expect(victim.closes).toEqual([]);
  });

  it("stores nothing of the attacker's, and the id stays the victim's", () => {
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
    expect(ownerOf(victim.doc.clientID)).toBe(`reader:${ann.id}`);
  });
});

describe('a struct under the client id of a reader who has joined but not written yet', () => {
  let quiet: TestRoomClient;
  let outcome: AttackOutcome;

  beforeAll(async () => {
    quiet = await joinRoom(server.current.wsUrl, storyId, cat);
    // The id is public as soon as the reader shows presence (their awareness id is their Yjs client id).
    quiet.provider.awareness.setLocalState(aPresence(cat.name));
    await waitFor(() => other.provider.awareness.getStates().has(quiet.doc.clientID), 10_000, "Cat's presence");
    outcome = await attack(server.current.wsUrl, storyId, hijack(quiet, 'note-hijack-before-first-write'), { as: mallory });
  });

  it('is refused with 1008', () => {
    expect(outcome.code).toBe(1008);
  });

  it("leaves the reader's first note intact: stored and delivered to others, under an id owned by the reader", async () => {
    await delivered(await writes(quiet, cat, 'fallen apart'), other, "Cat's first note");
    expect(quiet.closes).toEqual([]);
    expect(ownerOf(quiet.doc.clientID)).toBe(`reader:${cat.id}`);
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
  });
});

describe('a struct under the client id of a present reader who is writing offline', () => {
  const dee: TestReader = { id: 'reader-dee', name: 'Dee' };
  let offline: TestRoomClient;
  let outcome: AttackOutcome;
  let noteId: string;

  beforeAll(async () => {
    offline = await joinRoom(server.current.wsUrl, storyId, dee);
    offline.provider.awareness.setLocalState(aPresence(dee.name));
    await waitFor(() => other.provider.awareness.getStates().has(offline.doc.clientID), 10_000, "Dee's presence");
    offline.provider.disconnect();
    // Dee's note now waits in her doc at clock 0; the attacker takes that clock first.
    noteId = await writes(offline, dee, 'lost in memories');
    outcome = await attack(
      server.current.wsUrl,
      storyId,
      craftUpdate([{ client: offline.doc.clientID, clock: 0, structs: [entry('note-hijack-offline', { marker })] }]),
      { as: mallory },
    );
  });

  it('is refused with 1008 even though the reader is not connected', () => {
    expect(outcome.code).toBe(1008);
  });

  it("lets the reader's offline note through when she reconnects: stored and delivered", async () => {
    offline.provider.connect();
    await delivered(noteId, other, "Dee's offline note");
    expect(ownerOf(offline.doc.clientID)).toBe(`reader:${dee.id}`);
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
  });
});

describe('after a server restart', () => {
  let victimDoc: Y.Doc;

  beforeAll(async () => {
    // Keep the victim's doc (and so its client id): its provider only stops connecting; every other client goes.
    victimDoc = victim.doc;
    victim.provider.disconnect();
    other.destroy();
    await server.restart();
  });

  it('the victim, same reader and same Y.Doc, can still write under its client id', async () => {
    const back = await joinRoom(server.current.wsUrl, storyId, ann, {}, victimDoc);
    victim = back;
    other = await joinRoom(server.current.wsUrl, storyId, ben);
    await delivered(await writes(back, ann, 'two tiny little details'), other, "the victim's note after the restart");
    expect(back.closes).toEqual([]);
  });

  it('another reader still cannot write under that id (ownership was stored)', async () => {
    const outcome = await attack(server.current.wsUrl, storyId, hijack(victim, 'note-hijack-after-restart'), { as: mallory });
    expect(outcome.code).toBe(1008);
    await delivered(await writes(victim, ann, 'the night outside was quiet'), other, "the victim's note after the last attack");
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
  });

  it('leaves a database whose log and rows agree (db:check)', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
