/**
 * The order of an agenda: each item holds a fractional-index key (`fractional-indexing`, the keys Figma and
 * Replicache use) that sorts as plain text — in JavaScript and in SQLite's default BINARY collation alike, since the
 * keys are ASCII. Moving an item rewrites its key alone, to one between its new neighbours, so a move can never
 * duplicate or drop another item; two facilitators' moves applied one after the other (the server serialises them)
 * leave every item exactly once, in one order that everyone reads back. Pure: the server decides with it inside a
 * transaction, the tests run it as tables.
 */
import { generateNKeysBetween } from 'fractional-indexing';

/** An agenda item as its order sees it. */
export interface OrderedItem {
  id: string;
  position: string;
}

/** Where an item goes: right after another (`null`: first), or right before another (`null`: last). */
export type Placement = { after: string | null } | { before: string | null };

/**
 * Keys longer than this are not made: the whole agenda is keyed afresh instead. Inserting again and again at one
 * spot lengthens the keys there by about one character every six inserts; 48 characters leave room for ~250 such
 * inserts before a rekey, which rewrites every row in the same transaction.
 */
export const maxKeyLength = 48;

/** The agenda's order: by key, then by id (so even a tie written by hand reads the same for everyone). */
export function compareItems(a: OrderedItem, b: OrderedItem): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The items in agenda order (a new array). */
export function inAgendaOrder<T extends OrderedItem>(items: readonly T[]): T[] {
  return [...items].sort(compareItems);
}

/** Where keys changed: the new key of each item to write (the placed item's, and others' after a rekey). */
export type PlaceOutcome = { ok: true; writes: OrderedItem[] } | { ok: false; reason: string };

/** Fresh, short, evenly spread keys for `ids` in this order. */
function rekey(ids: readonly string[]): OrderedItem[] {
  const keys = generateNKeysBetween(null, null, ids.length);
  return ids.map((id, i) => ({ id, position: keys[i]! }));
}

/**
 * Places `ids` (new items, or one item being moved) together at `placement` among `items` (the agenda as stored;
 * any of `ids` already in it are taken out first and put back at the new place, in the order given). Usually only
 * the placed items get keys; when neighbours' keys leave no room (a tie, a key past {@link maxKeyLength}, a key that
 * does not parse) every item is keyed afresh in the resulting order, so the writes then cover the whole agenda.
 */
export function placeItems(items: readonly OrderedItem[], ids: readonly string[], placement: Placement): PlaceOutcome {
  if (ids.length === 0) return { ok: true, writes: [] };
  if (new Set(ids).size !== ids.length) return { ok: false, reason: 'an item is named twice' };
  const placing = new Set(ids);
  const others = inAgendaOrder(items.filter((item) => !placing.has(item.id)));
  const reference = 'after' in placement ? placement.after : placement.before;
  let index: number;
  if (reference === null) index = 'after' in placement ? 0 : others.length;
  else {
    if (placing.has(reference)) return { ok: false, reason: 'an item cannot be placed next to itself' };
    const at = others.findIndex((item) => item.id === reference);
    if (at === -1) return { ok: false, reason: `${reference} is not on the agenda` };
    index = 'after' in placement ? at + 1 : at;
  }
  const lower = others[index - 1]?.position ?? null;
  const upper = others[index]?.position ?? null;
  let keys: string[] | null = null;
  if (lower === null || upper === null || lower < upper) {
    try {
      const made = generateNKeysBetween(lower, upper, ids.length);
      if (made.every((k) => k.length <= maxKeyLength)) keys = made;
    } catch {
      keys = null;
    }
  }
  if (keys) return { ok: true, writes: ids.map((id, i) => ({ id, position: keys[i]! })) };
  const order = others.map((item) => item.id);
  order.splice(index, 0, ...ids);
  return { ok: true, writes: rekey(order) };
}

/** Places one item (new or moved): {@link placeItems} for a single id. */
export function placeItem(items: readonly OrderedItem[], id: string, placement: Placement): PlaceOutcome {
  return placeItems(items, [id], placement);
}

/** Applies writes to a list of items (new ids are added): the agenda as it is once the writes are stored. */
export function applyWrites(items: readonly OrderedItem[], writes: readonly OrderedItem[]): OrderedItem[] {
  const byId = new Map(items.map((item) => [item.id, item.position]));
  for (const w of writes) byId.set(w.id, w.position);
  return inAgendaOrder([...byId].map(([id, position]) => ({ id, position })));
}

/**
 * The placement that moves the item at `from` to index `to` of `order` (agenda ids in order), as the panel sends it
 * after a drag or Alt+↑/↓: right before the item now at `to`, or after the last. Null when nothing moves.
 */
export function placementForMove(order: readonly string[], from: number, to: number): Placement | null {
  if (from < 0 || from >= order.length) return null;
  const clamped = Math.max(0, Math.min(order.length - 1, to));
  if (clamped === from) return null;
  const rest = order.filter((_, i) => i !== from);
  // `clamped` indexes the list with the item taken out: before the one there, or after the last.
  return clamped >= rest.length ? { before: null } : { before: rest[clamped]! };
}
