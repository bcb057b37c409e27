/**
 * The gatekeeper of a room: given the map entries one client transaction changed, it decides which changes stand
 * (and what rows they become), which are taken back (restored or removed, for everybody), and why. It judges
 * meaning — schema, anchor, who may write what, quotas — after admission has judged structure. It only reads the
 * maps; the room applies the corrections in a server transaction and tells the author why on the notice channel.
 */
import type * as Y from 'yjs';
import { annotationSchema, tagSchema, type Annotation, type Tag } from '../lib/annotations/schema.ts';
import { validateAnnotation } from '../lib/annotations/validate-annotation.ts';
import { roomLimits } from '../lib/limits.ts';
import { tagNameOf, themeNamesOf } from '../lib/tags/tag-name.ts';
import { nestingError } from '../lib/tags/vocabulary.ts';
import type { Role } from '../lib/access/roles.ts';
import type { ReaderIdentity } from './identity.ts';
import type { PermissionPolicy } from './permissions.ts';
import { aheadOfClock, clampFutureTimes } from '../lib/annotations/future-times.ts';

/** One changed key of a Y.Map, as a YMapEvent reports it. */
export interface KeyChange {
  key: string;
  action: 'add' | 'update' | 'delete';
  oldValue: unknown;
}

/** Limits the gate enforces per room and per connection (defaults: `roomLimits`). */
export interface GateQuotas {
  tagsPerRoom: number;
  annotationsPerRoom: number;
  /** Asked once per new note or reply; false when the connection wrote too many lately. */
  allowNewNote(): boolean;
}

export interface GateInput {
  documentId: string;
  text: string;
  identity: ReaderIdentity;
  /** The connection's role on the document. */
  role: Role;
  createdHere: Set<string>;
  policy: PermissionPolicy;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
  annotationChanges: KeyChange[];
  tagChanges: KeyChange[];
  quotas?: GateQuotas;
  /**
   * For a key written anew (an `add`): whether an earlier note under that id was another writer's (its first version
   * came from a Yjs client another owner holds). Such an id is refused: a deleted note's replies (kept, and listed
   * under their note's id) would otherwise become replies to whoever takes the id — in a blind room, a way to read a
   * thread one may not see. Undoing one's own delete (same id, same writer) passes.
   */
  usedByAnother?(key: string): boolean;
  /** The server's clock (ms); `Date.now` unless a test sets it. */
  now?: () => number;
}

/** A value to put back under a key (undefined removes the key). */
export interface Correction {
  map: 'annotations' | 'tags';
  key: string;
  value: unknown;
}

/** A change taken back, and why (shown to its author). */
export interface Refusal {
  map: 'annotations' | 'tags';
  key: string;
  reason: string;
}

