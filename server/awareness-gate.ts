/**
 * The gate for presence (y-websocket awareness) in one room. The stock protocol lets any socket set or remove any
 * awareness client id with any JSON of any size, so one socket could rename another reader for everyone, fan out
 * megabytes to every reader, fill the room with thousands of fake readers, or put `url(http://…)` where browsers
 * paint a colour. The room passes each raw awareness update through `admit` before applying it: what comes out
 * holds only entries for ids this socket introduced, with states that parse as a presence state and carry the
 * connection's identity, within a rate and an id cap. Anything else is dropped silently, never closed for: a stock
 * client re-broadcasts the states of other readers it has seen (STACK-NOTES pitfall 9), so foreign entries are
 * honest traffic. Only bytes that are not an awareness update at all throw, as `AwarenessDecodeError`.
 *
 * Decoding is done here, not by y-protocols, so cost is bounded before anything is parsed: at most
 * `entriesPerMessage` entries are read, a foreign or oversized state is skipped by its length prefix without being
 * decoded, and only the few states of the socket's own ids are parsed as JSON.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { presenceStateSchema } from '../lib/collab/presence-state.ts';
import { awarenessLimits } from '../lib/limits.ts';
import type { ReaderIdentity } from './identity.ts';

/** The numbers the gate enforces (`awarenessLimits` unless a test passes others). */
export type AwarenessGateLimits = { readonly [K in keyof typeof awarenessLimits]: number };

export interface AwarenessGateOptions {
  limits?: Partial<AwarenessGateLimits>;
  /** Milliseconds clock for the rate limit (tests pass a fake one). */
  now?: () => number;
  /** Ids no socket may ever hold: the room's own awareness client id. */
  reservedIds?: Iterable<number>;
}

/** Bytes that are not an awareness update (truncated, or a number out of range); the room closes with 1007. */
export class AwarenessDecodeError extends Error {
  constructor(message: string) {
    super(`malformed awareness update: ${message}`);
    this.name = 'AwarenessDecodeError';
  }
}

/** The name every anonymous reader's presence carries. */
export const anonymousReaderName = 'Anonymous reader';

/** What the gate knows of one socket. */
interface OwnerState {
  /** Awareness ids this socket introduced, with the last clock admitted for each. */
  ids: Map<number, number>;
  /** Token bucket of the rate limit. */
  tokens: number;
  refilledAt: number;
  /** The presence id of an anonymous connection, made on its first state. */
  anonymousId: string | null;
}

const maxClientId = 0xffff_ffff;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const nullState = new Uint8Array([0x6e, 0x75, 0x6c, 0x6c]); // "null"

/** One room's owner of awareness ids, state checks and rate limits. Call `release` for every socket that leaves. */
export class AwarenessGate {
  private readonly limits: AwarenessGateLimits;
  private readonly now: () => number;
  private readonly reserved: ReadonlySet<number>;
  private readonly owners = new Map<object, OwnerState>();
  /** Who holds each id now. */
  private readonly holders = new Map<number, object>();
  /** The last clock of ids whose socket left (oldest first), so a late re-broadcast of them claims nothing. */
  private readonly released = new Map<number, number>();
  private anonymousCount = 0;

  constructor(options: AwarenessGateOptions = {}) {
    this.limits = { ...awarenessLimits, ...options.limits };
    this.now = options.now ?? Date.now;
    this.reserved = new Set(options.reservedIds ?? []);
  }

