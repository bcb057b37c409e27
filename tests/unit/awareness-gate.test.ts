import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { awarenessLimits } from '../../lib/limits.ts';
import { AwarenessDecodeError, AwarenessGate, anonymousReaderName } from '../../server/awareness-gate.ts';
import type { ReaderIdentity } from '../../server/identity.ts';
import { aPresence, awarenessUpdate, readAwarenessUpdate, type AwarenessEntry } from '../helpers/awareness-bytes.ts';

const asAnn: ReaderIdentity = { kind: 'reader', id: 'reader-ann', name: 'Ann' };
const asBen: ReaderIdentity = { kind: 'reader', id: 'reader-ben', name: 'Ben' };
const anonymous: ReaderIdentity = { kind: 'anonymous' };

/** Two sockets (any objects) and a gate on a fake clock that only moves when a test moves it. */
function setup(options: ConstructorParameters<typeof AwarenessGate>[0] = {}) {
  const clock = { now: 0 };
  const gate = new AwarenessGate({ now: () => clock.now, ...options });
  const annSocket = {};
  const benSocket = {};
  /** What the gate lets through of `entries` sent by `owner`, as entries (empty when it returns null). */
  const admit = (owner: object, identity: ReaderIdentity, entries: AwarenessEntry[]) => {
    const out = gate.admit(owner, identity, awarenessUpdate(entries));
    return out === null ? [] : readAwarenessUpdate(out);
  };
  return { gate, clock, annSocket, benSocket, admit };
}

/** Ann's state as the room should pass it on: her identity from the connection, her colour as sent. */
const annAsAdmitted = (extra: Record<string, unknown> = {}) => ({ user: { id: 'reader-ann', name: 'Ann', color: '#4363d8' }, ...extra });

describe('AwarenessGate: whose ids', () => {
  it('keeps a state for an id the socket introduces', () => {
    const { annSocket, admit } = setup();
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann') }])).toEqual([{ id: 1, clock: 1, state: annAsAdmitted() }]);
  });

  it('keeps later states and the removal of its own id', () => {
    const { annSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann') }]);
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 2, state: aPresence('Ann', { cursor: { anchor: 3, head: 9 } }) }])).toEqual([
      { id: 1, clock: 2, state: annAsAdmitted({ cursor: { anchor: 3, head: 9 } }) },
    ]);
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 3, state: null }])).toEqual([{ id: 1, clock: 3, state: null }]);
  });

  it('drops, silently, a state for an id another socket holds, and keeps the rest of the message', () => {
    const { annSocket, benSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann') }]);
    const out = admit(benSocket, asBen, [
      { id: 1, clock: 5, state: aPresence('Mallory') },
      { id: 2, clock: 1, state: aPresence('Ben') },
    ]);
    expect(out.map((e) => e.id)).toEqual([2]);
  });

  it('drops the removal of an id another socket holds', () => {
    const { annSocket, benSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann') }]);
    expect(admit(benSocket, asBen, [{ id: 1, clock: 9, state: null }])).toEqual([]);
  });

  it('drops the removal of an id no one holds', () => {
    const { benSocket, admit } = setup();
    expect(admit(benSocket, asBen, [{ id: 7, clock: 1, state: null }])).toEqual([]);
  });

  it('drops a late re-broadcast of a departed reader, and lets their newer state be claimed again', () => {
    const { gate, annSocket, benSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 4, state: aPresence('Ann') }]);
    expect(gate.release(annSocket)).toEqual([1]);
    expect(admit(benSocket, asBen, [{ id: 1, clock: 4, state: aPresence('Ann') }])).toEqual([]);
    const reconnected = {};
    expect(admit(reconnected, asAnn, [{ id: 1, clock: 5, state: aPresence('Ann') }])).toHaveLength(1);
  });

  it('drops a stale clock for its own id', () => {
    const { annSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 4, state: aPresence('Ann') }]);
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 3, state: aPresence('Ann') }])).toEqual([]);
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 4, state: aPresence('Ann') }])).toEqual([]);
  });

  it('never lets a socket hold a reserved id (the room’s own)', () => {
    const { annSocket, admit } = setup({ reservedIds: [42] });
    expect(admit(annSocket, asAnn, [{ id: 42, clock: 1, state: aPresence('Ann') }])).toEqual([]);
  });

  it(`holds at most ${awarenessLimits.idsPerConnection} ids per socket`, () => {
    const { gate, annSocket, admit } = setup();
    const entries = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, clock: 1, state: aPresence('Ann') }));
    expect(admit(annSocket, asAnn, entries)).toHaveLength(awarenessLimits.idsPerConnection);
    expect(gate.idsOf(annSocket)).toEqual([100, 101, 102, 103].slice(0, awarenessLimits.idsPerConnection));
  });

  it('returns the ids a socket held on release, and frees them', () => {
    const { gate, annSocket, admit } = setup();
    admit(annSocket, asAnn, [
      { id: 1, clock: 1, state: aPresence('Ann') },
      { id: 2, clock: 1, state: aPresence('Ann') },
    ]);
    expect(gate.release(annSocket)).toEqual([1, 2]);
    expect(gate.release(annSocket)).toEqual([]);
    expect(gate.idsOf(annSocket)).toEqual([]);
  });
});

