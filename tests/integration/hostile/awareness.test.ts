/**
 * Presence (y-websocket awareness) as an attacker sends it, against the real server: megabyte states, tens of
 * thousands of fake readers in one message, a socket speaking for another reader's awareness id, a colour that is
 * a URL. Other readers must see none of it, another room must stay fast, and honest stock clients (which re-
 * broadcast everyone's states: STACK-NOTES pitfall 9) must keep working with the names the server gave them.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { awarenessLimits } from '../../../lib/limits.ts';
import { storyId } from '../../helpers/annotations.ts';
import { aPresence, awarenessMessage, awarenessUpdate, type AwarenessEntry } from '../../helpers/awareness-bytes.ts';
import {
  ann,
  ben,
  destroyAllClients,
  joinRoom,
  openRawSocket,
  readerQuery,
  waitFor,
  type RawSocket,
  type TestReader,
  type TestRoomClient,
} from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/** Room for 30,000 small entries in one message, which the default 1 MiB cap would refuse before the room sees it. */
const maxMessageBytes = 4 * 1024 * 1024;
const colourPattern = /^#[0-9a-f]{6}$/i;

let server: TestServer;
let otherRoomId: string;
/** A stock reader who watches the story room. */
let observer: TestRoomClient;
/** A raw socket in the story room that records every awareness entry (and its bytes) the server sends it. */
let tap: AwarenessTap;

interface AwarenessTap {
  raw: RawSocket;
  entries: AwarenessEntry[];
  /** Bytes of all awareness messages received. */
  bytes: number;
  /** Largest single state received, as JSON text length. */
  largestState: number;
  /** Every state's JSON text, joined: searched for what must never arrive. */
  text: string[];
}

