/**
 * The room as a unit, with sockets faked at the `ws` surface it uses: what happens when storage fails, and that
 * a change is stored before anybody else receives it.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ownNotesPolicy } from '../../server/permissions.ts';
import { CloseCode, messageSync } from '../../server/protocol.ts';
import { Room } from '../../server/room.ts';
import type { RoomChange, RoomPersistence } from '../../server/room-persistence.ts';
import { aComment } from '../helpers/unit-annotations.ts';
import { storyDocumentId, storyText } from '../helpers/unit-story.ts';

/** The part of a `ws` socket a room touches, recording what happened to it. */
class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  send(data: Uint8Array, cb?: (err?: Error) => void) {
    this.sent.push(data);
    cb?.();
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The update a client makes when it puts `value` under `key` in its annotations map. */
function noteUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

function makeRoom(persistence: Partial<RoomPersistence>, onBroken: (room: Room) => void = () => {}) {
  const full: RoomPersistence = { load: () => null, store: () => {}, compact: () => false, ...persistence };
  return new Room({ documentId: storyDocumentId, text: storyText, doc: new Y.Doc(), persistence: full, policy: ownNotesPolicy, onBroken });
}

function join(room: Room) {
  const socket = new FakeSocket();
  room.join(socket as unknown as WebSocket, { kind: 'anonymous' });
  socket.sent = [];
  return socket;
}

describe('a room whose storage fails', () => {
  it('closes every socket in it with 1011 and reports itself broken', () => {
    let broken: Room | null = null;
    const room = makeRoom({ store: () => { throw new Error('disk full'); } }, (r) => (broken = r));
    const [writer, reader] = [join(room), join(room)];
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('note-1', aComment())));
    expect(writer.closed?.code).toBe(CloseCode.internalError);
    expect(reader.closed?.code).toBe(CloseCode.internalError);
    expect(broken).toBe(room);
  });

  it('forwards nothing it could not store', () => {
    const room = makeRoom({ store: () => { throw new Error('disk full'); } });
    const [writer, reader] = [join(room), join(room)];
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('note-1', aComment())));
    expect(reader.sent).toEqual([]);
  });

  it('leaves another room serving', () => {
    const failing = makeRoom({ store: () => { throw new Error('disk full'); } });
    const stored: RoomChange[] = [];
    const healthy = makeRoom({ store: (c) => void stored.push(c) });
    {
      const writer = join(failing);
      failing.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('note-1', aComment())));
    }
    const [writer, reader] = [join(healthy), join(healthy)];
    healthy.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('note-1', aComment())));
    expect(stored.map((c) => c.upsertAnnotations.map((a) => a.id))).toEqual([['note-1']]);
    expect(reader.sent.length).toBe(1);
    expect(reader.closed).toBeNull();
  });
});

describe('a room whose storage works', () => {
  it('stores a change before any other socket receives it', () => {
    const events: string[] = [];
    const room = makeRoom({ store: () => void events.push('stored') });
    const writer = join(room);
    const reader = join(room);
    reader.send = (data: Uint8Array) => {
      events.push('sent');
      FakeSocket.prototype.send.call(reader, data);
    };
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('note-1', aComment())));
    expect(events).toEqual(['stored', 'sent']);
  });

  it('stores a refused note as its removal, and tells the writer', () => {
    const stored: RoomChange[] = [];
    const room = makeRoom({ store: (c) => void stored.push(c) });
    const writer = join(room);
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('bad', { id: 'bad' })));
    expect(stored).toHaveLength(1);
    expect(stored[0].upsertAnnotations).toEqual([]);
    expect(room.doc.getMap('annotations').has('bad')).toBe(false);
    expect(writer.sent).toHaveLength(1); // the correction
  });
});

describe('a refused note', () => {
  it('leaves no trace of its content in what is stored or forwarded', () => {
    const stored: RoomChange[] = [];
    const room = makeRoom({ store: (c) => void stored.push(c) });
    const [writer, reader] = [join(room), join(room)];
    const secret = 'refused-content-marker';
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('bad', { id: 'bad', junk: secret })));
    const decoder = new TextDecoder();
    expect(decoder.decode(stored[0].update)).not.toContain(secret);
    for (const message of reader.sent) expect(decoder.decode(message)).not.toContain(secret);
  });
});
