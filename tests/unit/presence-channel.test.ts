import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PresenceChannel, peersOf, sendOwnPresenceOnly } from '../../lib/presence/presence-channel.ts';
import { pacerBurst } from '../../lib/presence/send-pacer.ts';

const ada = { id: 'reader-ada', name: 'Ada', color: '#4363d8' };
let now = 0;
let awareness: Awareness;
let sent: unknown[];

beforeEach(() => {
  vi.useFakeTimers();
  now = 0;
  awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  sent = [];
  awareness.on('update', (_c: unknown, origin: unknown) => {
    if (origin === 'local') sent.push(awareness.getLocalState());
  });
});

afterEach(() => {
  awareness.destroy();
  vi.useRealTimers();
});

const channel = (user = ada) => new PresenceChannel(awareness, user, { now: () => now });

describe('PresenceChannel', () => {
  it('sends where the reader reads at once, with who they are', () => {
    channel().set({ reading: 120 });
    expect(sent).toEqual([{ user: ada, reading: 120, idle: false, cursor: null }]);
  });

  it('sends nothing for a change that changes nothing', () => {
    const c = channel();
    c.set({ reading: 120 });
    now += 1000;
    c.set({ reading: 120, idle: false });
    expect(sent).toHaveLength(1);
  });

  it('merges changes closer than a frame and sends the latest when the frame is over', () => {
    const c = channel();
    c.set({ reading: 1 });
    now += 5;
    c.set({ reading: 2 });
    c.set({ reading: 3 });
    expect(sent).toHaveLength(1);
    now += 40;
    vi.advanceTimersByTime(40);
    expect(sent.map((s) => (s as { reading: number }).reading)).toEqual([1, 3]);
  });

  it('never sends faster than the pacer allows, however fast the reader scrolls', () => {
    const c = channel();
    for (let t = 0; t < 10_000; t += 4) {
      now = t;
      c.set({ reading: t });
      vi.advanceTimersByTime(4);
    }
    // The burst, then about nine a second.
    expect(sent.length).toBeLessThan(pacerBurst + 10 * 10);
    expect(sent.length).toBeGreaterThan(8 * 10);
  });

  it('removes the state at once when the reader goes invisible, and sends it again when they come back', () => {
    const c = channel();
    c.set({ reading: 5 });
    c.setVisible(false);
    expect(awareness.getLocalState()).toBeNull();
    c.set({ reading: 9 });
    expect(awareness.getLocalState()).toBeNull();
    now += 100;
    c.setVisible(true);
    expect(awareness.getLocalState()).toMatchObject({ reading: 9 });
  });

  it('never sends for a reader who is not shown (no account)', () => {
    const c = new PresenceChannel(awareness, null, { now: () => now });
    c.set({ reading: 5, cursor: { anchor: 1, head: 4 } });
    expect(sent).toEqual([]);
  });

  it('tells of the other readers, parsed, and not of this one', () => {
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { id: 'reader-ben', name: 'Ben', color: '#e6194b' }, reading: 40, idle: true });
    const forged = new Awareness(new Y.Doc());
    forged.setLocalState({ user: { id: 'x', name: 'x', color: 'url(http://evil)' }, reading: 1 });
    const c = channel();
    const heard: number[] = [];
    c.onPeers((peers) => heard.push(peers.length));
    c.set({ reading: 3 });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(forged, [forged.clientID]), 'remote');
    expect(peersOf(awareness)).toEqual([
      { clientId: other.clientID, id: 'reader-ben', name: 'Ben', color: '#e6194b', reading: 40, idle: true, cursor: null },
    ]);
    expect(heard.length).toBeGreaterThan(0);
    other.destroy();
    forged.destroy();
  });
});

describe('sendOwnPresenceOnly', () => {
  it('relays this client’s own changes and not the others’ it applies', () => {
    const relayed: number[][] = [];
    const provider = {
      awareness,
      _awarenessUpdateHandler: (c: { added: number[]; updated: number[]; removed: number[] }) => {
        relayed.push([...c.added, ...c.updated, ...c.removed]);
      },
    };
    awareness.on('update', provider._awarenessUpdateHandler);
    const stop = sendOwnPresenceOnly(provider);
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { id: 'reader-ben', name: 'Ben', color: '#e6194b' } });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), provider);
    awareness.setLocalState({ user: ada });
    expect(relayed).toEqual([[awareness.clientID]]);
    stop();
    awareness.setLocalState({ user: ada, reading: 4 });
    expect(relayed).toHaveLength(1);
    other.destroy();
  });
});
