/**
 * A Yjs update with the content of some items replaced, for one reader's copy of a room (reading blind).
 *
 * Yjs needs every client's clocks without gaps, so a note a reader may not see cannot simply be left out of what
 * they are sent: its item is sent with the same id, origins, parent and key, and a placeholder value in place of
 * the note. The reader's doc then holds a live entry `{ withheld: true }` (under a key of the server's choosing, as
 * a key can say as much as a value: a theme's key is its name) — not deleted, so
 * nothing the reader sends back ever deletes the real note, and later versions of the note (whose origin is this
 * item) integrate in order and are withheld the same way. The note's words never leave the server; showing it later
 * takes a fresh copy of the room (the client's doc already holds those clocks).
 *
 * Written with Yjs's own update encoder and struct writers (only the struct list is re-encoded; the delete set is
 * copied as it was decoded). Pure.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;
type DecodedDeleteSet = { clients: Map<number, Array<{ clock: number; len: number }>> };

/** Whether an item's content is a value (JSON) that may be withheld. */
function carriesValue(item: Y.Item): boolean {
  return item.content instanceof Y.ContentAny || item.content instanceof Y.ContentJSON;
}

/**
 * `update` with every item for which `withhold` answers true given its value(s) replaced by `placeholder` (same
 * length). Returns `update` itself (same bytes) when nothing is withheld. Deleted content is never asked about: it
 * carries nothing.
 */
export function withholdItems(
  update: Uint8Array,
  withhold: (item: Y.Item) => boolean,
  placeholder: unknown,
  /**
   * The key a withheld entry goes under in the reader's copy (a theme's key is its name, a reaction's names who
   * reacted to what): it must give the same answer for the same key, so every version of the entry lands together.
   * Only items that carry their key (no origin) are rekeyed; later versions follow their origin in the reader's doc.
   */
  rekey: (key: string) => string = (key) => key,
): Uint8Array {
  const decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DecodedDeleteSet };
  let changed = false;
  const structs = decoded.structs.map((s) => {
    if (!(s instanceof Y.Item) || !carriesValue(s) || !withhold(s)) return s;
    changed = true;
    const values = new Array(s.length).fill(placeholder);
    const key = s.parentSub === null ? null : rekey(s.parentSub);
    return new Y.Item(s.id, null, s.origin, null, s.rightOrigin, s.parent, key, new Y.ContentAny(values));
  });
  if (!changed) return update;

  const encoder = new Y.UpdateEncoderV1();
  // The structs as decoded come client by client, each client's run in clock order.
  const runs: Struct[][] = [];
  for (const s of structs) {
    const run = runs[runs.length - 1];
    if (run && run[0].id.client === s.id.client) run.push(s);
    else runs.push([s]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(run[0].id.client);
    encoding.writeVarUint(encoder.restEncoder, run[0].id.clock);
    for (const s of run) s.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, decoded.ds.clients.size);
  for (const [client, ranges] of decoded.ds.clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  return encoder.toUint8Array();
}

/** The values an item carries (its JSON content), or [] for anything else. */
export function valuesOf(item: Y.Item): unknown[] {
  const content = item.content as { arr?: unknown[] };
  return carriesValue(item) && Array.isArray(content.arr) ? content.arr : [];
}
