/**
 * Yjs keeps an update whose structs depend on clocks or clients it has not seen (pending structs) in memory for
 * ever, re-merges it on every later update (stalls grew from 0.3 s to 1.2 s per message), sends it to every joiner
 * (18 MB after twenty 900 KB messages) and let compaction persist it. A 1 MB message of half a million tiny structs
 * stalled the event loop for most of a second. Admission now refuses both before anything is applied: each is closed
 * with 1008 (or 1009 for a message over the cap), nothing is kept or stored, honest notes still flow, and another
 * room's round trip stays fast while the attacker sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomLimits } from '../../../lib/limits.ts';
import { buildNote, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import {
  attack,
  freshClientId,
  freshClientState,
  openOtherRoom,
  roundTrip,
  tablesContaining,
  updateLogLength,
  type AttackOutcome,
  type OtherRoom,
  startAttackedRoom,
} from '../../helpers/hostile.ts';
import { ann, ben, destroyAllClients, waitFor, type TestReader, type TestRoomClient } from '../../helpers/room-clients.ts';
import type { TestServer } from '../../helpers/test-server.ts';
import { craftUpdate, entry, type CraftedStruct } from '../../helpers/yjs-craft.ts';

const marker = 'PENDING-MARKER-3a8f';
const mallory: TestReader = { id: 'reader-mallory', name: 'Mallory' };
/** A client id no one in the room has written under. */
const unknownClient = 1_234_567;
/** What "another room stays fast" means here: a generous bound on one note's trip through a quiet room. */
const fastMs = 1000;

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;
let quiet: OtherRoom;
/** The size of what a new joiner of the story room receives before any attack. */
let joinerBytesBefore: number;

const item = (extra: Partial<Extract<CraftedStruct, { kind: 'item' }>>): CraftedStruct => ({
  kind: 'item',
  content: { any: [{ marker }] },
  ...extra,
});

/** Runs `attacks` one after another while measuring the quiet room's round trips; returns outcomes and samples. */
async function duringAttack(attacks: Array<() => Promise<AttackOutcome>>): Promise<{ outcomes: AttackOutcome[]; trips: number[] }> {
  let done = false;
  const trips: number[] = [];
  const measuring = (async () => {
    // At least one trip, and one more at a time while the attack runs (bounded by the notes-per-minute quota).
    do trips.push(await roundTrip(quiet));
    while (!done && trips.length < 20);
  })();
  const outcomes: AttackOutcome[] = [];
  for (const run of attacks) outcomes.push(await run());
  done = true;
  await measuring;
  return { outcomes, trips };
}