describe('AwarenessGate: identity comes from the connection', () => {
  it.each([
    [
      'a named reader claiming another name',
      asAnn,
      { user: { id: 'reader-ben', name: 'Ben', color: '#123abc' } },
      { id: 'reader-ann', name: 'Ann', color: '#123abc' },
    ],
    [
      'an anonymous socket claiming a reader',
      anonymous,
      { user: { id: 'reader-ann', name: 'Ann', color: '#123abc' } },
      { id: 'anonymous-1', name: anonymousReaderName, color: '#123abc' },
    ],
  ])('overwrites id and name for %s', (_name, identity, state, user) => {
    const { annSocket, admit } = setup();
    expect(admit(annSocket, identity, [{ id: 1, clock: 1, state }])).toEqual([{ id: 1, clock: 1, state: { user } }]);
  });

  it('gives each anonymous connection its own stable id', () => {
    const { annSocket, benSocket, admit } = setup();
    const idOf = (owner: object, clock: number) =>
      (admit(owner, anonymous, [{ id: owner === annSocket ? 1 : 2, clock, state: aPresence('X') }])[0].state as { user: { id: string } })
        .user.id;
    expect([idOf(annSocket, 1), idOf(benSocket, 1), idOf(annSocket, 2)]).toEqual(['anonymous-1', 'anonymous-2', 'anonymous-1']);
  });
});

describe('AwarenessGate: states must be presence states', () => {
  it.each([
    ['a url() colour', { user: { id: 'a', name: 'A', color: 'url(http://evil.example/x.png)' } }],
    ['a named colour', { user: { id: 'a', name: 'A', color: 'red' } }],
    ['no user', { cursor: { anchor: 1, head: 2 } }],
    ['an empty state (a stock client that set nothing)', {}],
    ['an extra field', { ...aPresence('Ann'), avatar: 'http://evil.example/a.png' }],
    ['an extra field in user', { user: { id: 'a', name: 'A', color: '#aabbcc', style: 'x' } }],
    ['a fractional cursor', aPresence('Ann', { cursor: { anchor: 1.5, head: 2 } })],
    ['a negative viewport', aPresence('Ann', { viewport: { from: -1, to: 2 } })],
    ['an empty name', { user: { id: 'a', name: '', color: '#aabbcc' } }],
    ['an array', '[1,2,3]'],
    ['a number', '7'],
    ['text that is not JSON', '{"user":'],
    ['a state over the size cap', aPresence('Ann', { pad: 'x'.repeat(awarenessLimits.stateBytes) })],
    ['a huge state', `{"user":{"id":"a","name":"A","color":"#aabbcc"},"x":"${'x'.repeat(1_000_000)}"}`],
  ])('drops %s', (_name, state) => {
    const { annSocket, admit } = setup();
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 1, state }])).toEqual([]);
  });

  it('does not count a dropped state against the id cap', () => {
    const { gate, annSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 1, state: { user: { id: 'a', name: 'A', color: 'red' } } }]);
    expect(gate.idsOf(annSocket)).toEqual([]);
  });

  it('keeps cursor and viewport, and null for them', () => {
    const { annSocket, admit } = setup();
    const extra = { cursor: null, viewport: { from: 0, to: 1200 } };
    expect(admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann', extra) }])[0].state).toEqual(annAsAdmitted(extra));
  });
});

