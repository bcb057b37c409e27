/**
 * Admission of a client's Yjs update into a room, on structure alone and before anything is applied.
 *
 * `Y.applyUpdate` trusts its input: an item of length 0 throws half-way through a transaction; a delete range over
 * clocks nobody wrote yet deletes a reader's *future* notes; an item that carries an origin instead of a parent
 * inherits the parent of whatever its origin is (a deleted item under a new root type, a keyless entry in a map);
 * an update with missing dependencies is kept pending for ever. So an update is admitted only when, read with
 * Yjs's own decoder, every struct is an item with JSON content (or deleted content) of positive length whose
 * placement resolves — directly, or through its origin, inside the room or inside this same update — to a keyed
 * entry of an allowed root map; every dependency is known (also of structs the room already has, which Yjs looks
 * up before skipping them, and whose root Yjs creates while reading them); a struct that the room has in part lies in
 * the same entry as the room's struct before its new part (Yjs puts it right of that one); the new structs can be
 * integrated in one order that keeps each client's clocks and puts every origin first (no cycle across clients,
 * which Yjs would leave pending); every delete range covers only content that exists, and a client's ranges are in
 * order without overlap; and every new struct is written under a client id the connection owns. Anything else is
 * refused whole.
 *
 * Pure: the room is reached only through {@link AdmissionRoom}, so tables of crafted updates test it directly.
 */
import * as Y from 'yjs';
import { measureUpdate, type UpdateBounds } from './update-size.ts';

/** Where an item lives: an entry (key) of a root map. */
export interface Placement {
  root: string;
  key: string;
}

/** What admission may ask of the room. */
export interface AdmissionRoom {
  /** The next clock the room expects from each client (its state vector). */
  stateOf(client: number): number;
  /**
   * Where an existing struct (clock below `stateOf(client)`) lives: a placement, `'gc'` for garbage-collected
   * ranges, or `'elsewhere'` for anything not a keyed entry of a root map.
   */
  placementOf(client: number, clock: number): Placement | 'gc' | 'elsewhere';
  /** How many items the entry `key` of root `root` holds (its versions, deleted ones included), counting up to `limit`. */
  entryLength?(root: string, key: string, limit: number): number;
  /** How many items of its entry lie right of the existing item at (client, clock), counting up to `limit`. */
  itemsAfter?(client: number, clock: number, limit: number): number;
}

export interface AdmissionOptions {
  /** Root maps a client may write (the public contract: `annotations` and `tags`). */
  roots: ReadonlySet<string>;
  bounds: UpdateBounds;
  /** Longest garbage-collected range a client may declare for its own clocks. */
  gcLength: number;
  /** Whether this connection may introduce structs under `client`. */
  mayWrite(client: number): boolean;
  /**
   * The most items Yjs's conflict scan may walk in one entry for a new item: an item without an origin is scanned
   * against the whole entry, one with an origin against everything right of it, so both are bounded.
   */
  entryScan?: number;
}

export type AdmissionVerdict =
  | {
      ok: true;
      /** Client ids under which this update introduces structs (the room records them as the connection's). */
      writtenClients: number[];
      structs: number;
      deleteRanges: number;
    }
  | { ok: false; reason: string };

type Struct = Y.Item | Y.GC | Y.Skip;
/** A decoded delete set (Yjs does not export its type). */
type DecodedDeleteSet = { clients: Map<number, Array<{ clock: number; len: number }>> };

/** A struct this update introduces (any part of it at or past the room's state). */
interface NewStruct {
  struct: Struct;
  placement: Placement | 'gc' | null; // null: not resolved yet
  /**
   * For a struct whose first clocks the room already has: where the room's struct just before the new part lies.
   * Yjs integrates such a struct with that struct as its left neighbour, so it must lie in the same entry.
   */
  leftOf?: Placement;
}

const refuse = (reason: string): AdmissionVerdict => ({ ok: false, reason });