beforeAll(async () => {
  ({ server, text, a, b } = await startAttackedRoom());
  quiet = await openOtherRoom(server.current.url, server.current.wsUrl, storyId);
  await roundTrip(quiet); // warm the quiet room
  joinerBytesBefore = (await freshClientState(server.current.wsUrl, storyId)).update.byteLength;
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('updates whose structs depend on unknown clocks or clients', () => {
  const cases: Array<[string, () => Uint8Array]> = [
    [
      'an origin on a client the room has never seen',
      () => craftUpdate([{ client: freshClientId(), clock: 0, structs: [item({ origin: [unknownClient, 5] })] }]),
    ],
    [
      'a right origin on a client the room has never seen',
      () => craftUpdate([{ client: freshClientId(), clock: 0, structs: [item({ rightOrigin: [unknownClient, 0] })] }]),
    ],
    [
      'a run that starts past the clocks the room has for its client',
      () => craftUpdate([{ client: freshClientId(), clock: 7, structs: [entry('note-gap', { marker })] }]),
    ],
    [
      'a run that skips clocks before its content',
      () => craftUpdate([{ client: freshClientId(), clock: 0, structs: [{ kind: 'skip', length: 3 }, entry('note-skip', { marker })] }]),
    ],
    [
      "an origin on a clock of A's that A has not written yet",
      () => craftUpdate([{ client: freshClientId(), clock: 0, structs: [item({ origin: [a.doc.clientID, 10_000] })] }]),
    ],
  ];
  const outcomes: AttackOutcome[] = [];
  let logBefore: number;

  beforeAll(async () => {
    logBefore = updateLogLength(server.dbPath, storyId);
    for (const [, build] of cases) outcomes.push(await attack(server.current.wsUrl, storyId, build(), { as: mallory, notices: true }));
  });

  it.each(cases.map(([name], i) => [name, i] as const))('%s is refused with 1008 and explained', (_name, i) => {
    expect(outcomes[i].code).toBe(1008);
    expect(outcomes[i].notices).toContainEqual({
      kind: 'rejected',
      reason: expect.stringMatching(/missing dependency|never carries a right origin/),
    });
  });

  it('keeps nothing: no row, no stored update, and a new joiner receives exactly what it did before', async () => {
    expect(updateLogLength(server.dbPath, storyId)).toBe(logBefore);
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
    expect((await freshClientState(server.current.wsUrl, storyId)).update.byteLength).toBe(joinerBytesBefore);
  });
});

describe('a 900 KB update with missing dependencies, sent twenty times', () => {
  let update: Uint8Array;
  let result: Awaited<ReturnType<typeof duringAttack>>;
  let logBefore: number;

  beforeAll(async () => {
    const padding = 'p'.repeat(1950);
    const structs = Array.from({ length: 450 }, (_, i) => entry(`note-${i}`, { marker, padding }));
    update = craftUpdate([{ client: freshClientId(), clock: 3, structs }]);
    logBefore = updateLogLength(server.dbPath, storyId);
    result = await duringAttack(Array.from({ length: 20 }, () => () => attack(server.current.wsUrl, storyId, update, { as: mallory })));
  });

  it('is about 900 KB, under the message cap, and each copy is refused with 1008', () => {
    expect(update.byteLength).toBeGreaterThan(850_000);
    expect(update.byteLength).toBeLessThan(roomLimits.messageBytes);
    expect(result.outcomes.map((o) => o.code)).toEqual(Array(20).fill(1008));
  });

  it('keeps nothing pending: nothing stored, and a new joiner receives what it did before', async () => {
    expect(updateLogLength(server.dbPath, storyId)).toBe(logBefore);
    expect(tablesContaining(server.dbPath, marker)).toEqual([]);
    expect((await freshClientState(server.current.wsUrl, storyId)).update.byteLength).toBe(joinerBytesBefore);
  });

  it(`leaves another room fast: every round trip during the attack under ${fastMs} ms`, () => {
    expect(result.trips.length).toBeGreaterThan(0);
    expect(Math.max(...result.trips)).toBeLessThan(fastMs);
  });

  it('lets honest notes written afterwards reach the other reader and be stored', async () => {
    const note = buildNote({ text, creator: ben, passage: 'lost in memories' });
    b.annotations.set(note.id, note);
    await waitFor(() => a.annotations.has(note.id), 10_000, "B's note in A's map");
    await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, "B's note over HTTP");
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    joinerBytesBefore = (await freshClientState(server.current.wsUrl, storyId)).update.byteLength;
  });
});

describe('a ~1 MB message of 500,000 garbage-collected structs of length 1', () => {
  let update: Uint8Array;
  let result: Awaited<ReturnType<typeof duringAttack>>;
  let logBefore: number;

  beforeAll(async () => {
    const structs: CraftedStruct[] = Array.from({ length: 500_000 }, () => ({ kind: 'gc', length: 1 }));
    update = craftUpdate([{ client: freshClientId(), clock: 0, structs }]);
    logBefore = updateLogLength(server.dbPath, storyId);
    result = await duringAttack(Array.from({ length: 5 }, () => () => attack(server.current.wsUrl, storyId, update, { as: mallory })));
  });

  it('is about 1 MB and each copy closes the socket with 1008 or 1009', () => {
    expect(update.byteLength).toBeGreaterThan(990_000);
    for (const outcome of result.outcomes) expect([1008, 1009]).toContain(outcome.code);
  });

  it('stores nothing, and a new joiner receives what it did before', async () => {
    expect(updateLogLength(server.dbPath, storyId)).toBe(logBefore);
    expect((await freshClientState(server.current.wsUrl, storyId)).update.byteLength).toBe(joinerBytesBefore);
  });

  it(`leaves another room fast: every round trip during the attack under ${fastMs} ms`, () => {
    expect(result.trips.length).toBeGreaterThan(0);
    expect(Math.max(...result.trips)).toBeLessThan(fastMs);
  });

  it('lets honest notes written afterwards reach the other reader and be stored', async () => {
    const note = buildNote({ text, creator: ann, passage: 'fallen apart' });
    a.annotations.set(note.id, note);
    await waitFor(() => b.annotations.has(note.id), 10_000, "A's note in B's map");
    await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, "A's note over HTTP");
  });

  it('leaves a database whose log and rows agree (db:check)', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