  /**
   * The part of a raw awareness update (the payload of a y-websocket awareness message) that `owner` may make, re-
   * encoded, or null when nothing is left. Entries for ids held by another socket, removals of ids no one holds,
   * states that do not parse or are too large, new ids past the cap, stale clocks and set-entries over the rate
   * limit are dropped; the identity fields of each admitted state are the connection's. Throws only
   * `AwarenessDecodeError`.
   */
  admit(owner: object, identity: ReaderIdentity, update: Uint8Array): Uint8Array | null {
    const self = this.ownerState(owner);
    const decoder = decoding.createDecoder(update);
    const out = encoding.createEncoder();
    let admitted = 0;
    const entries: Array<{ id: number; clock: number; state: Uint8Array }> = [];
    try {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count && i < this.limits.entriesPerMessage; i++) {
        const id = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        // A view of the state's bytes, not a copy and not decoded: most entries are skipped unread.
        const stateBytes = decoding.readVarUint8Array(decoder);
        entries.push({ id, clock, state: stateBytes });
      }
    } catch (err) {
      throw new AwarenessDecodeError(err instanceof Error ? err.message : String(err));
    }
    for (const { id, clock, state } of entries) {
      const json = this.admitEntry(owner, self, identity, id, clock, state);
      if (json === null) continue;
      encoding.writeVarUint(out, id);
      encoding.writeVarUint(out, clock);
      encoding.writeVarString(out, json);
      admitted++;
    }
    if (admitted === 0) return null;
    const result = encoding.createEncoder();
    encoding.writeVarUint(result, admitted);
    encoding.writeUint8Array(result, encoding.toUint8Array(out));
    return encoding.toUint8Array(result);
  }

  /** Whether `owner` may ask for everyone's presence now (a query-awareness message); costs one token. */
  admitQuery(owner: object): boolean {
    return this.takeToken(this.ownerState(owner));
  }

  /** The awareness ids `owner` holds now. */
  idsOf(owner: object): number[] {
    return [...(this.owners.get(owner)?.ids.keys() ?? [])];
  }

  /** Forgets `owner` and returns the ids it held, whose states the room must now remove. */
  release(owner: object): number[] {
    const self = this.owners.get(owner);
    if (!self) return [];
    this.owners.delete(owner);
    for (const [id, clock] of self.ids) {
      this.holders.delete(id);
      this.released.delete(id); // re-inserted last: newest
      this.released.set(id, clock);
    }
    for (const id of this.released.keys()) {
      if (this.released.size <= this.limits.releasedIdsRemembered) break;
      this.released.delete(id);
    }
    return [...self.ids.keys()];
  }

  /** The JSON to pass on for one entry, or null to drop it. */
  private admitEntry(
    owner: object,
    self: OwnerState,
    identity: ReaderIdentity,
    id: number,
    clock: number,
    state: Uint8Array,
  ): string | null {
    if (id > maxClientId || this.reserved.has(id)) return null;
    const isRemoval = isNull(state);
    const holder = this.holders.get(id);
    if (holder !== undefined && holder !== owner) return null; // another socket's reader (often an honest re-broadcast)
    if (holder === owner) {
      // Same rule as y-protocols: newer clocks win; an equal clock may only remove.
      const known = self.ids.get(id)!;
      if (clock < known || (clock === known && !isRemoval)) return null;
    } else {
      if (isRemoval) return null; // nothing of this socket's to remove
      const releasedAt = this.released.get(id);
      if (releasedAt !== undefined && clock <= releasedAt) return null; // a departed reader's state, re-broadcast late
      if (self.ids.size >= this.limits.idsPerConnection) return null;
    }
    if (isRemoval) {
      self.ids.set(id, clock); // removals are never rate-limited: a reader may always leave
      return 'null';
    }
    if (state.length > this.limits.stateBytes) return null; // skipped by its length, never decoded
    if (!this.takeToken(self)) return null;
    const presence = parseState(state);
    if (!presence) return null;
    presence.user.id = identity.kind === 'reader' ? identity.id : (self.anonymousId ??= `anonymous-${++this.anonymousCount}`);
    presence.user.name = identity.kind === 'reader' ? identity.name : anonymousReaderName;
    if (holder === undefined) {
      this.holders.set(id, owner);
      this.released.delete(id);
    }
    self.ids.set(id, clock);
    return JSON.stringify(presence);
  }

  private ownerState(owner: object): OwnerState {
    let self = this.owners.get(owner);
    if (!self) {
      self = { ids: new Map(), tokens: this.limits.updateBurst, refilledAt: this.now(), anonymousId: null };
      this.owners.set(owner, self);
    }
    return self;
  }

  private takeToken(self: OwnerState): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - self.refilledAt) / 1000;
    self.tokens = Math.min(this.limits.updateBurst, self.tokens + elapsed * this.limits.updatesPerSecond);
    self.refilledAt = now;
    if (self.tokens < 1) return false;
    self.tokens -= 1;
    return true;
  }
}

function isNull(state: Uint8Array): boolean {
  return state.length === 4 && state.every((b, i) => b === nullState[i]);
}

/** A state's bytes as a presence state, or null (bad UTF-8, bad JSON, or not the schema). */
function parseState(bytes: Uint8Array) {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  return presenceStateSchema.safeParse(value).data ?? null;
}