/** Decides whether `update` may be applied to the room; see the module comment for the rules. */
export function admitUpdate(update: Uint8Array, room: AdmissionRoom, options: AdmissionOptions): AdmissionVerdict {
  const size = measureUpdate(update, options.bounds);
  if (!size.ok) return size;

  let decoded: { structs: Struct[]; ds: DecodedDeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DecodedDeleteSet };
  } catch (err) {
    return refuse(`undecodable update: ${(err as Error).message}`);
  }

  // Pass 1: per client, the structs must form one contiguous run that starts within what the room has; collect
  // the new ones and how far each client's clock reaches after this update.
  const fresh = new Map<number, NewStruct[]>();
  const reach = new Map<number, number>();
  const seenClients = new Set<number>();
  let previousClient: number | null = null;
  let known = 0;
  let gap = false;
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (client !== previousClient) {
      if (seenClients.has(client)) return refuse(`client ${client} appears twice in one update`);
      seenClients.add(client);
      previousClient = client;
      known = room.stateOf(client);
      gap = false;
    }
    if (struct instanceof Y.Skip) {
      gap = true;
      continue;
    }
    if (struct.length <= 0) return refuse(`a struct of length ${struct.length} (${client}:${clock})`);
    const end = clock + struct.length;
    if (end <= known) {
      // Already in the room: Yjs skips it, but only after looking up what it names, and an unknown name leaves the
      // whole update pending. A repeat of a real struct names only what the room has; anything else is a lie.
      const problem = struct instanceof Y.Item ? unknownToRoom(struct) : null;
      if (problem) return refuse(problem);
      continue;
    }
    // A struct that straddles the room's state is integrated from `known` on, right of the room's struct at
    // `known - 1` (Yjs's offset integration), whatever entry it names: that struct must be an item of the same entry.
    let leftOf: Placement | undefined;
    if (clock < known && struct instanceof Y.Item) {
      const left = room.placementOf(client, known - 1);
      if (left === 'gc' || left === 'elsewhere')
        return refuse(`a struct continues ${client}:${known - 1}, which is not an entry of an allowed map`);
      leftOf = left;
    }
    if (clock > known || gap) return refuse(`missing dependency: client ${client} continues at ${clock}, the room has up to ${known}`);
    if (!options.mayWrite(client)) return refuse(`client id ${client} belongs to another connection`);
    if (struct instanceof Y.GC) {
      if (struct.length > options.gcLength) return refuse(`a garbage-collected range of ${struct.length} clocks`);
    } else {
      const content = struct.content;
      if (content instanceof Y.ContentDeleted) {
        if (content.len > options.gcLength) return refuse(`a deleted range of ${content.len} clocks`);
      } else if (!(content instanceof Y.ContentAny)) {
        return refuse(`content type ${content.constructor.name} is not allowed`);
      } else if (content.arr.length !== 1) {
        return refuse('a map entry must hold exactly one value');
      }
    }
    known = end;
    reach.set(client, end);
    let list = fresh.get(client);
    if (!list) fresh.set(client, (list = []));
    list.push({ struct, placement: struct instanceof Y.GC ? 'gc' : null, leftOf });
  }

  /** For a struct the room already has: whether everything it names is in the room too. Returns a reason or null. */
  function unknownToRoom(item: Y.Item): string | null {
    const parent: unknown = item.parent;
    // Yjs creates the root a struct names (`doc.get`) while reading it, before it skips a struct it already has.
    if (typeof parent === 'string' && !options.roots.has(parent)) return `root type "${parent}" is not allowed`;
    for (const id of [item.origin, item.rightOrigin, parent instanceof Y.ID ? parent : null])
      if (id && id.clock >= room.stateOf(id.client))
        return `missing dependency: the repeated struct ${item.id.client}:${item.id.clock} names ${id.client}:${id.clock}, which the room does not have`;
    return null;
  }

  const reachOf = (client: number) => Math.max(room.stateOf(client), reach.get(client) ?? 0);
  const findFresh = (client: number, clock: number): NewStruct | undefined => {
    const list = fresh.get(client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid].struct;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return list[mid];
    }
    return undefined;
  };

  // Pass 2: resolve where every new item lands, following origins (iteratively: chains can be long).
  for (const list of fresh.values()) {
    for (const entry of list) {
      const verdict = resolve(entry);
      if (verdict) return refuse(verdict);
      const { placement, leftOf } = entry;
      if (leftOf && (placement === null || placement === 'gc' || placement.root !== leftOf.root || placement.key !== leftOf.key))
        return refuse(`a struct continues ${entry.struct.id.client}:${entry.struct.id.clock} in another entry than its own`);
    }
  }

  // Pass 3: bound Yjs's conflict scan. An item without an origin is integrated by walking its whole entry from the
  // left, one with an origin by walking what lies right of the origin: an entry stuffed with tombstones would make
  // each cheap item cost a walk over all of them (seconds for one 8.5 KB message).
  const scan = options.entryScan ?? Number.POSITIVE_INFINITY;
  if (Number.isFinite(scan)) {
    const explicit = new Map<string, { root: string; key: string; count: number }>();
    for (const list of fresh.values()) {
      for (const entry of list) {
        const item = entry.struct;
        if (!(item instanceof Y.Item) || entry.placement === null || entry.placement === 'gc') continue;
        if (item.parent !== null) {
          const id = `${entry.placement.root}\u0000${entry.placement.key}`;
          const seen = explicit.get(id) ?? { ...entry.placement, count: 0 };
          seen.count++;
          explicit.set(id, seen);
        } else if (item.origin && item.origin.clock < room.stateOf(item.origin.client) && room.itemsAfter) {
          if (room.itemsAfter(item.origin.client, item.origin.clock, scan + 1) > scan)
            return refuse(`the entry "${entry.placement.key}" holds more than ${scan} versions after this item's origin`);
        }
      }
    }
    for (const { root, key, count } of explicit.values()) {
      const existing = room.entryLength?.(root, key, scan + 1) ?? 0;
      if (existing + count > scan) return refuse(`the entry "${key}" would hold more than ${scan} versions`);
    }
  }

  /** Checks an origin id: known, and for the item's own client strictly before it. Returns a reason or null. */
  function checkReference(item: Y.Item, id: Y.ID, what: string): string | null {
    if (id.clock >= reachOf(id.client)) return `missing dependency: ${what} ${id.client}:${id.clock} is unknown`;
    if (id.client === item.id.client && id.clock >= item.id.clock) return `${what} ${id.client}:${id.clock} is not before the item`;
    return null;
  }

  /** Where an id's struct lands: from this update (maybe unresolved) or from the room. */
  function placementAt(id: Y.ID): NewStruct | Placement | 'gc' | 'elsewhere' | undefined {
    if (id.clock < room.stateOf(id.client)) return room.placementOf(id.client, id.clock);
    return findFresh(id.client, id.clock);
  }

  function resolve(start: NewStruct): string | null {
    if (start.placement) return null;
    const stack: NewStruct[] = [start];
    const visiting = new Set<NewStruct>();
    while (stack.length) {
      const top = stack[stack.length - 1];
      const item = top.struct as Y.Item;
      visiting.add(top);
      if (item.parent !== null) {
        // Explicit parent: a root name (a string) with a map key; an id would be a nested type.
        if (typeof item.parent !== 'string') return `nested shared types are not allowed (${item.id.client}:${item.id.clock})`;
        if (!options.roots.has(item.parent)) return `root type "${item.parent}" is not allowed`;
        if (typeof item.parentSub !== 'string') return `"${item.parent}" only takes keyed entries`;
        if (item.origin || item.rightOrigin) return 'an item with a parent cannot also carry an origin';
        top.placement = { root: item.parent, key: item.parentSub };
        stack.pop();
        continue;
      }
      // Y.Map only ever appends to an entry (origin = the entry's last item): a right origin is no honest map write,
      // and one would land left of an entry only to be deleted at once, a tombstone for free.
      if (item.rightOrigin) return `a map entry never carries a right origin (${item.id.client}:${item.id.clock})`;
      const refs: Array<[Y.ID, string]> = [];
      if (item.origin) refs.push([item.origin, 'origin']);
      if (item.rightOrigin) refs.push([item.rightOrigin, 'right origin']);
      if (refs.length === 0) return `an item without parent or origin (${item.id.client}:${item.id.clock})`;
      let pending: NewStruct | null = null;
      const placements: Placement[] = [];
      for (const [id, what] of refs) {
        const problem = checkReference(item, id, what);
        if (problem) return problem;
        const at = placementAt(id);
        if (at === 'gc') return `${what} ${id.client}:${id.clock} was garbage-collected`;
        if (at === 'elsewhere') return `${what} ${id.client}:${id.clock} is not an entry of an allowed map`;
        if (at === undefined) return `missing dependency: ${what} ${id.client}:${id.clock} is unknown`;
        if ('struct' in at) {
          if (at.placement === 'gc') return `${what} ${id.client}:${id.clock} was garbage-collected`;
          if (at.placement === null) {
            if (visiting.has(at)) return 'origins form a cycle';
            pending = at;
            break;
          }
          placements.push(at.placement);
        } else placements.push(at);
      }
      if (pending) {
        stack.push(pending);
        continue;
      }
      const [first, second] = placements;
      if (second && (first.root !== second.root || first.key !== second.key)) return 'origin and right origin lie in different entries';
      top.placement = first;
      stack.pop();
    }
    return null;
  }

  // Yjs integrates each client's structs in clock order, and an item only after the structs its origins name. An
  // update where those two orders form a cycle across clients (A:0 after B:0, B:0 after A:1, A:1 after A:0) is
  // left pending by Yjs however valid each reference is alone, so it is refused here.
  const order = integrationCycle();
  if (order) return refuse(order);

  /** Finds a cycle in "must be integrated before" among this update's new structs; returns a reason or null. */
  function integrationCycle(): string | null {
    const done = new Set<NewStruct>();
    const onPath = new Set<NewStruct>();
    const before = (entry: NewStruct, index: number, list: NewStruct[]): NewStruct[] => {
      const deps: NewStruct[] = index > 0 ? [list[index - 1]] : [];
      const struct = entry.struct;
      if (struct instanceof Y.Item)
        for (const id of [struct.origin, struct.rightOrigin]) {
          if (!id || id.client === struct.id.client || id.clock < room.stateOf(id.client)) continue;
          const dep = findFresh(id.client, id.clock);
          if (dep) deps.push(dep);
        }
      return deps;
    };
    const position = new Map<NewStruct, [number, NewStruct[]]>();
    for (const list of fresh.values()) list.forEach((entry, i) => position.set(entry, [i, list]));
    for (const start of position.keys()) {
      if (done.has(start)) continue;
      // Iterative depth-first search: a run can be thousands of structs long.
      const stack: Array<{ entry: NewStruct; deps: NewStruct[]; next: number }> = [];
      const push = (entry: NewStruct) => {
        const [i, list] = position.get(entry)!;
        onPath.add(entry);
        stack.push({ entry, deps: before(entry, i, list), next: 0 });
      };
      push(start);
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (top.next < top.deps.length) {
          const dep = top.deps[top.next++];
          if (onPath.has(dep)) {
            const { client, clock } = top.entry.struct.id;
            return `structs must be integrated in an order that does not exist (a cycle through ${client}:${clock})`;
          }
          if (!done.has(dep)) push(dep);
          continue;
        }
        stack.pop();
        onPath.delete(top.entry);
        done.add(top.entry);
      }
    }
    return null;
  }

  // Delete ranges: non-empty, over content that exists (in the room or in this update).
  for (const [client, ranges] of decoded.ds.clients) {
    const limit = reachOf(client);
    // Yjs walks every struct of each range, deleted or not: 500 copies of one range over a client's 100,000 structs
    // cost ~0.3 s and change nothing. Yjs writes ranges sorted and merged, so ranges that overlap or go back are
    // refused; then one message walks each struct at most once.
    let end = 0;
    for (const range of ranges) {
      if (range.len <= 0) return refuse(`an empty delete range (${client}:${range.clock})`);
      if (range.clock < end) return refuse(`delete ranges that overlap or are out of order (${client}:${range.clock})`);
      end = range.clock + range.len;
      if (range.clock + range.len > limit)
        return refuse(`a delete range over content that does not exist (${client}:${range.clock}+${range.len})`);
    }
  }
  return { ok: true, writtenClients: [...fresh.keys()], structs: size.structs, deleteRanges: size.deleteRanges };
}

/** An {@link AdmissionRoom} reading a live Y.Doc's store. */
export function admissionRoomOf(doc: Y.Doc): AdmissionRoom {
  const rootNames = new Map<unknown, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);
  return {
    stateOf: (client) => Y.getState(doc.store, client),
    entryLength(root, key, limit) {
      const type = doc.share.get(root) as unknown as { _map?: Map<string, Y.Item> } | undefined;
      let item: Y.Item | null = type?._map?.get(key) ?? null;
      let n = 0;
      for (; item && n < limit; item = item.left) n++;
      return n;
    },
    itemsAfter(client, clock, limit) {
      const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
      if (!(struct instanceof Y.Item)) return 0;
      let n = 0;
      for (let item = struct.right; item && n < limit; item = item.right) n++;
      return n;
    },
    placementOf(client, clock) {
      const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
      if (struct instanceof Y.GC) return 'gc';
      const parent: unknown = struct.parent;
      const root = parent ? (rootNames.get(parent) ?? [...doc.share].find(([, t]) => t === parent)?.[0]) : undefined;
      if (!root || typeof struct.parentSub !== 'string') return 'elsewhere';
      return { root, key: struct.parentSub };
    },
  };
}
