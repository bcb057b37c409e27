/**
 * The room as a unit, with sockets faked at the `ws` surface it uses: what happens when storage fails (saving
 * pauses, nobody is disconnected, the room asks again later), that a change is stored before anybody else receives
 * it, and that an update that breaks Yjs rebuilds the room from storage.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ownNotesPolicy } from '../../server/permissions.ts';
import { CloseCode, messageSync } from '../../server/protocol.ts';
import { Room } from '../../server/room.ts';
import { roomLimits } from '../../lib/limits.ts';
import type { RoomChange, RoomPersistence, StoredRoom } from '../../server/room-persistence.ts';
import { decodeNotice, messageNotice, type Notice } from '../../lib/collab/notice.ts';
import * as decoding from 'lib0/decoding';
import { FakeSocket, updateMessage } from '../helpers/fake-socket.ts';
import { aComment } from '../helpers/unit-annotations.ts';
import { storyDocumentId, storyText } from '../helpers/unit-story.ts';

/** The update a client makes when it puts `value` under `key` in its annotations map. */
function noteUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** A store that keeps what it is given, like the real one: load() gives back every stored update. */
function memoryPersistence(overrides: Partial<RoomPersistence> = {}): RoomPersistence & { changes: RoomChange[] } {
  const changes: RoomChange[] = [];
  return {
    changes,
    async load(): Promise<StoredRoom> {
      return { text: storyText, updates: changes.map((c) => c.update), clientOwners: changes.flatMap((c) => c.claimClients ?? []) };
    },
    async store(change) {
      changes.push(change);
    },
    async compact() {
      return false;
    },
    ...overrides,
  };
}

function makeRoom(persistence: RoomPersistence, options: { backoffMs?: number } = {}) {
  return new Room({
    documentId: storyDocumentId,
    stored: { text: storyText, updates: [], clientOwners: [] },
    persistence,
    policy: ownNotesPolicy,
    backoffMs: options.backoffMs ?? 60_000,
  });
}

function join(room: Room, notices = true) {
  const socket = new FakeSocket();
  room.join(socket as unknown as WebSocket, { kind: 'anonymous' }, { notices });
  socket.sent = [];
  return socket;
}

async function send(room: Room, socket: FakeSocket, message: Uint8Array) {
  room.receive(socket as unknown as WebSocket, message);
  await room.settled();
}

/** The notices a socket received. */
function noticesOf(socket: FakeSocket): Notice[] {
  return socket.sent.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== messageNotice) return [];
    const n = decodeNotice(d);
    return n ? [n] : [];
  });
}

/** Messages of the sync protocol a socket received (not notices). */
function syncOf(socket: FakeSocket): Uint8Array[] {
  return socket.sent.filter((m) => m[0] === messageSync);
}

const diskFull = () => Promise.reject(new Error('SqliteError: database or disk is full (SQLITE_FULL)'));

describe('a room whose storage fails', () => {
  it('disconnects nobody, and tells its readers that saving is paused', async () => {
    const room = makeRoom(memoryPersistence({ store: diskFull }));
    const [writer, reader] = [join(room), join(room)];
    await send(room, writer, updateMessage(noteUpdate('note-1', aComment())));
    expect(writer.closed).toBeNull();
    expect(reader.closed).toBeNull();
    expect(noticesOf(writer)).toEqual([expect.objectContaining({ kind: 'saving-paused', reason: 'the server is out of disk space' })]);
    expect(noticesOf(reader)).toEqual([expect.objectContaining({ kind: 'saving-paused' })]);
  });

  it('forwards nothing it could not store, and forgets it', async () => {
    const room = makeRoom(memoryPersistence({ store: diskFull }));
    const [writer, reader] = [join(room), join(room)];
    await send(room, writer, updateMessage(noteUpdate('note-1', aComment())));
    expect(syncOf(reader)).toEqual([]);
    expect(room.annotationsMap.has('note-1')).toBe(false);
  });

  it('while paused, takes nothing in and says why', async () => {
    const stored: RoomChange[] = [];
    let full = true;
    const room = makeRoom(memoryPersistence({ store: async (c) => (full ? diskFull() : void stored.push(c)) }));
    const writer = join(room);
    await send(room, writer, updateMessage(noteUpdate('note-1', aComment())));
    full = false;
    await send(room, writer, updateMessage(noteUpdate('note-2', aComment({ id: 'note-2' }))));
    expect(stored).toEqual([]);
    expect(noticesOf(writer).map((n) => n.kind)).toEqual(['saving-paused', 'saving-paused']);
    expect(writer.closed).toBeNull();
  });

  it('after the back-off, asks every reader for what it missed (sync step 1) and saves their answer', async () => {
    let full = true;
    const persistence = memoryPersistence();
    const store = persistence.store;
    persistence.store = (c) => (full ? diskFull() : store(c));
    const room = makeRoom(persistence, { backoffMs: 20 });
    const writer = join(room);
    await send(room, writer, updateMessage(noteUpdate('note-1', aComment())));
    full = false;
    await new Promise((r) => setTimeout(r, 60));
    await room.settled();
    expect(noticesOf(writer).map((n) => n.kind)).toEqual(['saving-paused', 'saving-resumed']);
    const step1 = syncOf(writer).at(-1)!;
    expect([step1[0], step1[1]]).toEqual([messageSync, 0]);
    // The client answers with its whole state (sync step 2): the note is stored now.
    const answer = encoding.createEncoder();
    encoding.writeVarUint(answer, messageSync);
    syncProtocol.writeSyncStep2(answer, docWith('note-1', aComment()));
    await send(room, writer, encoding.toUint8Array(answer));
    expect(persistence.changes.flatMap((c) => c.upsertAnnotations.map((a) => a.id))).toEqual(['note-1']);
  });

  it('leaves another room serving', async () => {
    const failing = makeRoom(memoryPersistence({ store: diskFull }));
    const healthy = memoryPersistence();
    const other = makeRoom(healthy);
    await send(failing, join(failing), updateMessage(noteUpdate('note-1', aComment())));
    const [writer, reader] = [join(other), join(other)];
    await send(other, writer, updateMessage(noteUpdate('note-1', aComment())));
    expect(healthy.changes.map((c) => c.upsertAnnotations.map((a) => a.id))).toEqual([['note-1']]);
    expect(syncOf(reader).length).toBe(1);
    expect(reader.closed).toBeNull();
  });
});

