/**
 * Builders of W3C notes for integration tests, made on the real canonical text the server serves, with the same
 * `buildPassageAnnotation` the composer uses, so a "valid note" here is exactly what a browser would send. Also
 * readers of the HTTP side (text, AnnotationCollection) that tests compare the room with.
 */
import { randomUUID } from 'node:crypto';
import type { describeRange } from '../../lib/anchoring/anchor.ts';
import type { TextRange } from '../../lib/anchoring/types.ts';
import { fromProtocol } from '../../lib/annotations/annotation-iri.ts';
import { buildPassageAnnotation } from '../../lib/annotations/build-annotation.ts';
import type { Creator, PassageAnnotation } from '../../lib/annotations/schema.ts';

/** The id of the story every server seeds on start. */
export const storyId = 'should-have-known';

/** A W3C AnnotationCollection as `GET /api/documents/<id>/annotations` serves it. */
export interface AnnotationCollectionBody {
  type: string;
  total: number;
  first: { items: Array<Record<string, unknown> & { id: string }> };
}

/** The canonical text of a document, from `GET /api/documents/<id>/text`. */
export async function fetchText(baseUrl: string, documentId = storyId): Promise<string> {
  const res = await fetch(`${baseUrl}/api/documents/${documentId}/text`);
  if (!res.ok) throw new Error(`GET text of ${documentId}: ${res.status}`);
  return res.text();
}

/**
 * The stored notes of a document, from `GET /api/documents/<id>/annotations`, with the protocol's IRIs made bare ids
 * again (lib/annotations/annotation-iri.ts), so tests compare them with what the room holds.
 */
export async function fetchCollection(baseUrl: string, documentId = storyId): Promise<AnnotationCollectionBody> {
  const res = await fetch(`${baseUrl}/api/documents/${documentId}/annotations`);
  if (!res.ok) throw new Error(`GET annotations of ${documentId}: ${res.status}`);
  const body = (await res.json()) as AnnotationCollectionBody;
  const base = { origin: new URL(baseUrl).origin, documentId };
  const items = body.first.items.map((item) => {
    const bare = fromProtocol(base, item);
    if (!bare.ok) throw new Error(`GET annotations of ${documentId}: ${bare.reason}`);
    return { '@context': item['@context'], ...bare.value, id: String(bare.value.id) };
  });
  return { ...body, first: { ...body.first, items } };
}

/** The ids of the stored notes of a document. */
export async function storedIds(baseUrl: string, documentId = storyId): Promise<string[]> {
  return (await fetchCollection(baseUrl, documentId)).first.items.map((a) => a.id);
}

/** The range of the first occurrence of `passage` in `text` (throws when it is not there, a broken fixture). */
export function rangeOf(text: string, passage: string): TextRange {
  const start = text.indexOf(passage);
  if (start === -1) throw new Error(`fixture passage not in the text: ${passage}`);
  return { start, end: start + passage.length };
}

export interface NoteOptions {
  text: string;
  creator: Creator;
  /** Words of the story to anchor on (first occurrence). */
  passage: string;
  comment?: string;
  tags?: string[];
  documentId?: string;
  id?: string;
}

/** A valid note on `passage` of the story, as the composer builds it. */
export function buildNote(options: NoteOptions): PassageAnnotation {
  return buildPassageAnnotation({
    id: options.id ?? `note-${randomUUID()}`,
    documentId: options.documentId ?? storyId,
    creator: options.creator,
    text: options.text,
    range: rangeOf(options.text, options.passage),
    comment: options.comment ?? 'A line worth a second look.',
    tags: options.tags ?? [],
    now: new Date(),
  });
}

/** The quote and position selectors of a passage note. */
export function selectorsOf(note: unknown): ReturnType<typeof describeRange> {
  return (note as PassageAnnotation).target.selector;
}

/** A copy of a JSON value (so a test never mutates an object a Y.Map holds). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
