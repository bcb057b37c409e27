import { describe, expect, it } from 'vitest';
import {
  applyWrites,
  inAgendaOrder,
  maxKeyLength,
  type OrderedItem,
  type Placement,
  placeItem,
  placeItems,
  placementForMove,
} from '../../lib/meetings/agenda-order.ts';

/** Builds an agenda of `ids` in this order by appending one at a time, as the server does. */
function agendaOf(ids: string[]): OrderedItem[] {
  let items: OrderedItem[] = [];
  for (const id of ids) items = place(items, id, { before: null });
  return items;
}

/** Places one item and returns the agenda as stored afterwards (throws on a refusal: a broken case). */
function place(items: readonly OrderedItem[], id: string, placement: Placement): OrderedItem[] {
  const outcome = placeItem(items, id, placement);
  if (!outcome.ok) throw new Error(outcome.reason);
  return applyWrites(items, outcome.writes);
}

const order = (items: readonly OrderedItem[]) => inAgendaOrder(items).map((i) => i.id);

/** A small deterministic generator, so the random walks below are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('placeItem', () => {
  const abc = agendaOf(['a', 'b', 'c']);

  it.each<[string, string, Placement, string[]]>([
    ['a new item goes last with before: null', 'n', { before: null }, ['a', 'b', 'c', 'n']],
    ['a new item goes first with after: null', 'n', { after: null }, ['n', 'a', 'b', 'c']],
    ['a new item goes right after another', 'n', { after: 'a' }, ['a', 'n', 'b', 'c']],
    ['a new item goes right before another', 'n', { before: 'c' }, ['a', 'b', 'n', 'c']],
    ['after the last is last', 'n', { after: 'c' }, ['a', 'b', 'c', 'n']],
    ['an item moves down after another', 'a', { after: 'b' }, ['b', 'a', 'c']],
    ['an item moves up before another', 'c', { before: 'a' }, ['c', 'a', 'b']],
    ['an item moves to the end', 'a', { before: null }, ['b', 'c', 'a']],
    ['an item moves to the start', 'c', { after: null }, ['c', 'a', 'b']],
    ['moving an item where it is keeps the order', 'b', { after: 'a' }, ['a', 'b', 'c']],
  ])('%s', (_name, id, placement, expected) => {
    expect(order(place(abc, id, placement))).toEqual(expected);
  });

  it('writes only the moved item’s key when there is room', () => {
    const outcome = placeItem(abc, 'c', { before: 'b' });
    expect(outcome.ok && outcome.writes.map((w) => w.id)).toEqual(['c']);
  });

  it.each<[string, Placement, string]>([
    ['an unknown neighbour', { after: 'zz' }, 'zz is not on the agenda'],
    ['the item itself as its neighbour', { before: 'b' }, 'an item cannot be placed next to itself'],
  ])('refuses %s', (_name, placement, reason) => {
    expect(placeItem(abc, 'b', placement)).toEqual({ ok: false, reason });
  });

  it('places the first item of an empty agenda', () => {
    expect(order(place([], 'a', { after: null }))).toEqual(['a']);
  });
});

describe('placeItems', () => {
  it('puts several new items together, in the order given', () => {
    const items = agendaOf(['a', 'b']);
    const outcome = placeItems(items, ['x', 'y', 'z'], { after: 'a' });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(order(applyWrites(items, outcome.writes))).toEqual(['a', 'x', 'y', 'z', 'b']);
  });

  it('refuses an id named twice', () => {
    expect(placeItems([], ['x', 'x'], { before: null })).toEqual({ ok: false, reason: 'an item is named twice' });
  });
});

describe('keys under pressure', () => {
  it('keeps 1,000 inserts at the same spot distinct, in order and short', () => {
    // Each new item goes right after "a": the newest is always nearest it.
    let items = agendaOf(['a', 'z']);
    const inserted: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = `q${i}`;
      items = place(items, id, { after: 'a' });
      inserted.unshift(id);
    }
    expect(order(items)).toEqual(['a', ...inserted, 'z']);
    expect(new Set(items.map((i) => i.position)).size).toBe(items.length);
    expect(Math.max(...items.map((i) => i.position.length))).toBeLessThanOrEqual(maxKeyLength);
  });

  it('keys 1,000 inserts that always go before the same item, the newest last', () => {
    let items = agendaOf(['a', 'z']);
    const inserted: string[] = [];
    for (let i = 0; i < 1000; i++) {
      items = place(items, `q${i}`, { before: 'z' });
      inserted.push(`q${i}`);
    }
    expect(order(items)).toEqual(['a', ...inserted, 'z']);
    expect(Math.max(...items.map((i) => i.position.length))).toBeLessThanOrEqual(maxKeyLength);
  });

  it('keys the whole agenda afresh when two neighbours tie (a hand-written row), keeping the intended order', () => {
    const items: OrderedItem[] = [
      { id: 'a', position: 'a0' },
      { id: 'b', position: 'a1' },
      { id: 'c', position: 'a1' },
    ];
    const outcome = placeItem(items, 'n', { after: 'b' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.writes.map((w) => w.id).sort()).toEqual(['a', 'b', 'c', 'n']);
    const after = applyWrites(items, outcome.writes);
    expect(order(after)).toEqual(['a', 'b', 'n', 'c']);
    expect(new Set(after.map((i) => i.position)).size).toBe(4);
  });

  it('keys the whole agenda afresh when a stored key does not parse', () => {
    const items: OrderedItem[] = [
      { id: 'a', position: '!!' },
      { id: 'b', position: 'a1' },
    ];
    const outcome = placeItem(items, 'n', { after: 'a' });
    expect(outcome.ok && order(applyWrites(items, outcome.writes))).toEqual(['a', 'n', 'b']);
  });

  it('orders items with the same key by id, so everyone reads one order', () => {
    expect(
      order([
        { id: 'y', position: 'a0' },
        { id: 'x', position: 'a0' },
      ]),
    ).toEqual(['x', 'y']);
  });
});

describe('two facilitators moving at once', () => {
  // Each facilitator decides from the agenda as they last read it (it may be stale); the server applies their
  // requests one after the other against what is stored, as the route's transaction does.
  it.each([1, 2, 3, 4, 5])('leaves every item exactly once in one order (random walk, seed %i)', (seed) => {
    const random = seeded(seed);
    const ids = Array.from({ length: 12 }, (_, i) => `item-${i}`);
    let stored = agendaOf(ids);
    const views = [order(stored), order(stored)];
    let added = 0;
    for (let step = 0; step < 400; step++) {
      const who = step % 2;
      const view = views[who]!;
      const pick = () => view[Math.floor(random() * view.length)]!;
      const roll = random();
      let id: string;
      let placement: Placement;
      if (roll < 0.15) {
        id = `new-${added++}`;
        placement = random() < 0.5 ? { after: pick() } : { before: null };
      } else {
        id = pick();
        const neighbour = pick();
        placement = neighbour === id ? { after: null } : random() < 0.5 ? { after: neighbour } : { before: neighbour };
      }
      const outcome = placeItem(stored, id, placement);
      // A stale view never names an item the agenda lost (nothing is removed here), so every request applies.
      expect(outcome.ok).toBe(true);
      if (outcome.ok) stored = applyWrites(stored, outcome.writes);
      // Only the acting facilitator reads back now; the other goes on from a stale view until their turn.
      views[who] = order(stored);
    }
    const final = order(stored);
    expect(final).toHaveLength(ids.length + added);
    expect(new Set(final).size).toBe(final.length);
    expect(new Set(stored.map((i) => i.position)).size).toBe(stored.length);
    // Both read the same order back, whatever order the rows come in.
    expect(order([...stored].reverse())).toEqual(final);
  });
});

describe('placementForMove', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it.each<[string, number, number, Placement | null, string[]]>([
    ['one up (Alt+↑)', 2, 1, { before: 'b' }, ['a', 'c', 'b', 'd']],
    ['one down (Alt+↓)', 1, 2, { before: 'd' }, ['a', 'c', 'b', 'd']],
    ['to the end', 0, 3, { before: null }, ['b', 'c', 'd', 'a']],
    ['to the start', 3, 0, { before: 'a' }, ['d', 'a', 'b', 'c']],
    ['past the end clamps', 1, 9, { before: null }, ['a', 'c', 'd', 'b']],
    ['nowhere', 1, 1, null, ids],
    ['the first one up', 0, -1, null, ids],
  ])('%s', (_name, from, to, placement, expected) => {
    expect(placementForMove(ids, from, to)).toEqual(placement);
    const items = agendaOf(ids);
    const moved = placement ? place(items, ids[from]!, placement) : items;
    expect(order(moved)).toEqual(expected);
  });
});
