/**
 * Annotation ids as the W3C Web Annotation Protocol serves them, and back. In a room (Yjs) and in the rows an
 * annotation's `id` is a bare id and a note's `target.source` is the bare document id (the public contract of
 * shared/ARCHITECTURE.md); over HTTP both are IRIs built from the request's real origin:
 * `<origin>/api/documents/<docId>/annotations/<annotationId>` and `<origin>/api/documents/<docId>`. A reply's or a
 * reaction's `target` names an annotation, so it is an annotation IRI too. Glossa's own extension properties
 * (`links[].target`, `thread.answer`) keep bare ids both ways.
 *
 * Pure: no request, no room. Going in, only this container's IRIs (or the bare ids themselves) are accepted: an IRI
 * of another origin, document or path (`../`, `%2F`) is refused, never resolved.
 */
import type { Annotation } from './schema.ts';

/** The annotation vocabulary's JSON-LD context. */
export const annotationContext = 'http://www.w3.org/ns/anno.jsonld';

/** An annotation id's alphabet (as annotationIdSchema allows): nothing in it needs escaping in a path segment. */
const bareId = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Where a document's protocol resources live: the request's origin and the document's id. */
export interface ProtocolBase {
  /** `scheme://host[:port]`, without a trailing slash (a URL's `origin`). */
  origin: string;
  documentId: string;
}

/** The document's IRI (a note's `target.source` over HTTP). */
export function documentIri(base: ProtocolBase): string {
  return `${base.origin}/api/documents/${base.documentId}`;
}

/** The annotation container's IRI. */
export function containerIri(base: ProtocolBase): string {
  return `${documentIri(base)}/annotations`;
}

/** The IRI of annotation `id` of the document. */
export function annotationIri(base: ProtocolBase, id: string): string {
  return `${containerIri(base)}/${id}`;
}

/**
 * The bare annotation id that `value` names: this container's IRI of an annotation, or a bare id itself; null for
 * anything else (another origin or document, a path with more segments, characters outside the id alphabet).
 */
export function annotationIdOf(base: ProtocolBase, value: string): string | null {
  const prefix = `${containerIri(base)}/`;
  const id = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return bareId.test(id) && id !== '.' && id !== '..' ? id : null;
}

/** Whether `value` names this document: its IRI or its bare id. */
export function namesDocument(base: ProtocolBase, value: string): boolean {
  return value === documentIri(base) || value === base.documentId;
}

/** An annotation as the protocol serves it: `@context` first, ids and sources as IRIs. */
export type ProtocolAnnotation = Record<string, unknown> & { '@context': string; id: string };

/** The protocol form of a stored annotation (ids and sources as IRIs). */
export function toProtocol(base: ProtocolBase, annotation: Annotation): ProtocolAnnotation {
  const { '@context': _context, ...rest } = annotation;
  const target =
    typeof rest.target === 'string'
      ? annotationIri(base, rest.target)
      : { ...rest.target, source: rest.target.source === base.documentId ? documentIri(base) : rest.target.source };
  return { '@context': annotationContext, ...rest, id: annotationIri(base, rest.id), target };
}

/** Why a value sent over the protocol cannot become a room's annotation, or the value with bare ids. */
export type FromProtocol = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The room form of an annotation sent over the protocol: `@context` dropped, `id` (if any) and a reply's `target`
 * made bare ids of this container, a note's `target.source` the bare document id. Anything that names another
 * container or document is refused with a reason; everything else is left for the room's validation to judge.
 */
export function fromProtocol(base: ProtocolBase, value: Record<string, unknown>): FromProtocol {
  const { '@context': _context, ...rest } = value;
  const out: Record<string, unknown> = { ...rest };
  if (typeof rest.id === 'string') {
    const id = annotationIdOf(base, rest.id);
    if (!id) return { ok: false, reason: `id ${rest.id.slice(0, 200)} is not an annotation of this container` };
    out.id = id;
  }
  const target = rest.target;
  if (typeof target === 'string') {
    const id = annotationIdOf(base, target);
    if (!id) return { ok: false, reason: `target ${target.slice(0, 200)} is not an annotation of this container` };
    out.target = id;
  } else if (target && typeof target === 'object' && !Array.isArray(target)) {
    const source = (target as { source?: unknown }).source;
    if (typeof source === 'string') {
      if (!namesDocument(base, source)) return { ok: false, reason: `target.source ${source.slice(0, 200)} is not this document` };
      out.target = { ...target, source: base.documentId };
    }
  }
  return { ok: true, value: out };
}
