/**
 * A room's two maps in a real Y.Doc, and the key changes one client transaction makes to them, collected from
 * YMapEvents the way server/room.ts collects them, so the gate is judged on what Yjs really reports.
 */
import * as Y from 'yjs';
import type { Annotation, Tag } from '../../lib/annotations/schema.ts';
import type { ReaderIdentity } from '../../server/identity.ts';
import { ownNotesPolicy, type PermissionPolicy } from '../../server/permissions.ts';
import type { Role } from '../../lib/access/roles.ts';
import { judgeChanges, type GateQuotas, type GateResult, type KeyChange } from '../../server/room-gate.ts';
import { roomLimits } from '../../lib/limits.ts';
import { storyDocumentId, storyText } from './unit-story.ts';

export interface GateRoom {
  doc: Y.Doc;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
}

/** A room of the story already holding `annotations` and `tags` (keyed by name). */
export function gateRoom(seed: { annotations?: Annotation[]; tags?: Record<string, Tag> } = {}): GateRoom {
  const doc = new Y.Doc();
  const annotations = doc.getMap<unknown>('annotations');
  const tags = doc.getMap<unknown>('tags');
  doc.transact(() => {
    for (const a of seed.annotations ?? []) annotations.set(a.id, a);
    for (const [name, tag] of Object.entries(seed.tags ?? {})) tags.set(name, tag);
  });
  return { doc, annotations, tags };
}

/** The key changes `change` makes to the room's maps in one transaction. */
export function changesOf(room: GateRoom, change: (room: GateRoom) => void): { annotationChanges: KeyChange[]; tagChanges: KeyChange[] } {
  const annotationChanges: KeyChange[] = [];
  const tagChanges: KeyChange[] = [];
  const collect = (into: KeyChange[]) => (event: Y.YMapEvent<unknown>) =>
    event.changes.keys.forEach((c, key) => into.push({ key, action: c.action, oldValue: c.oldValue }));
  const onAnnotations = collect(annotationChanges);
  const onTags = collect(tagChanges);
  room.annotations.observe(onAnnotations);
  room.tags.observe(onTags);
  try {
    room.doc.transact(() => change(room));
  } finally {
    room.annotations.unobserve(onAnnotations);
    room.tags.unobserve(onTags);
  }
  return { annotationChanges, tagChanges };
}

/** Judges the transaction `change` as made by `identity` (by default under the own-notes policy, as an annotator). */
export function judge(
  room: GateRoom,
  identity: ReaderIdentity,
  change: (room: GateRoom) => void,
  createdHere: Set<string> = new Set(),
  access: { role?: Role; policy?: PermissionPolicy } = {},
): Promise<GateResult> {
  return judgeChanges({
    documentId: storyDocumentId,
    text: storyText,
    identity,
    role: access.role ?? 'annotator',
    createdHere,
    policy: access.policy ?? ownNotesPolicy,
    annotations: room.annotations,
    tags: room.tags,
    ...changesOf(room, change),
  });
}

/** Judges `change` as Alice's, with some quotas replaced (the rest are the room defaults). */
export function judgeWithQuotas(room: GateRoom, quotas: Partial<GateQuotas>, change: (room: GateRoom) => void): Promise<GateResult> {
  return judgeChanges({
    documentId: storyDocumentId,
    text: storyText,
    identity: { kind: 'reader', id: 'reader-alice', name: 'Alice' },
    role: 'annotator',
    createdHere: new Set(),
    policy: ownNotesPolicy,
    annotations: room.annotations,
    tags: room.tags,
    quotas: { tagsPerRoom: roomLimits.tagsPerRoom, annotationsPerRoom: roomLimits.annotationsPerRoom, allowNewNote: () => true, ...quotas },
    ...changesOf(room, change),
  });
}
