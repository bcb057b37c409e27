/**
 * Hand-made Yjs v1 updates: the bytes an attacker can send but no Y.Doc would emit (items of length 0, origins
 * into other roots, deletes over future clocks). Written with lib0 in Yjs's wire format, struct by struct.
 */
import * as encoding from 'lib0/encoding';

/** One struct of a crafted update. */
export type CraftedStruct =
  | { kind: 'gc'; length: number }
  | { kind: 'skip'; length: number }
  | {
      kind: 'item';
      /** `any` holds JSON values (a map entry holds exactly one); `deleted` holds a length of deleted content. */
      content: { any: unknown[] } | { deleted: number } | { string: string };
      origin?: [client: number, clock: number];
      rightOrigin?: [client: number, clock: number];
      /** Explicit parent (only written when there is no origin): a root name, or a parent item's id. */
      parent?: string | [client: number, clock: number];
      key?: string;
    };

/** A run of structs of one client from `clock` on. */
export interface CraftedRun {
  client: number;
  clock: number;
  structs: CraftedStruct[];
}

/** Encodes runs and delete ranges (`[client, clock, len]`) as a Yjs v1 update. */
export function craftUpdate(runs: CraftedRun[], deletes: Array<[client: number, clock: number, len: number]> = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(e, run.structs.length);
    encoding.writeVarUint(e, run.client);
    encoding.writeVarUint(e, run.clock);
    for (const s of run.structs) {
      if (s.kind === 'gc') {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, s.length);
      } else if (s.kind === 'skip') {
        encoding.writeUint8(e, 10);
        encoding.writeVarUint(e, s.length);
      } else {
        const ref = 'any' in s.content ? 8 : 'deleted' in s.content ? 1 : 4;
        const hasParent = !s.origin && !s.rightOrigin;
        const info = ref | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (hasParent && s.key !== undefined ? 0x20 : 0);
        encoding.writeUint8(e, info);
        if (s.origin) encoding.writeVarUint(e, s.origin[0]), encoding.writeVarUint(e, s.origin[1]);
        if (s.rightOrigin) encoding.writeVarUint(e, s.rightOrigin[0]), encoding.writeVarUint(e, s.rightOrigin[1]);
        if (hasParent) {
          if (typeof s.parent === 'string' || s.parent === undefined) {
            encoding.writeVarUint(e, 1);
            encoding.writeVarString(e, s.parent ?? 'annotations');
          } else {
            encoding.writeVarUint(e, 0);
            encoding.writeVarUint(e, s.parent[0]);
            encoding.writeVarUint(e, s.parent[1]);
          }
          if (s.key !== undefined) encoding.writeVarString(e, s.key);
        }
        if ('any' in s.content) {
          encoding.writeVarUint(e, s.content.any.length);
          for (const v of s.content.any) encoding.writeAny(e, v as never);
        } else if ('deleted' in s.content) encoding.writeVarUint(e, s.content.deleted);
        else encoding.writeVarString(e, s.content.string);
      }
    }
  }
  const byClient = new Map<number, Array<[number, number]>>();
  for (const [client, clock, len] of deletes) {
    const list = byClient.get(client) ?? [];
    list.push([clock, len]);
    byClient.set(client, list);
  }
  encoding.writeVarUint(e, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, len] of ranges) encoding.writeVarUint(e, clock), encoding.writeVarUint(e, len);
  }
  return encoding.toUint8Array(e);
}

/** One map entry `key: value` under `root`, as a fresh item. */
export function entry(key: string, value: unknown, root = 'annotations'): CraftedStruct {
  return { kind: 'item', content: { any: [value] }, parent: root, key };
}
