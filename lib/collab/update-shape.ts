/**
 * A structural check of an incoming Yjs update before it touches a room. Rooms hold two maps of plain JSON values
 * (annotations, tags); an update that creates other root types, nested shared types, text or binary content
 * cannot be taken back once applied, so it is refused whole. Items that continue an existing map entry (they
 * carry an origin instead of a parent) inherit the parent of that entry, which this check already admitted when
 * it arrived, so admitting only root-level map entries of allowed names keeps every item inside the two maps.
 */
import * as Y from 'yjs';
import { allowedRootTypes } from './shared-state.ts';

export type UpdateShapeVerdict = { ok: true } | { ok: false; reason: string };

/** Checks that an update only writes single JSON values into the allowed root maps. */
export function checkUpdateShape(update: Uint8Array, roots: ReadonlySet<string> = allowedRootTypes): UpdateShapeVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    return { ok: false, reason: `undecodable update: ${(err as Error).message}` };
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (!(content instanceof Y.ContentAny)) return { ok: false, reason: `content type ${content.constructor.name} is not allowed` };
    if (content.arr.length !== 1) return { ok: false, reason: 'a map entry must hold exactly one value' };
    const parent = struct.parent;
    if (parent === null) continue; // continues an existing entry: see the module comment
    if (typeof parent !== 'string') return { ok: false, reason: 'nested shared types are not allowed' };
    if (!roots.has(parent)) return { ok: false, reason: `root type "${parent}" is not allowed` };
    if (typeof struct.parentSub !== 'string') return { ok: false, reason: `"${parent}" only takes map entries` };
  }
  return { ok: true };
}
