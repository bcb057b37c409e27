/**
 * The gatekeeper of a room: given the map entries one client transaction changed, it decides which changes stand
 * (and what rows they become), which are taken back (restored or removed, for everybody), and why. It only reads
 * the maps; the room applies the corrections in a server transaction.
 */
import type * as Y from 'yjs';
import { annotationSchema, tagSchema, type Annotation, type Tag } from '../lib/annotations/schema.ts';
import { validateAnnotation } from '../lib/annotations/validate-annotation.ts';
import { tagNameOf } from '../lib/tags/tag-name.ts';
import type { ReaderIdentity } from './identity.ts';
import type { PermissionPolicy } from './permissions.ts';

/** One changed key of a Y.Map, as a YMapEvent reports it. */
export interface KeyChange {
  key: string;
  action: 'add' | 'update' | 'delete';
  oldValue: unknown;
}

export interface GateInput {
  documentId: string;
  text: string;
  identity: ReaderIdentity;
  createdHere: Set<string>;
  policy: PermissionPolicy;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
  annotationChanges: KeyChange[];
  tagChanges: KeyChange[];
}

/** A value to put back under a key (undefined removes the key). */
export interface Correction {
  map: 'annotations' | 'tags';
  key: string;
  value: unknown;
}

export interface GateResult {
  upsertAnnotations: Annotation[];
  deleteAnnotations: string[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
  corrections: Correction[];
  rejections: string[];
}

function previous(value: unknown): Annotation | undefined {
  const parsed = annotationSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Judges one client transaction's map changes. */
export function judgeChanges(input: GateInput): GateResult {
  const result: GateResult = { upsertAnnotations: [], deleteAnnotations: [], upsertTags: [], deleteTags: [], corrections: [], rejections: [] };
  const reject = (map: Correction['map'], key: string, oldValue: unknown, reason: string) => {
    result.rejections.push(`${map}[${key}]: ${reason}`);
    result.corrections.push({ map, key, value: oldValue });
  };

  for (const change of input.annotationChanges) {
    const before = change.action === 'add' ? undefined : previous(change.oldValue);
    const restore = change.action === 'add' ? undefined : change.oldValue;
    if (change.action === 'delete') {
      const denied = input.policy.checkAnnotationWrite({ identity: input.identity, createdHere: input.createdHere, before, after: undefined });
      if (denied) reject('annotations', change.key, restore, denied);
      else result.deleteAnnotations.push(change.key);
      continue;
    }
    const verdict = validateAnnotation(change.key, input.annotations.get(change.key), {
      documentId: input.documentId,
      text: input.text,
      hasAnnotation: (id) => input.annotations.has(id),
    });
    if (!verdict.ok) {
      reject('annotations', change.key, restore, verdict.reason);
      continue;
    }
    const denied = input.policy.checkAnnotationWrite({ identity: input.identity, createdHere: input.createdHere, before, after: verdict.annotation });
    if (denied) {
      reject('annotations', change.key, restore, denied);
      continue;
    }
    if (before && before.created !== verdict.annotation.created) {
      reject('annotations', change.key, restore, 'created cannot change');
      continue;
    }
    if (verdict.reanchored) result.corrections.push({ map: 'annotations', key: change.key, value: verdict.annotation });
    if (!before) input.createdHere.add(change.key);
    result.upsertAnnotations.push(verdict.annotation);
  }

  for (const change of input.tagChanges) {
    const restore = change.action === 'add' ? undefined : change.oldValue;
    if (change.action === 'delete') {
      const denied = input.policy.checkTagDelete(input.identity, change.key);
      if (denied) reject('tags', change.key, restore, denied);
      else result.deleteTags.push(change.key);
      continue;
    }
    if (change.key !== tagNameOf(change.key) || !change.key) {
      reject('tags', change.key, restore, 'tag names are trimmed lower case (see tagNameOf)');
      continue;
    }
    const parsed = tagSchema.safeParse(input.tags.get(change.key));
    if (!parsed.success) {
      reject('tags', change.key, restore, `invalid tag: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    result.upsertTags.push({ name: change.key, ...parsed.data });
  }
  return result;
}
