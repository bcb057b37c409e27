/**
 * What the W3C Web Annotation Protocol's route handlers share (`…/annotations` and `…/annotations/<annotationId>`):
 * the notes a caller may list, the headers each kind of resource carries, reading an annotation sent in, and the
 * entity tag of a stored note. The paging arithmetic and the IRI mapping are pure, in lib/annotations.
 */
import { z } from 'zod';
import { getDb } from '../../../../../db/client.ts';
import { annotationMediaType } from '../../../../../lib/annotations/annotation-collection.ts';
import { annotationContext, fromProtocol, type ProtocolBase } from '../../../../../lib/annotations/annotation-iri.ts';
import { createHmac } from 'node:crypto';
import { authSecret } from '../../../../../db/auth-secret.ts';
import { canonicalJson, protocolIris } from '../../../../../lib/annotations/annotation-paging.ts';
import { type Annotation, annotationIdSchema } from '../../../../../lib/annotations/schema.ts';
import { protocolLimits } from '../../../../../lib/limits.ts';
import { notesSeenBy, notesShownTo } from '../../../blind-filter.ts';
import type { DocumentCaller } from '../../../document-access.ts';
import { type Checked, jsonError } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';

/** The methods of the container and of one annotation (the `Allow` header). */
export const containerMethods = ['GET', 'HEAD', 'OPTIONS', 'POST'] as const;
export const annotationMethods = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const;

/** Annotations per page: `protocolLimits.pageSize`, or `GLOSSA_ANNOTATION_PAGE_SIZE` (tests) within the limit. */
export function pageSize(): number {
  const asked = Number(process.env.GLOSSA_ANNOTATION_PAGE_SIZE);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, protocolLimits.maxPageSize) : protocolLimits.pageSize;
}

/**
 * The stored shared notes `caller` may list, in text order: never private ones (they are never in the rows), in a
 * room set blind only those the caller's socket would show, and a hidden note without its text unless the caller
 * moderates or wrote it.
 */
export function visibleNotes(documentId: string, caller: DocumentCaller): Annotation[] {
  return notesShownTo(getDb(), documentId, caller);
}

/** The stored (unredacted) note `id` among those `caller` may list, for its entity tag; undefined if none. */
export function storedNote(documentId: string, caller: DocumentCaller, id: string): Annotation | undefined {
  return notesSeenBy(getDb(), documentId, caller).find((a) => a.id === id);
}

/**
 * The entity tag of a stored note's version (what `If-Match` must name). It is the version's, not the
 * representation's: the same for every origin and for a hidden note's redacted copy, so any reader's tag names the
 * version a write would replace. Keyed (an HMAC under a key derived from the server's secret, stable across restarts):
 * an unkeyed hash of a hidden note would let anyone who may read its trace test guesses at its words offline.
 */
export function annotationEtag(annotation: Annotation): string {
  const { '@context': _context, ...version } = annotation;
  return `"${createHmac('sha256', etagKey()).update(canonicalJson(version)).digest('hex').slice(0, 16)}"`;
}

let key: Buffer | null = null;
function etagKey(): Buffer {
  key ??= createHmac('sha256', authSecret()).update('glossa annotation etag').digest();
  return key;
}

/** Headers of the container and its pages (LDP basic container, constrained by the protocol). */
export function containerHeaders(etag: string, preferenceApplied: boolean): Headers {
  const headers = new Headers({
    'content-type': annotationMediaType,
    link: `<${protocolIris.basicContainer}>; rel="type", <${protocolIris.protocolSpec}>; rel="${protocolIris.constrainedBy}"`,
    allow: containerMethods.join(', '),
    'accept-post': annotationMediaType,
    vary: 'Accept, Prefer',
    etag,
  });
  if (preferenceApplied) headers.set('preference-applied', 'return=representation');
  return headers;
}

/** Headers of one annotation (an LDP resource). */
export function annotationHeaders(etag: string): Headers {
  return new Headers({
    'content-type': annotationMediaType,
    link: `<${protocolIris.resource}>; rel="type"`,
    allow: annotationMethods.join(', '),
    vary: 'Accept',
    etag,
  });
}

/** The annotation id of a route's path segment (percent-decoded by Next); 400 for anything else. */
export function annotationIdParam(raw: string): Checked<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, response: jsonError(400, 'not an annotation id') };
  }
  const id = annotationIdSchema.safeParse(decoded);
  if (!id.success || decoded === '.' || decoded === '..') return { ok: false, response: jsonError(400, 'not an annotation id') };
  return { ok: true, value: id.data };
}

/** The envelope of an annotation sent in: its content is judged by the room (the gate's validation). */
const envelopeSchema = z.looseObject({
  '@context': z.union([z.literal(annotationContext), z.array(z.unknown()).refine((c) => c.includes(annotationContext))]).optional(),
  type: z.literal('Annotation'),
  id: z.string().max(4096).optional(),
});

/** Media types an annotation may be sent as (the protocol's, with or without its profile; plain JSON). */
const acceptedTypes = new Set(['application/ld+json', 'application/json']);

/**
 * Reads one annotation sent to the protocol: 415 for another media type, 413 past
 * {@link protocolLimits.annotationBodyBytes}, 400 for bad JSON, a body that is not an Annotation, or ids and sources
 * naming another container or document; else the value with bare ids (lib/annotations/annotation-iri.ts).
 */
export async function readAnnotation(request: Request, base: ProtocolBase): Promise<Checked<Record<string, unknown>>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!acceptedTypes.has(type))
    return { ok: false, response: jsonError(415, 'send the annotation as application/ld+json (the W3C annotation profile)') };
  const body = await readJsonBody(request, envelopeSchema, protocolLimits.annotationBodyBytes);
  if (!body.ok) return body;
  const mapped = fromProtocol(base, body.value);
  return mapped.ok ? { ok: true, value: mapped.value } : { ok: false, response: jsonError(400, mapped.reason) };
}

/** The answer when the room could not be written (saving impossible, no live rooms). */
export function roomFailure(err: unknown): Response {
  return jsonError(503, `the change could not be saved: ${String((err as Error)?.message ?? err)}`);
}
