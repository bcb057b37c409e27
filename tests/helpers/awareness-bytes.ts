/**
 * Awareness updates as bytes, for tests that send what no stock client would (foreign ids, huge or hostile
 * states, thousands of ids) and read back what the server let through. The format is y-protocols' own:
 * varUint count, then per entry varUint clientID, varUint clock, varString JSON state (or 'null').
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update; `state` is JSON-encoded unless it is already a string of raw JSON. */
export interface AwarenessEntry {
  id: number;
  clock: number;
  state: unknown;
}

/** An awareness update holding `entries` (a string state is sent as it is, as raw JSON text). */
export function awarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, typeof state === 'string' ? state : JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** The entries of an awareness update, states parsed from JSON. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ id, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

/** A y-websocket awareness message (type 1) carrying `update`. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A valid presence state for `name`, as Glossa's client sends it. */
export function aPresence(name = 'Ann', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { user: { id: `reader-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name, color: '#4363d8' }, ...extra };
}
