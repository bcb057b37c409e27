/**
 * An item that carries an origin has no parent in the encoding: Yjs gives it its origin's parent. The old shape
 * check read only explicit parents, so JSON could be placed under a new root type (`evil`) or as a keyless list
 * entry inside `annotations` by chaining it to a deleted item there; it was stored and sent to every joiner.
 * Admission now resolves every item's placement through its origins: such updates are refused with 1008 and the
 * attacker's bytes reach neither a table nor a new client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import {
  attack,
  bytesContain,
  freshClientId,
  freshClientState,
  tablesContaining,
  type AttackOutcome,
  startAttackedRoom,
} from '../../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../../helpers/room-clients.ts';
import { readDatabase, replayUpdates, storedUpdates } from '../../helpers/sqlite.ts';
import type { TestServer } from '../../helpers/test-server.ts';
import { craftUpdate, type CraftedStruct } from '../../helpers/yjs-craft.ts';

/** The attacker's bytes; they must never be stored or served. */
const marker = 'ORIGIN-BYPASS-MARKER-91e4';
const mallory = { id: 'reader-mallory', name: 'Mallory' };

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;

/** A deleted item (the anchor of the bypass) under `root`, keyed or not, followed by JSON chained to it by origin. */
function bypass(root: string, key: string | undefined): Uint8Array {
  const client = freshClientId();
  const anchor: CraftedStruct = { kind: 'item', content: { deleted: 1 }, parent: root, key };
  const payload: CraftedStruct = {
    kind: 'item',
    content: { any: [{ marker, note: 'placed through a deleted origin' }] },
    origin: [client, 0],
  };
  return craftUpdate([{ client, clock: 0, structs: [anchor, payload] }]);
}

beforeAll(async () => {
  ({ server, text, a, b } = await startAttackedRoom());
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('JSON placed through a deleted origin', () => {
  const outcomes: Record<string, AttackOutcome> = {};

  beforeAll(async () => {
    const url = server.current.wsUrl;
    outcomes.evilRoot = await attack(url, storyId, bypass('evil', 'x'), { as: mallory, notices: true });
    outcomes.keylessEntry = await attack(url, storyId, bypass('annotations', undefined), { as: mallory, notices: true });
    // The same, with the deleted anchor and the JSON sent in two separate updates on one socket is covered by the
    // first update being refused already: the anchor alone is a struct under a root outside the contract.
    outcomes.anchorAlone = await attack(
      url,
      storyId,
      craftUpdate([{ client: freshClientId(), clock: 0, structs: [{ kind: 'item', content: { deleted: 1 }, parent: 'evil', key: 'x' }] }]),
      { as: mallory },
    );
  });

  it('under a new root type `evil` is refused with 1008, and the Glossa client is told why', () => {
    expect(outcomes.evilRoot.code).toBe(1008);
    expect(outcomes.evilRoot.notices).toContainEqual({ kind: 'rejected', reason: expect.stringMatching(/root type "evil"/) });
  });

  it('as a keyless list entry inside `annotations` is refused with 1008', () => {
    expect(outcomes.keylessEntry.code).toBe(1008);
    expect(outcomes.keylessEntry.notices).toContainEqual({ kind: 'rejected', reason: expect.stringMatching(/keyed entries/) });
  });

  it('with the deleted anchor sent alone is refused with 1008', () => {
    expect(outcomes.anchorAlone.code).toBe(1008);
  });

  it("leaves the attacker's marker in no table (the update log's raw blobs included)", () => {
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
  });

  it('gives the stored log and a new stock client a room without `evil` and without the marker', async () => {
    const logged = readDatabase(server.dbPath, (db) => replayUpdates(storedUpdates(db, storyId)));
    try {
      expect([...logged.share.keys()]).not.toContain('evil');
    } finally {
      logged.destroy();
    }
    const fresh = await freshClientState(server.current.wsUrl, storyId);
    expect(fresh.shares).not.toContain('evil');
    expect(bytesContain(fresh.update, marker)).toBe(false);
    expect(bytesContain(fresh.update, 'evil')).toBe(false);
  });

  it('lets honest notes written afterwards reach the other reader and be stored', async () => {
    const note = buildNote({ text, creator: ben, passage: 'lost in memories' });
    b.annotations.set(note.id, note);
    await waitFor(() => a.annotations.has(note.id), 10_000, "B's note in A's map");
    await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, "B's note over HTTP");
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('leaves the database consistent (db:check)', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});

describe("JSON chained to a live note's entry by origin or right origin", () => {
  /** The id (client, clock) of the item that holds a live note of A's. */
  let entryId: [number, number];
  let noteId: string;
  const outcomes: Record<string, AttackOutcome> = {};

  beforeAll(async () => {
    const note = buildNote({ text, creator: ann, passage: 'fallen apart' });
    a.annotations.set(note.id, note);
    noteId = note.id;
    await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, "A's note");
    const item = (a.annotations as unknown as { _map: Map<string, { id: { client: number; clock: number } }> })._map.get(note.id)!;
    entryId = [item.id.client, item.id.clock];
    const url = server.current.wsUrl;
    const client = freshClientId();
    const json = { marker, note: 'an overwrite that is not a note' };
    // Both land in the keyed entry of A's note (a legal placement): the gate judges them as changes of that note.
    outcomes.byOrigin = await attack(
      url,
      storyId,
      craftUpdate([{ client, clock: 0, structs: [{ kind: 'item', content: { any: [json] }, origin: entryId }] }]),
      { as: mallory, notices: true },
    );
    outcomes.byRightOrigin = await attack(
      url,
      storyId,
      craftUpdate([{ client: freshClientId(), clock: 0, structs: [{ kind: 'item', content: { any: [json] }, rightOrigin: entryId }] }]),
      { as: mallory, notices: true },
    );
  });

  it('by origin is admitted as an overwrite of that note, judged, and taken back (the Glossa client is told why)', () => {
    expect(outcomes.byOrigin.code).toBeNull();
    expect(outcomes.byOrigin.notices).toContainEqual({
      kind: 'refused',
      map: 'annotations',
      key: noteId,
      reason: expect.stringMatching(/invalid annotation/),
    });
  });

  it('by right origin is refused whole (no honest map write carries one), and the Glossa client is told why', () => {
    expect(outcomes.byRightOrigin.code).toBe(1008);
    expect(outcomes.byRightOrigin.notices).toContainEqual({ kind: 'rejected', reason: expect.stringMatching(/right origin/) });
  });

  it("never replaces A's note, for any reader or in storage", async () => {
    const fresh = await joinRoom(server.current.wsUrl, storyId);
    try {
      expect((fresh.annotations.get(noteId) as { id?: string } | undefined)?.id).toBe(noteId);
    } finally {
      fresh.destroy();
    }
    expect((b.annotations.get(noteId) as { id?: string } | undefined)?.id).toBe(noteId);
    expect(await storedIds(server.current.url)).toContain(noteId);
  });

  it("leaves the attacker's marker in no table and in nothing a new client receives", async () => {
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
    expect(bytesContain((await freshClientState(server.current.wsUrl, storyId)).update, marker)).toBe(false);
  });

  it('leaves the database consistent (db:check)', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
