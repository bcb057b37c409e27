/**
 * A note written for a caller over HTTP (Room.callerWrite, the W3C protocol's seam) is judged as a socket's write is:
 * the schema and anchor, the role policy with the caller's identity and role, the per-minute quota; a refusal
 * carries its status and stores nothing, an accepted write is stored with its row and reaches every socket.
 */
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Role } from '../../lib/access/roles.ts';
import type { CallerWrite } from '../../lib/collab/server-plan.ts';
import { rolePolicy } from '../../server/permissions.ts';
import { Room } from '../../server/room.ts';
import type { RoomChange, RoomPersistence } from '../../server/room-persistence.ts';
import { FakeSocket } from '../helpers/fake-socket.ts';
import { aComment, alice, bob } from '../helpers/unit-annotations.ts';
import { storyDocumentId, storyText } from '../helpers/unit-story.ts';

function setup(notesPerMinute = 60) {
  const changes: RoomChange[] = [];
  const persistence: RoomPersistence = {
    async load() {
      return { text: storyText, updates: changes.map((c) => c.update), clientOwners: [] };
    },
    async store(change) {
      changes.push(change);
    },
    async compact() {
      return false;
    },
  };
  const room = new Room({
    documentId: storyDocumentId,
    stored: { text: storyText, updates: [], clientOwners: [] },
    persistence,
    policy: rolePolicy(() => true),
    notesPerMinute,
  });
  const socket = new FakeSocket();
  room.join(socket as unknown as WebSocket, { kind: 'anonymous' }, { role: 'viewer' });
  socket.sent = [];
  return { room, changes, socket };
}

const as = (who: { id: string; name: string }, role: Role = 'annotator') => ({ userId: who.id, name: who.name, role });

function write(caller: CallerWrite['caller'], id: string, value: unknown): CallerWrite {
  return { caller, id, decide: () => ({ value }) };
}

describe('Room.callerWrite', () => {
  it('stores an accepted note with its row and sends it to every socket', async () => {
    const { room, changes, socket } = setup();
    const note = aComment({ id: 'n1', creator: alice });
    expect(await room.callerWrite(write(as(alice), 'n1', note))).toMatchObject({ ok: true, annotation: { id: 'n1' } });
    expect(changes).toHaveLength(1);
    expect(changes[0].upsertAnnotations.map((a) => a.id)).toEqual(['n1']);
    expect(socket.sent.length).toBeGreaterThan(0);
    expect(room.annotationsMap.get('n1')).toMatchObject({ id: 'n1' });
  });

  it.each([
    ['a note in another reader’s name', as(alice), aComment({ id: 'n2', creator: bob }), 403],
    ['a viewer’s note', as(alice, 'viewer'), aComment({ id: 'n2', creator: alice }), 403],
    [
      'a quote that is not in the text',
      as(alice),
      {
        ...aComment({ id: 'n2', creator: alice }),
        target: {
          source: storyDocumentId,
          selector: [
            { type: 'TextQuoteSelector', exact: 'no such words here at all' },
            { type: 'TextPositionSelector', start: 0, end: 25 },
          ],
        },
      },
      400,
    ],
    ['a note under another key', as(alice), aComment({ id: 'other', creator: alice }), 400],
  ])('refuses %s with %s and stores nothing', async (_what, caller, value, status) => {
    const { room, changes, socket } = setup();
    const outcome = await room.callerWrite(write(caller, 'n2', value));
    expect(outcome).toMatchObject({ ok: false, status });
    expect(changes).toHaveLength(0);
    expect(socket.sent).toHaveLength(0);
    expect(room.annotationsMap.has('n2')).toBe(false);
  });

  it('refuses another reader’s edit or delete of a note (403)', async () => {
    const { room, changes } = setup();
    await room.callerWrite(write(as(alice), 'n3', aComment({ id: 'n3', creator: alice })));
    const edit = await room.callerWrite(write(as(bob), 'n3', aComment({ id: 'n3', creator: alice, body: [] as never })));
    expect(edit).toMatchObject({ ok: false });
    const del = await room.callerWrite({ caller: as(bob), id: 'n3', decide: () => ({ delete: true }) });
    expect(del).toMatchObject({ ok: false, status: 403 });
    expect(changes).toHaveLength(1);
    const own = await room.callerWrite({ caller: as(alice), id: 'n3', decide: () => ({ delete: true }) });
    expect(own).toEqual({ ok: true, annotation: null });
    expect(changes[1].deleteAnnotations).toEqual(['n3']);
  });

  it('holds a writer to the per-minute quota (429)', async () => {
    const { room, changes } = setup(2);
    for (const id of ['q1', 'q2']) expect((await room.callerWrite(write(as(alice), id, aComment({ id, creator: alice })))).ok).toBe(true);
    expect(await room.callerWrite(write(as(alice), 'q3', aComment({ id: 'q3', creator: alice })))).toMatchObject({
      ok: false,
      status: 429,
    });
    expect(changes).toHaveLength(2);
  });

  it('passes on the refusal its caller decides (a precondition) without judging', async () => {
    const { room, changes } = setup();
    const outcome = await room.callerWrite({ caller: as(alice), id: 'p1', decide: () => ({ refused: { status: 412, reason: 'stale' } }) });
    expect(outcome).toEqual({ ok: false, status: 412, reason: 'stale' });
    expect(changes).toHaveLength(0);
  });
});