export interface GateResult {
  upsertAnnotations: Annotation[];
  deleteAnnotations: string[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
  corrections: Correction[];
  rejections: Refusal[];
}

function previous(value: unknown): Annotation | undefined {
  const parsed = annotationSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function previousTag(value: unknown): Tag | undefined {
  const parsed = tagSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** How many changes the gate judges before it yields to the event loop. */
const yieldEvery = 250;

const unlimited: GateQuotas = {
  tagsPerRoom: roomLimits.tagsPerRoom,
  annotationsPerRoom: roomLimits.annotationsPerRoom,
  allowNewNote: () => true,
};

/** How many notes in `annotations` carry tag `name`. */
function tagUse(annotations: Y.Map<unknown>, name: string): number {
  let count = 0;
  for (const value of annotations.values()) if (themeNamesOf(value).includes(name)) count++;
  return count;
}

/** Judges one client transaction's map changes. */
export async function judgeChanges(input: GateInput): Promise<GateResult> {
  const quotas = input.quotas ?? unlimited;
  const result: GateResult = {
    upsertAnnotations: [],
    deleteAnnotations: [],
    upsertTags: [],
    deleteTags: [],
    corrections: [],
    rejections: [],
  };
  const reject = (map: Correction['map'], key: string, oldValue: unknown, reason: string) => {
    result.rejections.push({ map, key, reason });
    result.corrections.push({ map, key, value: oldValue });
  };

  // Y.Map.size walks the whole map: count once, not once per change (a 5,000-note offline sync was quadratic).
  const annotationCount = input.annotationChanges.length ? input.annotations.size : 0;
  const tagCount = input.tagChanges.length ? input.tags.size : 0;
  let judged = 0;
  for (const change of input.annotationChanges) {
    // A returning reader's offline session can hold thousands of notes: let other rooms run between slices.
    if (++judged % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    const before = change.action === 'add' ? undefined : previous(change.oldValue);
    const restore = change.action === 'add' ? undefined : change.oldValue;
    if (change.action === 'delete') {
      const denied = await input.policy.checkAnnotationWrite({
        identity: input.identity,
        role: input.role,
        createdHere: input.createdHere,
        before,
        after: undefined,
      });
      if (denied) reject('annotations', change.key, restore, denied);
      else result.deleteAnnotations.push(change.key);
      continue;
    }
    if (change.action === 'add') {
      if (annotationCount > quotas.annotationsPerRoom) {
        reject('annotations', change.key, restore, `this room holds its maximum of ${quotas.annotationsPerRoom} notes`);
        continue;
      }
      if (!quotas.allowNewNote()) {
        reject('annotations', change.key, restore, 'too many notes per minute: wait a moment and write it again');
        continue;
      }
      if (input.usedByAnother?.(change.key)) {
        reject('annotations', change.key, restore, 'this id was another reader’s note: a new note needs a new id');
        continue;
      }
    }
    const verdict = validateAnnotation(change.key, input.annotations.get(change.key), {
      documentId: input.documentId,
      text: input.text,
      // A reply whose note was deleted may still be edited; a new reply needs its note.
      hasAnnotation: (id) => input.annotations.has(id) || (before !== undefined && before.target === id),
      // An answer already accepted stands even if its reply was deleted since (the note stays editable).
      targetOf: (id) =>
        before && 'thread' in before && before.thread?.answer === id
          ? change.key
          : (input.annotations.get(id) as { target?: unknown } | undefined)?.target,
      isReaction: (id) =>
        (input.annotations.get(id) as { motivation?: unknown } | undefined)?.motivation === 'assessing' && id.startsWith('react:'),
    });
    if (!verdict.ok) {
      reject('annotations', change.key, restore, verdict.reason);
      continue;
    }
    const denied = await input.policy.checkAnnotationWrite({
      identity: input.identity,
      role: input.role,
      createdHere: input.createdHere,
      before,
      after: verdict.annotation,
    });
    if (denied) {
      reject('annotations', change.key, restore, denied);
      continue;
    }
    const now = (input.now ?? Date.now)();
    let written = verdict.annotation;
    if (before && before.created !== written.created) {
      // A writer whose clock runs fast had their note's `created` set to the room's now; an edit made before that
      // correction reached them still carries their own time, ahead of the room's clock: the stored one stands.
      if (!aheadOfClock(written.created, now)) {
        reject('annotations', change.key, restore, 'created cannot change');
        continue;
      }
      written = { ...written, created: before.created };
    }
    // A time ahead of the server's clock becomes now (lib/annotations/future-times.ts), sent back like a re-anchoring.
    const accepted = clampFutureTimes(written, !before, now);
    if (verdict.reanchored || accepted !== verdict.annotation)
      result.corrections.push({ map: 'annotations', key: change.key, value: accepted });
    if (!before) input.createdHere.add(change.key);
    result.upsertAnnotations.push(accepted);
  }

  for (const change of input.tagChanges) {
    const restore = change.action === 'add' ? undefined : change.oldValue;
    const tagWrite = (after: Tag | undefined) =>
      input.policy.checkTagWrite({
        identity: input.identity,
        role: input.role,
        name: change.key,
        before: previousTag(change.oldValue),
        after,
        usedBy: after ? 0 : tagUse(input.annotations, change.key),
      });
    if (change.action === 'delete') {
      const denied = await tagWrite(undefined);
      if (denied) reject('tags', change.key, restore, denied);
      else result.deleteTags.push(change.key);
      continue;
    }
    if (change.key !== tagNameOf(change.key) || !change.key) {
      reject('tags', change.key, restore, 'tag names are trimmed lower case (see tagNameOf)');
      continue;
    }
    if (change.action === 'add' && tagCount > quotas.tagsPerRoom) {
      reject(
        'tags',
        change.key,
        restore,
        `this room's vocabulary holds its maximum of ${quotas.tagsPerRoom} tags: delete unused ones first`,
      );
      continue;
    }
    const parsed = tagSchema.safeParse(input.tags.get(change.key));
    if (!parsed.success) {
      reject('tags', change.key, restore, `invalid tag: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const nesting = nestingError(change.key, parsed.data, input.tags);
    if (nesting) {
      reject('tags', change.key, restore, nesting);
      continue;
    }
    const denied = await tagWrite(parsed.data);
    if (denied) {
      reject('tags', change.key, restore, denied);
      continue;
    }
    result.upsertTags.push({ name: change.key, ...parsed.data });
  }
  return result;
}
