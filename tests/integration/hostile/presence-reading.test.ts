/**
 * Presence where people read (issue 11): the `reading` position and `idle` flag of a presence state, against the
 * real server. The server keeps setting identity (a forged id or name in a state that also says where its reader
 * reads is overwritten), and a state whose new fields are not the schema's (text, negative, past safe integers, an
 * extra field beside them) or that grows past the size cap is never fanned out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awarenessLimits } from '../../../lib/limits.ts';
import { storyId } from '../../helpers/annotations.ts';
import { awarenessMessage, awarenessUpdate, type AwarenessEntry } from '../../helpers/awareness-bytes.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import {
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

let server: TestServer;
let observer: TestRoomClient;

beforeAll(async () => {
  server = await startTestServer();
  observer = await joinRoom(server.current.wsUrl, storyId, ben);
  observer.provider.awareness.setLocalState({ user: { id: ben.id, name: ben.name, color: '#4363d8' } });
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

type Seen = { user?: { id: string; name: string; color: string }; reading?: unknown; idle?: unknown; cursor?: { anchor: number } };
const seen = (id: number) => observer.provider.awareness.getStates().get(id) as Seen | undefined;

async function rawReader(reader?: TestReader): Promise<RawSocket> {
  const raw = openRawSocket(server.current.wsUrl, storyId, readerQuery(server.current.wsUrl, reader));
  await raw.opened;
  return raw;
}

function send(raw: RawSocket, entries: AwarenessEntry[]): void {
  raw.socket.send(awarenessMessage(awarenessUpdate(entries)));
}

let nextId = 7_000_000;

describe('a presence state that says where its reader reads', () => {
  it('reaches other readers with the connection’s identity, whatever id and name it claims', async () => {
    const mallory = { id: 'reader-mallory', name: 'Mallory' };
    const raw = await rawReader(mallory);
    const id = nextId++;
    send(raw, [
      {
        id,
        clock: 1,
        state: {
          user: { id: 'reader-fay', name: 'Fay (facilitator)', color: '#aa0000' },
          reading: 1234,
          idle: true,
          cursor: { anchor: 5, head: 9 },
        },
      },
    ]);
    await waitFor(() => seen(id)?.reading === 1234, 10_000, 'the reading position at the observer');
    expect(seen(id)).toEqual({
      user: { id: mallory.id, name: mallory.name, color: '#aa0000' },
      reading: 1234,
      idle: true,
      cursor: { anchor: 5, head: 9 },
    });
    raw.destroy();
  });

  it('from a socket without an account is an anonymous reader’s', async () => {
    const raw = await rawReader();
    const id = nextId++;
    send(raw, [{ id, clock: 1, state: { user: { id: 'reader-ben', name: 'Ben', color: '#00aa00' }, reading: 42, idle: false } }]);
    await waitFor(() => seen(id)?.reading === 42, 10_000, 'the anonymous reading position');
    expect(seen(id)?.user?.name).toBe('Anonymous reader');
    expect(seen(id)?.user?.id).not.toBe('reader-ben');
    raw.destroy();
  });

  it.each([
    ['a reading position as text', { reading: '12' }],
    ['a negative reading position', { reading: -5 }],
    ['a fractional reading position', { reading: 1.5 }],
    ['a reading position past safe integers', { reading: 2 ** 60 }],
    ['a reading position as an object', { reading: { at: 3, script: 'x' } }],
    ['idle as text', { idle: 'true' }],
    ['a field the schema does not know beside them', { reading: 3, idle: false, following: 'reader-ann' }],
    ['a state grown past the size cap', { reading: 3, pad: 'x'.repeat(awarenessLimits.stateBytes) }],
  ])('is dropped with %s, and the socket’s next honest state passes', async (_name, extra) => {
    const raw = await rawReader({ id: 'reader-oscar', name: 'Oscar' });
    const id = nextId++;
    send(raw, [{ id, clock: 1, state: { user: { id: 'x', name: 'x', color: '#000000' }, ...extra } }]);
    // A marker after the bad state: once it is seen, the bad one was handled (and must not have been fanned out).
    send(raw, [{ id, clock: 2, state: { user: { id: 'x', name: 'x', color: '#000000' }, reading: 77_777 } }]);
    await waitFor(() => seen(id)?.reading === 77_777, 10_000, 'the marker state');
    expect(seen(id)).toEqual({ user: { id: 'reader-oscar', name: 'Oscar', color: '#000000' }, reading: 77_777 });
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    raw.destroy();
  });

  it('is removed at once when its reader leaves', async () => {
    const raw = await rawReader({ id: 'reader-lea', name: 'Lea' });
    const id = nextId++;
    send(raw, [{ id, clock: 1, state: { user: { id: 'x', name: 'x', color: '#000000' }, reading: 10 } }]);
    await waitFor(() => seen(id)?.reading === 10, 10_000, 'Lea at the observer');
    const left = performance.now();
    raw.socket.close();
    await waitFor(() => seen(id) === undefined, 5_000, 'Lea gone from the observer');
    expect(performance.now() - left).toBeLessThan(2_000);
  });

  it('leaves the database consistent', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
