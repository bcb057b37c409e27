/**
 * The room's safety net: if applying an admitted update throws (admission missed something), the room never runs
 * on with a half-applied doc. It is rebuilt from storage, the sender is closed with 1008, the other readers are
 * asked to resync, and the next honest note is stored and forwarded as usual.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { ownNotesPolicy } from '../../server/permissions.ts';
import { CloseCode, messageSync } from '../../server/protocol.ts';
import { Room } from '../../server/room.ts';
import type { RoomChange, StoredRoom } from '../../server/room-persistence.ts';
import { FakeSocket, updateMessage } from '../helpers/fake-socket.ts';
import { aComment } from '../helpers/unit-annotations.ts';
import { storyDocumentId, storyText } from '../helpers/unit-story.ts';

/** When set, the next Y.applyUpdate throws half-way, as a Yjs bug on a crafted update would. */
const failNext = vi.hoisted(() => ({ armed: false }));
vi.mock('yjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yjs')>();
  return {
    ...actual,
    applyUpdate(doc: Y.Doc, update: Uint8Array, origin?: unknown) {
      if (failNext.armed) {
        failNext.armed = false;
        // Half-apply, then throw: the doc now holds what storage does not.
        actual.applyUpdate(doc, update, origin);
        throw new Error('Unexpected case');
      }
      return actual.applyUpdate(doc, update, origin);
    },
  };
});

function noteUpdate(id: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(id, aComment({ id }));
  return Y.encodeStateAsUpdate(doc);
}

describe('a room whose apply throws', () => {
  it('is rebuilt from storage: the half-applied note is gone, the sender is closed, readers resync, saving goes on', async () => {
    const changes: RoomChange[] = [];
    let loads = 0;
    const room = new Room({
      documentId: storyDocumentId,
      stored: { text: storyText, updates: [], clientOwners: [] },
      persistence: {
        async load(): Promise<StoredRoom> {
          loads++;
          return { text: storyText, updates: changes.map((c) => c.update), clientOwners: [] };
        },
        async store(change) {
          changes.push(change);
        },
        async compact() {
          return false;
        },
      },
      policy: ownNotesPolicy,
    });
    const [attacker, reader] = [new FakeSocket(), new FakeSocket()];
    room.join(attacker as unknown as WebSocket, { kind: 'anonymous' });
    room.join(reader as unknown as WebSocket, { kind: 'anonymous' });
    reader.sent = [];

    failNext.armed = true;
    room.receive(attacker as unknown as WebSocket, updateMessage(noteUpdate('poison')));
    await room.settled();
    expect(attacker.closed?.code).toBe(CloseCode.policyViolation);
    expect(loads).toBe(1);
    expect(room.annotationsMap.has('poison')).toBe(false);
    expect(changes).toEqual([]);
    // The reader is asked for what the rebuilt room lacks (sync step 1) and is not closed.
    expect(reader.sent.some((m) => m[0] === messageSync && m[1] === 0)).toBe(true);
    expect(reader.closed).toBeNull();

    const writer = new FakeSocket();
    room.join(writer as unknown as WebSocket, { kind: 'anonymous' });
    reader.sent = [];
    room.receive(writer as unknown as WebSocket, updateMessage(noteUpdate('honest')));
    await room.settled();
    expect(changes.flatMap((c) => c.upsertAnnotations.map((a) => a.id))).toEqual(['honest']);
    expect(reader.sent.length).toBeGreaterThan(0);
    room.destroy();
  });
});