describe('AwarenessGate: rate', () => {
  it(`passes a burst of ${awarenessLimits.updateBurst} changes, then drops until tokens refill`, () => {
    const { annSocket, clock, admit } = setup();
    let c = 0;
    const send = () => admit(annSocket, asAnn, [{ id: 1, clock: ++c, state: aPresence('Ann') }]).length;
    const burst = Array.from({ length: awarenessLimits.updateBurst + 5 }, send);
    expect(burst.filter(Boolean)).toHaveLength(awarenessLimits.updateBurst);
    expect(send()).toBe(0);
    clock.now += 1000;
    const afterOneSecond = Array.from({ length: awarenessLimits.updatesPerSecond + 5 }, send);
    expect(afterOneSecond.filter(Boolean)).toHaveLength(awarenessLimits.updatesPerSecond);
  });

  it('always lets a removal of its own id through, even over the limit', () => {
    const { annSocket, admit } = setup();
    let c = 0;
    for (let i = 0; i < awarenessLimits.updateBurst * 2; i++) admit(annSocket, asAnn, [{ id: 1, clock: ++c, state: aPresence('Ann') }]);
    expect(admit(annSocket, asAnn, [{ id: 1, clock: ++c, state: null }])).toEqual([{ id: 1, clock: c, state: null }]);
  });

  it('does not charge a socket for foreign entries it re-broadcasts', () => {
    const { annSocket, benSocket, admit } = setup();
    admit(annSocket, asAnn, [{ id: 1, clock: 1, state: aPresence('Ann') }]);
    for (let i = 0; i < 100; i++) admit(benSocket, asBen, [{ id: 1, clock: 1, state: aPresence('Ann') }]);
    expect(admit(benSocket, asBen, [{ id: 2, clock: 1, state: aPresence('Ben') }])).toHaveLength(1);
  });

  it('limits query-awareness requests with the same tokens', () => {
    const { gate, annSocket } = setup();
    const answered = Array.from({ length: awarenessLimits.updateBurst + 5 }, () => gate.admitQuery(annSocket));
    expect(answered.filter(Boolean)).toHaveLength(awarenessLimits.updateBurst);
  });
});

describe('AwarenessGate: cost and hostile bytes', () => {
  it('admits none of 30,000 fake ids in one message, cheaply', () => {
    const { gate, annSocket } = setup();
    const entries = Array.from({ length: 30_000 }, (_, i) => ({ id: 1000 + i, clock: 1, state: null }));
    const update = awarenessUpdate(entries);
    const start = performance.now();
    for (let i = 0; i < 20; i++) expect(gate.admit(annSocket, asAnn, update)).toBeNull();
    expect((performance.now() - start) / 20).toBeLessThan(5); // ms per message; reading all 30,000 would not matter, parsing them would
  });

  it(`reads only the first ${awarenessLimits.entriesPerMessage} entries of a message and never the rest`, () => {
    const { gate, annSocket } = setup();
    const entries = Array.from({ length: awarenessLimits.entriesPerMessage }, (_, i) => ({ id: 1000 + i, clock: 1, state: null }));
    const head = awarenessUpdate(entries);
    // The count claims one more entry, and after the cap comes garbage that would not decode.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length + 1);
    encoding.writeUint8Array(encoder, head.subarray(encoding.encode((e) => encoding.writeVarUint(e, entries.length)).length));
    encoding.writeUint8Array(encoder, new Uint8Array([0xff, 0xff]));
    expect(gate.admit(annSocket, asAnn, encoding.toUint8Array(encoder))).toBeNull();
  });

  it.each([
    ['no bytes', new Uint8Array([])],
    ['a truncated count', new Uint8Array([0x80])],
    ['a count with no entries', new Uint8Array([3])],
    ['a state length past the end', new Uint8Array([1, 1, 1, 50, 0x7b])],
    ['a number out of range', new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
  ])('throws AwarenessDecodeError for %s', (_name, bytes) => {
    const { gate, annSocket } = setup();
    expect(() => gate.admit(annSocket, asAnn, bytes)).toThrow(AwarenessDecodeError);
  });

  it('drops a state that is not UTF-8 without throwing', () => {
    const { gate, annSocket } = setup();
    expect(gate.admit(annSocket, asAnn, new Uint8Array([1, 1, 1, 2, 0xc3, 0x28]))).toBeNull();
  });

  it('drops an id past 32 bits', () => {
    const { annSocket, admit } = setup();
    expect(admit(annSocket, asAnn, [{ id: 2 ** 40, clock: 1, state: aPresence('Ann') }])).toEqual([]);
  });
});
