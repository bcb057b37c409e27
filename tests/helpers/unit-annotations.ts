/**
 * Builders of W3C annotations as a client puts them into a room: literal JSON (not made by build-annotation.ts,
 * so the schema and validator tests do not lean on the code they check), anchored in the sample story.
 */
import { describeRange } from '../../lib/anchoring/anchor.ts';
import type { AnnotationContext } from '../../lib/annotations/validate-annotation.ts';
import type { Body, Creator, PassageAnnotation, ReplyAnnotation, Tag } from '../../lib/annotations/schema.ts';
import { rangeOf, storyDocumentId, storyText } from './unit-story.ts';

export const alice: Creator = { id: 'reader-alice', name: 'Alice' };
export const bob: Creator = { id: 'reader-bob', name: 'Bob' };

/** A fixed creation time, so builders are deterministic. */
export const created = '2024-05-01T10:00:00.000Z';

/** The passage most notes in tests are on. */
export const defaultPassage = "weren't the same anymore";

/** The target of a note on the `n`th occurrence of `needle` in the story. */
export function storyTarget(needle = defaultPassage, n = 0): PassageAnnotation['target'] {
  return { source: storyDocumentId, selector: describeRange(storyText, rangeOf(needle, n)) };
}

export const commenting = (value: string): Body => ({ type: 'TextualBody', purpose: 'commenting', value, format: 'text/plain' });
export const tagging = (value: string): Body => ({ type: 'TextualBody', purpose: 'tagging', value });
export const replying = (value: string): Body => ({ type: 'TextualBody', purpose: 'replying', value, format: 'text/plain' });

/** A comment on the default passage by Alice. */
export function aComment(overrides: Partial<PassageAnnotation> = {}): PassageAnnotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'note-1',
    type: 'Annotation',
    motivation: 'commenting',
    creator: alice,
    created,
    body: [commenting('The town has lost its centre.'), tagging('loss')],
    target: storyTarget(),
    ...overrides,
  };
}

/** A plain highlight (no body) on the default passage by Alice. */
export function aHighlight(overrides: Partial<PassageAnnotation> = {}): PassageAnnotation {
  return aComment({ id: 'highlight-1', motivation: 'highlighting', body: [], ...overrides });
}

/** A tagging (tags, no comment) on the default passage by Alice. */
export function aTagging(overrides: Partial<PassageAnnotation> = {}): PassageAnnotation {
  return aComment({ id: 'tagging-1', motivation: 'tagging', body: [tagging('loss'), tagging('guilt')], ...overrides });
}

/** Bob's reply to note-1. */
export function aReply(overrides: Partial<ReplyAnnotation> = {}): ReplyAnnotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'reply-1',
    type: 'Annotation',
    motivation: 'replying',
    creator: bob,
    created,
    body: [replying('Or he has finally noticed.')],
    target: 'note-1',
    ...overrides,
  };
}

/** An entry of the room's tags map. */
export function aTag(overrides: Partial<Tag> = {}): Tag {
  return { label: 'Loss', color: '#4363d8', ...overrides };
}

/** `value` without the named property, for "missing field" cases. */
export function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...value };
  delete copy[key];
  return copy;
}

/** The validator's view of the story's room; `ids` are the annotations present in it. */
export function storyContext(ids: Iterable<string> = []): AnnotationContext {
  const present = new Set(ids);
  return { documentId: storyDocumentId, text: storyText, hasAnnotation: (id) => present.has(id) };
}