beforeAll(async () => {
  server = await startTestServer({ GLOSSA_MAX_MESSAGE_BYTES: String(maxMessageBytes) });
  const created = await fetch(`${server.current.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'A quiet room', text: 'A short text in a room of its own, where nobody attacks anyone.' }),
  });
  otherRoomId = ((await created.json()) as { id: string }).id;
  observer = await joinRoom(server.current.wsUrl, storyId, ben);
  observer.provider.awareness.setLocalState(aPresence('Ben'));
  tap = await openTap();
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/** A raw socket to the story room that records the awareness it receives. */
async function openTap(): Promise<AwarenessTap> {
  const raw = openRawSocket(server.current.wsUrl, storyId, '?user=reader-tap&name=Tap');
  const t: AwarenessTap = { raw, entries: [], bytes: 0, largestState: 0, text: [] };
  raw.socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 1) return;
    t.bytes += data.length;
    const update = decoding.readVarUint8Array(decoder);
    const inner = decoding.createDecoder(update);
    const count = decoding.readVarUint(inner);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(inner);
      const clock = decoding.readVarUint(inner);
      const json = decoding.readVarString(inner);
      t.largestState = Math.max(t.largestState, json.length);
      if (json.length < 10_000) t.text.push(json);
      t.entries.push({ id, clock, state: json.length < 10_000 ? JSON.parse(json) : '<large>' });
    }
  });
  await raw.opened;
  return t;
}

/** A raw socket to the story room signed in as `reader` (or anonymous), open. */
async function rawReader(reader?: TestReader): Promise<RawSocket> {
  const raw = openRawSocket(server.current.wsUrl, storyId, readerQuery(server.current.wsUrl, reader));
  await raw.opened;
  return raw;
}

function send(raw: RawSocket, entries: AwarenessEntry[] | Uint8Array): void {
  raw.socket.send(awarenessMessage(entries instanceof Uint8Array ? entries : awarenessUpdate(entries)));
}

/** The observer's view of one awareness id's state. */
function seen(id: number): { user?: { id: string; name: string; color: string }; cursor?: { anchor: number; head: number } } | undefined {
  return observer.provider.awareness.getStates().get(id) as ReturnType<typeof seen>;
}

/** Waits until the observer sees `id` with a cursor at `marker`: the message carrying it has been handled. */
async function seenMarker(id: number, marker: number, what: string): Promise<void> {
  await waitFor(() => seen(id)?.cursor?.anchor === marker, 10_000, what);
}

/** One sync round trip (step 1 → step 2) on a raw socket in the quiet room, in ms. */
async function roundTrip(raw: RawSocket): Promise<number> {
  const start = performance.now();
  const reply = new Promise<void>((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) {
        raw.socket.off('message', onMessage);
        resolve();
      }
    };
    raw.socket.on('message', onMessage);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  raw.socket.send(encoding.toUint8Array(encoder));
  await reply;
  return performance.now() - start;
}

let nextId = 4_000_000;
/** A fresh awareness client id, unused by any client. */
const freshId = () => nextId++;

describe('10 presence states of 1 MB each', () => {
  it('are not fanned out, and another room’s sync round trip stays fast meanwhile', async () => {
    const quiet = openRawSocket(server.current.wsUrl, otherRoomId);
    await quiet.opened;
    await roundTrip(quiet); // warm
    const bytesBefore = tap.bytes;
    const attackers = await Promise.all(Array.from({ length: 10 }, (_, i) => rawReader({ id: `mallory-${i}`, name: `Mallory ${i}` })));
    const ids = attackers.map(() => freshId());
    const huge = (i: number) => aPresence(`Mallory ${i}`, { pad: 'x'.repeat(1_000_000) });
    attackers.forEach((raw, i) => {
      send(raw, [{ id: ids[i], clock: 1, state: huge(i) }]);
      send(raw, [{ id: ids[i], clock: 2, state: aPresence(`Mallory ${i}`, { cursor: { anchor: 1, head: 1 } }) }]);
    });
    const trips: number[] = [];
    const allHandled = () => ids.every((id) => seen(id)?.cursor?.anchor === 1);
    do trips.push(await roundTrip(quiet));
    while ((trips.length < 5 || !allHandled()) && trips.length < 200);
    await waitFor(allHandled, 10_000, 'the small states sent after the huge ones');
    expect(Math.max(...trips)).toBeLessThan(500);
    expect(tap.largestState).toBeLessThanOrEqual(awarenessLimits.stateBytes);
    expect(tap.bytes - bytesBefore).toBeLessThan(100_000);
    for (const raw of attackers) raw.destroy();
    quiet.destroy();
  });
});

describe('30,000 fake awareness ids in one message', () => {
  it(`are not admitted: the room holds at most ${awarenessLimits.idsPerConnection} of them, and the socket stays open`, async () => {
    const raw = await rawReader({ id: 'mallory-many', name: 'Mallory' });
    const first = nextId;
    nextId += 30_000;
    const fakes = Array.from({ length: 30_000 }, (_, i) => ({
      id: first + i,
      clock: 1,
      state: { user: { id: 'f', name: 'f', color: '#000000' } },
    }));
    send(raw, fakes);
    // Then a marker on the first fake id (which the room may have admitted), to know the big message was handled.
    send(raw, [{ id: first, clock: 2, state: aPresence('Mallory', { cursor: { anchor: 7, head: 7 } }) }]);
    await seenMarker(first, 7, 'the marker after the 30,000 ids');
    const fakesSeen = [...observer.provider.awareness.getStates().keys()].filter((id) => id >= first && id < first + 30_000);
    expect(fakesSeen.length).toBeLessThanOrEqual(awarenessLimits.idsPerConnection);
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    raw.destroy();
  });
});

describe('a socket speaking for another reader', () => {
  it('cannot rename them: a third client keeps seeing the server-given name', async () => {
    const victim = await joinRoom(server.current.wsUrl, storyId, ann);
    victim.provider.awareness.setLocalState(aPresence('Ann'));
    const victimId = victim.doc.clientID;
    await waitFor(() => seen(victimId)?.user?.name === 'Ann', 10_000, "Ann's presence at the observer");
    const raw = await rawReader({ id: 'mallory-rename', name: 'Mallory' });
    const ownId = freshId();
    send(raw, [
      { id: victimId, clock: 1_000, state: { user: { id: ann.id, name: 'Ann (a fraud)', color: '#000000' } } },
      { id: ownId, clock: 1, state: { user: { id: ann.id, name: 'Ann', color: '#000000' }, cursor: { anchor: 3, head: 3 } } },
    ]);
    await seenMarker(ownId, 3, "the attacker's own state");
    expect(seen(victimId)?.user?.name).toBe('Ann');
    expect(seen(ownId)?.user).toEqual({ id: 'mallory-rename', name: 'Mallory', color: '#000000' });
    raw.destroy();
  });

  it('cannot remove them', async () => {
    const victim = await joinRoom(server.current.wsUrl, storyId, { id: 'reader-cleo', name: 'Cleo' });
    victim.provider.awareness.setLocalState(aPresence('Cleo'));
    const victimId = victim.doc.clientID;
    await waitFor(() => seen(victimId) !== undefined, 10_000, "Cleo's presence at the observer");
    const raw = await rawReader();
    const ownId = freshId();
    send(raw, [
      { id: victimId, clock: 1_000, state: null },
      { id: ownId, clock: 1, state: aPresence('Anyone', { cursor: { anchor: 4, head: 4 } }) },
    ]);
    await seenMarker(ownId, 4, "the attacker's own state");
    expect(seen(victimId)?.user?.name).toBe('Cleo');
    // A stock client puts its own state back when it sees it removed, so also check that no removal went out.
    expect(tap.entries.some((e) => e.id === victimId && e.state === null)).toBe(false);
    expect(seen(ownId)?.user?.name).toBe('Anonymous reader');
    raw.destroy();
  });
});

describe('a presence colour that is not #rrggbb', () => {
  it('never reaches other clients', async () => {
    const raw = await rawReader({ id: 'mallory-colour', name: 'Mallory' });
    const [bad, marker] = [freshId(), freshId()];
    send(raw, [{ id: bad, clock: 1, state: { user: { id: 'x', name: 'x', color: 'url(http://127.0.0.1:9/track.png)' } } }]);
    send(raw, [{ id: marker, clock: 1, state: aPresence('Mallory', { cursor: { anchor: 5, head: 5 } }) }]);
    await seenMarker(marker, 5, 'the marker after the bad colour');
    expect(seen(bad)).toBeUndefined();
    expect(tap.text.some((json) => json.includes('url('))).toBe(false);
    for (const state of observer.provider.awareness.getStates().values()) {
      const colour = (state as { user?: { color?: unknown } }).user?.color;
      if (colour !== undefined) expect(colour).toMatch(colourPattern);
    }
    raw.destroy();
  });
});

describe('an honest stock WebsocketProvider', () => {
  it('has its presence arrive with the name the server gave its connection', async () => {
    const honest = await joinRoom(server.current.wsUrl, storyId, { id: 'reader-dora', name: 'Dora' });
    honest.provider.awareness.setLocalState({ user: { id: 'whoever', name: 'dora', color: '#2f8f5b' } });
    await waitFor(() => seen(honest.doc.clientID) !== undefined, 10_000, "Dora's presence at the observer");
    expect(seen(honest.doc.clientID)?.user).toEqual({ id: 'reader-dora', name: 'Dora', color: '#2f8f5b' });
  });

  it('joining anonymously, is shown as an anonymous reader', async () => {
    const anonymous = await joinRoom(server.current.wsUrl, storyId);
    anonymous.provider.awareness.setLocalState(aPresence('Eve'));
    await waitFor(() => seen(anonymous.doc.clientID) !== undefined, 10_000, 'the anonymous presence at the observer');
    expect(seen(anonymous.doc.clientID)?.user?.name).toBe('Anonymous reader');
  });

  it('is never closed for re-broadcasting the states of other readers', async () => {
    // Every stock client here has re-broadcast every state it saw (foreign ids); none of them was closed for it.
    const marker = freshId();
    const raw = await rawReader({ id: 'reader-late', name: 'Late' });
    send(raw, [{ id: marker, clock: 1, state: aPresence('Late', { cursor: { anchor: 6, head: 6 } }) }]);
    await seenMarker(marker, 6, 'a last presence');
    expect(observer.closes).toEqual([]);
    expect(observer.provider.wsconnected).toBe(true);
    raw.destroy();
  });
});

describe('afterwards', () => {
  it("leaves every document's log and rows in agreement (db:check)", () => {
    expectDatabaseConsistent(server.current.dbPath);
  });
});
