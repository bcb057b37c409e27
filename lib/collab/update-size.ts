/**
 * A cheap, bounded first look at a Yjs (v1) update: how many structs and delete ranges it holds and which content
 * kinds, read with the same wire format as Yjs but without building anything, and given up on as soon as a bound
 * is passed. It exists so that a 1 MB message of half a million tiny structs is refused after reading a few
 * thousand of them, before Yjs's own decoder (which materialises every struct) is allowed near it.
 *
 * It decides nothing about meaning: `update-admission.ts` decides with Yjs's own decoding once this says the
 * update is small enough to look at.
 */
import * as decoding from 'lib0/decoding';

/** Content refs (the low five bits of an item's info byte) that a Glossa room may hold. */
export const contentRefDeleted = 1;
export const contentRefAny = 8;
const contentRefNames = ['GC', 'Deleted', 'JSON', 'Binary', 'String', 'Embed', 'Format', 'Type', 'Any', 'Doc', 'Skip'];

/** Bounds of one update. */
export interface UpdateBounds {
  structs: number;
  deleteRanges: number;
}

export type UpdateSizeVerdict = { ok: true; structs: number; deleteRanges: number } | { ok: false; reason: string };

/** Counts an update's structs and delete ranges, stopping at the first bound passed or content kind not allowed. */
export function measureUpdate(update: Uint8Array, bounds: UpdateBounds): UpdateSizeVerdict {
  const d = decoding.createDecoder(update);
  let structs = 0;
  let deleteRanges = 0;
  try {
    const clients = decoding.readVarUint(d);
    // Yjs keeps only the last run of a client that appears twice; the runs it drops would still be checked.
    const seen = new Set<number>();
    for (let c = 0; c < clients; c++) {
      const count = decoding.readVarUint(d);
      if (structs + count > bounds.structs) return { ok: false, reason: `more than ${bounds.structs} structs in one update` };
      const client = decoding.readVarUint(d);
      if (seen.has(client)) return { ok: false, reason: `client ${client} appears twice in one update` };
      seen.add(client);
      decoding.readVarUint(d); // first clock
      for (let i = 0; i < count; i++) {
        structs++;
        const info = decoding.readUint8(d);
        if (info === 10) {
          decoding.readVarUint(d); // skip length
          continue;
        }
        const ref = info & 0b11111;
        if (ref === 0) {
          decoding.readVarUint(d); // GC length
          continue;
        }
        if (ref !== contentRefDeleted && ref !== contentRefAny)
          return { ok: false, reason: `content type ${contentRefNames[ref] ?? ref} is not allowed` };
        if (info & 0b10000000) decoding.readVarUint(d), decoding.readVarUint(d); // origin
        if (info & 0b01000000) decoding.readVarUint(d), decoding.readVarUint(d); // right origin
        if ((info & 0b11000000) === 0) {
          // parent info: a root name, or the id of a parent item
          if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
          else decoding.readVarUint(d), decoding.readVarUint(d);
          if (info & 0b00100000) decoding.readVarString(d); // parentSub (map key)
        }
        if (ref === contentRefDeleted) decoding.readVarUint(d);
        else {
          const length = decoding.readVarUint(d);
          if (length !== 1) return { ok: false, reason: 'a map entry must hold exactly one value' };
          decoding.readAny(d);
        }
      }
    }
    const dsClients = decoding.readVarUint(d);
    for (let c = 0; c < dsClients; c++) {
      decoding.readVarUint(d); // client
      const count = decoding.readVarUint(d);
      deleteRanges += count;
      if (deleteRanges > bounds.deleteRanges) return { ok: false, reason: `more than ${bounds.deleteRanges} delete ranges in one update` };
      for (let i = 0; i < count; i++) decoding.readVarUint(d), decoding.readVarUint(d);
    }
  } catch (err) {
    return { ok: false, reason: `undecodable update: ${(err as Error).message}` };
  }
  return { ok: true, structs, deleteRanges };
}