describe('a room whose storage works', () => {
  it('stores a change before any other socket receives it', async () => {
    const events: string[] = [];
    const room = makeRoom(memoryPersistence({ store: async () => void events.push('stored') }));
    const writer = join(room);
    const reader = join(room);
    reader.send = (data: Uint8Array) => {
      events.push('sent');
      FakeSocket.prototype.send.call(reader, data);
    };
    await send(room, writer, updateMessage(noteUpdate('note-1', aComment())));
    expect(events).toEqual(['stored', 'sent']);
  });

  it('stores a refused note as its removal, and tells the writer why', async () => {
    const persistence = memoryPersistence();
    const room = makeRoom(persistence);
    const writer = join(room);
    await send(room, writer, updateMessage(noteUpdate('bad', { id: 'bad' })));
    expect(persistence.changes).toHaveLength(1);
    expect(persistence.changes[0].upsertAnnotations).toEqual([]);
    expect(room.annotationsMap.has('bad')).toBe(false);
    expect(syncOf(writer)).toHaveLength(1); // the correction
    expect(noticesOf(writer)).toEqual([
      { kind: 'refused', map: 'annotations', key: 'bad', reason: expect.stringMatching(/invalid annotation/) },
    ]);
  });

  it('sends no notice to a client that did not ask for them (a stock client)', async () => {
    const room = makeRoom(memoryPersistence());
    const writer = join(room, false);
    await send(room, writer, updateMessage(noteUpdate('bad', { id: 'bad' })));
    expect(writer.sent.every((m) => m[0] === messageSync)).toBe(true);
  });

  it('records the client id a connection wrote under, with the update, and refuses it to another connection', async () => {
    const persistence = memoryPersistence();
    const room = makeRoom(persistence);
    const [first, second] = [join(room), join(room)];
    const doc = new Y.Doc();
    doc.getMap('annotations').set('note-1', aComment());
    await send(room, first, updateMessage(Y.encodeStateAsUpdate(doc)));
    expect(persistence.changes[0].claimClients).toEqual([{ clientId: doc.clientID, owner: 'anonymous' }]);
    const next = updateOfDoc(doc, (d) => d.getMap('annotations').set('note-2', aComment({ id: 'note-2' })));
    await send(room, second, updateMessage(next));
    expect(second.closed?.code).toBe(CloseCode.policyViolation);
    expect(persistence.changes).toHaveLength(1);
  });
});

describe('a live room that has stored many changes', () => {
  it('compacts its log to its state, in its serial order, so a cold start loads one update', async () => {
    const persistence = memoryPersistence();
    const compactions: Uint8Array[] = [];
    persistence.compact = async (_id, state) => {
      const merged = state();
      if (merged) compactions.push(merged);
      return true;
    };
    const room = new Room({
      documentId: storyDocumentId,
      stored: { text: storyText, updates: [], clientOwners: [] },
      persistence,
      policy: ownNotesPolicy,
      compactEvery: 3,
    });
    const writer = join(room);
    for (const id of ['n1', 'n2', 'n3', 'n4']) await send(room, writer, updateMessage(noteUpdate(id, aComment({ id }))));
    expect(compactions).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, compactions[0]);
    expect([...rebuilt.getMap('annotations').keys()].sort()).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('a sync step 1', () => {
  it('with a state vector over the cap closes its socket with 1009 (its cost grows with its size)', async () => {
    const room = makeRoom(memoryPersistence());
    const socket = join(room);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, new Uint8Array(roomLimits.stateVectorBytes + 1));
    await send(room, socket, encoding.toUint8Array(encoder));
    expect(socket.closed?.code).toBe(CloseCode.messageTooBig);
  });
});

describe('a refused note', () => {
  it('leaves no trace of its content in what is stored or forwarded', async () => {
    const persistence = memoryPersistence();
    const room = makeRoom(persistence);
    const [writer, reader] = [join(room), join(room)];
    const secret = 'refused-content-marker';
    await send(room, writer, updateMessage(noteUpdate('bad', { id: 'bad', junk: secret })));
    const decoder = new TextDecoder();
    expect(decoder.decode(persistence.changes[0].update)).not.toContain(secret);
    for (const message of reader.sent) expect(decoder.decode(message)).not.toContain(secret);
  });
});

/** A fresh client doc holding one note. */
function docWith(key: string, value: unknown): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(key, value);
  return doc;
}

/** The update `change` makes to `doc`. */
function updateOfDoc(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}
