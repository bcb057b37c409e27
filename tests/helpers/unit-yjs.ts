/**
 * Builders of real Yjs updates, as a client's Y.Doc emits them, for tests of what a room lets in.
 */
import * as Y from 'yjs';

/** The one update `change` makes to `doc` (run in a single transaction), as `doc.on('update')` reports it. */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array) => updates.push(update);
  doc.on('update', listen);
  try {
    doc.transact(() => change(doc));
  } finally {
    doc.off('update', listen);
  }
  if (updates.length !== 1) throw new Error(`expected one update, got ${updates.length}`);
  return updates[0]!;
}

/** The whole state of a fresh doc after `change`, as `Y.encodeStateAsUpdate` gives it (a client's first sync). */
export function stateAfter(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => change(doc));
  return Y.encodeStateAsUpdate(doc);
}

/** The items an update carries, decoded (GC and skip structs left out). */
export function itemsOf(update: Uint8Array): Y.Item[] {
  return Y.decodeUpdate(update).structs.filter((s): s is Y.Item => s instanceof Y.Item);
}
