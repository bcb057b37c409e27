/**
 * A 29-byte update holding an item of length 0 in `annotations` used to make Yjs throw half-way through applying it,
 * leaving the room's doc inside an unfinished transaction: every honest note after it was applied in memory only
 * (not judged, stored or forwarded), and compaction could write the poison to disk so the document never opened
 * again. Admission now refuses such updates before anything is applied: the attacker is closed with 1008, honest
 * notes written afterwards still cross the room and are stored, and the document opens after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, fetchCollection, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { attack, freshClientId, freshClientState, tablesContaining, type AttackOutcome, startAttackedRoom } from '../../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../../helpers/room-clients.ts';
import { readDatabase, replayUpdates, storedUpdates } from '../../helpers/sqlite.ts';
import type { TestServer } from '../../helpers/test-server.ts';
import { craftUpdate, entry } from '../../helpers/yjs-craft.ts';

/** A string the attacker writes; it must never be stored or served. */
const marker = 'ZERO-LENGTH-MARKER-5d1c';
/** The attacker, signed in (a socket without credentials may not write at all). */
const mallory = { id: 'reader-mallory', name: 'Mallory' };

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;
/** Every honest note written in this file (all must survive). */
const honestIds: string[] = [];

async function writeHonestNote(from: TestRoomClient, creator: typeof ann, passage: string): Promise<string> {
  const note = buildNote({ text, creator, passage, comment: `Honest: ${passage}` });
  from.annotations.set(note.id, note);
  honestIds.push(note.id);
  return note.id;
}

/** The ids the stored update log replays to. */
function idsInLog(): string[] {
  const doc = readDatabase(server.dbPath, (db) => replayUpdates(storedUpdates(db, storyId)));
  try {
    return [...doc.getMap('annotations').keys()];
  } finally {
    doc.destroy();
  }
}

/** The ids of the rows of the `annotations` table for the story. */
function idsInRows(): string[] {
  return readDatabase(server.dbPath, (db) =>
    (db.prepare('select id from annotations where document_id = ?').all(storyId) as Array<{ id: string }>).map((r) => r.id),
  );
}

beforeAll(async () => {
  let noteId: string;
  ({ server, text, a, b, noteId } = await startAttackedRoom());
  honestIds.push(noteId); // the note stored before the attack must survive it too
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('an update holding a struct of length 0', () => {
  const outcomes: Record<string, AttackOutcome> = {};

  beforeAll(async () => {
    const url = server.current.wsUrl;
    outcomes.deleted = await attack(
      url,
      storyId,
      craftUpdate([
        { client: freshClientId(), clock: 0, structs: [{ kind: 'item', content: { deleted: 0 }, parent: 'annotations', key: 'note-x' }] },
      ]),
      { as: mallory },
    );
    outcomes.gc = await attack(url, storyId, craftUpdate([{ client: freshClientId(), clock: 0, structs: [{ kind: 'gc', length: 0 }] }]), {
      as: mallory,
    });
    // A valid-looking entry first, then the zero-length item: the update must be refused whole.
    outcomes.afterEntry = await attack(
      url,
      storyId,
      craftUpdate([
        {
          client: freshClientId(),
          clock: 0,
          structs: [entry(`note-${marker}`, { marker }), { kind: 'item', content: { deleted: 0 }, parent: 'annotations', key: 'note-y' }],
        },
      ]),
      { as: mallory, notices: true },
    );
  });

  it('is 31 bytes or fewer and closes the attacker with 1008 (deleted content of length 0)', () => {
    expect(
      craftUpdate([
        { client: 2 ** 31 - 1, clock: 0, structs: [{ kind: 'item', content: { deleted: 0 }, parent: 'annotations', key: 'note-x' }] },
      ]).byteLength,
    ).toBeLessThanOrEqual(31);
    expect(outcomes.deleted.code).toBe(1008);
  });

  it('closes the attacker with 1008 (a garbage-collected range of length 0)', () => {
    expect(outcomes.gc.code).toBe(1008);
  });

  it('is refused whole when it follows a valid-looking entry, and a Glossa client is told why', () => {
    expect(outcomes.afterEntry.code).toBe(1008);
    expect(outcomes.afterEntry.notices).toContainEqual({ kind: 'rejected', reason: expect.stringMatching(/length 0/) });
  });

  it('leaves the honest readers connected', () => {
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('lets notes written after the attack reach the other reader and be stored (HTTP, update log and rows)', async () => {
    const fromA = await writeHonestNote(a, ann, 'lost in memories');
    await waitFor(() => b.annotations.has(fromA), 10_000, "A's note after the attack in B's map");
    const fromB = await writeHonestNote(b, ben, 'fallen apart');
    await waitFor(() => a.annotations.has(fromB), 10_000, "B's note after the attack in A's map");
    await waitFor(
      async () => {
        const ids = await storedIds(server.current.url);
        return ids.includes(fromA) && ids.includes(fromB);
      },
      10_000,
      'both notes over HTTP',
    );
    expect(idsInLog()).toEqual(expect.arrayContaining(honestIds));
    expect(idsInRows()).toEqual(expect.arrayContaining(honestIds));
  });

  it('stores nothing of the attacker: the marker is in no table, the update log included', () => {
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
    expect(idsInLog()).toEqual(expect.arrayContaining(honestIds));
    expect(idsInLog()).toHaveLength(honestIds.length);
  });
});

describe('after a restart', () => {
  beforeAll(async () => {
    destroyAllClients();
    await server.restart();
  });

  it('the document opens with every honest note, and a fresh stock client receives them', async () => {
    const state = await freshClientState(server.current.wsUrl, storyId);
    expect(state.keys.sort()).toEqual([...honestIds].sort());
    expect((await fetchCollection(server.current.url)).first.items.map((i) => i.id).sort()).toEqual([...honestIds].sort());
  });

  it('the room still takes and forwards new notes', async () => {
    a = await joinRoom(server.current.wsUrl, storyId, ann);
    b = await joinRoom(server.current.wsUrl, storyId, ben);
    const late = await writeHonestNote(a, ann, 'two tiny little details');
    await waitFor(() => b.annotations.has(late), 10_000, "A's note after the restart in B's map");
    await waitFor(async () => (await storedIds(server.current.url)).includes(late), 10_000, 'the note after the restart over HTTP');
  });

  it('leaves a database whose log and rows agree (db:check)', async () => {
    destroyAllClients();
    await server.current.stop();
    expectDatabaseConsistent(server.dbPath);
  });
});
