/**
 * Admission and Yjs's integration order: two ways an update passed admission and was then left pending by
 * `Y.applyUpdate`, found by the fuzz test (seed 0x6c055a11), each of which made the room rebuild itself from storage.
 * Yjs integrates each client's structs in clock order and an item only after the structs its origins name, so an
 * update in which those two orders form a cycle across clients cannot be integrated; and Yjs looks up what a struct
 * names even when it already has the struct and is about to skip it. Every case is checked against Yjs itself:
 * what admission admits applies with nothing pending.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allowedRootTypes } from '../../lib/collab/shared-state.ts';
import { admissionRoomOf, admitUpdate } from '../../lib/collab/update-admission.ts';
import { craftUpdate, entry, type CraftedRun } from '../helpers/yjs-craft.ts';

const a = 1001;
const b = 2002;
const c = 3003;

const item = (origin: [number, number]) => ({ kind: 'item' as const, content: { any: ['x'] }, origin });

/** Admits `runs` into `room` (empty unless given) and, when admitted, applies them and reports whether Yjs left anything pending. */
function admitAndApply(runs: CraftedRun[], room = new Y.Doc()) {
  const update = craftUpdate(runs);
  const verdict = admitUpdate(update, admissionRoomOf(room), {
    roots: allowedRootTypes,
    bounds: { structs: 100, deleteRanges: 100 },
    gcLength: 1000,
    mayWrite: () => true,
  });
  let pending: boolean | null = null;
  if (verdict.ok) {
    Y.applyUpdate(room, update);
    pending = room.store.pendingStructs !== null || room.store.pendingDs !== null;
  }
  room.destroy();
  return { ok: verdict.ok, reason: verdict.ok ? null : verdict.reason, pending };
}

describe('admission of structs that depend on each other across clients', () => {
  it('admits an item whose origin is a later struct of another client when no cycle forms', () => {
    const result = admitAndApply([
      { client: a, clock: 0, structs: [item([b, 1])] },
      { client: b, clock: 0, structs: [entry('k', 'v'), entry('l', 'w')] },
    ]);
    expect(result).toEqual({ ok: true, reason: null, pending: false });
  });

  it('refuses A:0 after B:0 while B:0 comes after A:1 (a cycle through clock order)', () => {
    const result = admitAndApply([
      { client: a, clock: 0, structs: [item([b, 0]), entry('k', 'v')] },
      { client: b, clock: 0, structs: [item([a, 1])] },
    ]);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/cycle/);
  });

  it('refuses a cycle through three clients', () => {
    const result = admitAndApply([
      { client: a, clock: 0, structs: [item([b, 0]), entry('k', 'v')] },
      { client: b, clock: 0, structs: [item([c, 0])] },
      { client: c, clock: 0, structs: [item([a, 1])] },
    ]);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/cycle/);
  });

  it('refuses a cycle through a right origin', () => {
    const result = admitAndApply([
      { client: a, clock: 0, structs: [{ kind: 'item', content: { any: ['x'] }, rightOrigin: [b, 0] }, entry('k', 'v')] },
      { client: b, clock: 0, structs: [item([a, 1])] },
    ]);
    expect(result.ok).toBe(false);
  });

  it('admits a long chain of one client without running out of stack', () => {
    const structs = [entry('k', 0), ...Array.from({ length: 20_000 }, (_, i) => item([a, i]))];
    const room = new Y.Doc();
    const update = craftUpdate([{ client: a, clock: 0, structs }]);
    const verdict = admitUpdate(update, admissionRoomOf(room), {
      roots: allowedRootTypes,
      bounds: { structs: 50_000, deleteRanges: 100 },
      gcLength: 1000,
      mayWrite: () => true,
    });
    expect(verdict.ok).toBe(true);
    room.destroy();
  });
});

describe('admission of structs the room already has', () => {
  /** A room where client `a` wrote two entries (clocks 0 and 1). */
  function roomWithA(): Y.Doc {
    const room = new Y.Doc();
    Y.applyUpdate(room, craftUpdate([{ client: a, clock: 0, structs: [entry('k', 'v'), entry('l', 'w')] }]));
    return room;
  }

  it('admits an honest repeat of them', () => {
    const room = roomWithA();
    expect(admitAndApply([{ client: a, clock: 0, structs: [entry('k', 'v'), entry('l', 'w')] }], room)).toEqual({
      ok: true,
      reason: null,
      pending: false,
    });
  });

  it('refuses a repeat whose right origin names a client the room does not have', () => {
    const result = admitAndApply(
      [{ client: a, clock: 0, structs: [{ kind: 'item', content: { any: ['x'] }, rightOrigin: [b, 0] }] }],
      roomWithA(),
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/missing dependency/);
  });

  it('refuses a repeat whose origin names a clock the room does not have', () => {
    const result = admitAndApply([{ client: a, clock: 1, structs: [item([a, 9])] }], roomWithA());
    expect(result.ok).toBe(false);
  });

  it('refuses a repeat under a parent item the room does not have', () => {
    const result = admitAndApply(
      [{ client: a, clock: 0, structs: [{ kind: 'item', content: { any: ['x'] }, parent: [c, 3], key: 'k' }] }],
      roomWithA(),
    );
    expect(result.ok).toBe(false);
  });
});
