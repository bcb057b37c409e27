/**
 * Whether an update would delete anything the room still holds: a read-only connection's sync answer carries its
 * whole delete set, which changes nothing when every range is deleted in the room already; a range over a live item
 * is a deletion the connection may not make, refused before it is applied (never corrected, stored or fanned out).
 */
import * as Y from 'yjs';

/** The delete set of a decoded update (Yjs does not export its type). */
interface DecodedDeletes {
  clients: Map<number, Array<{ clock: number; len: number }>>;
}

/** True when `update`'s delete ranges cover any item of `doc` that is not deleted yet. */
export function deletesLiveContent(doc: Y.Doc, update: Uint8Array): boolean {
  const { ds } = Y.decodeUpdate(update) as unknown as { ds: DecodedDeletes };
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC> | undefined;
    if (!structs?.length) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, known);
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
        const struct = structs[i];
        if (struct instanceof Y.Item && !struct.deleted) return true;
      }
    }
  }
  return false;
}
