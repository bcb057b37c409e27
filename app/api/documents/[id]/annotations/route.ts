/**
 * `/api/documents/<id>/annotations`: the document's annotation container of the W3C Web Annotation Protocol.
 * - `GET` (anyone who may read it): an `AnnotationCollection` of the stored shared notes (never private ones; in a
 *   room set blind only those the caller may see; a hidden note without its text), paged: `first` embeds page 0
 *   (annotation descriptions, or their IRIs with `Prefer: return=representation;
 *   include="http://www.w3.org/ns/oa#PreferContainedIRIs"`, or no page with `…ldp#PreferMinimalContainer`), `last`
 *   names the last page. `?page=N` (and `&iris=1`) is one `AnnotationPage` with `partOf`, `startIndex`, `next`/`prev`.
 * - `POST` (annotators and more): one annotation (JSON-LD) → 201 with `Location`, `ETag` and the stored note. It is
 *   written through the document's live room, judged like a socket's write (server/room.ts `callerWrite`), so
 *   every open reader sees it at once. Its id is the server's; its creator is the caller's account.
 * Ids and sources are IRIs of the request's origin (lib/annotations/annotation-iri.ts).
 */
import { randomUUID } from 'node:crypto';
import { getDocumentHeading } from '../../../../../db/queries/documents.ts';
import { getDb } from '../../../../../db/client.ts';
import { annotationPage, pagedCollection } from '../../../../../lib/annotations/annotation-collection.ts';
import { annotationIri, containerIri, toProtocol, type ProtocolBase } from '../../../../../lib/annotations/annotation-iri.ts';
import { entityTag, pageRange, parsePageParam, parsePrefer } from '../../../../../lib/annotations/annotation-paging.ts';
import { type Annotation, reactionIdOf } from '../../../../../lib/annotations/schema.ts';
import { writeRoomAnnotation } from '../../../../../lib/collab/live-rooms.ts';
import { documentCaller } from '../../../document-access.ts';
import { requestOrigin } from '../../../request-origin.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';
import {
  annotationEtag,
  annotationHeaders,
  containerHeaders,
  containerMethods,
  pageSize,
  readAnnotation,
  roomFailure,
  visibleNotes,
} from './protocol.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const doc = getDocumentHeading(getDb(), id.value);
  if (!doc) return unknownDocument(id.value);
  const url = new URL(request.url);
  const base: ProtocolBase = { origin: requestOrigin(request), documentId: id.value };
  const notes = visibleNotes(id.value, caller.value);
  const size = pageSize();
  const containerId = containerIri(base);
  const irisParam = url.searchParams.get('iris');
  if (irisParam !== null && irisParam !== '0' && irisParam !== '1') return jsonError(400, 'iris is 0 or 1');
  const pageOf = (page: number, iris: boolean) => {
    const range = pageRange(page, notes.length, size);
    if (!range) return null;
    const items = notes.slice(range.start, range.end).map((a) => (iris ? annotationIri(base, a.id) : toProtocol(base, a)));
    return annotationPage({ containerId, label: doc.title, total: notes.length, page, pageSize: size, items, iris });
  };
  const pageParam = url.searchParams.get('page');
  if (pageParam !== null) {
    const number = parsePageParam(pageParam);
    if (number === null) return jsonError(400, 'page is a page number from 0');
    const page = pageOf(number, irisParam === '1');
    if (!page) return jsonError(404, `no page ${number}: this container has ${notes.length} annotations`);
    const text = JSON.stringify(page);
    return new Response(text, { headers: containerHeaders(entityTag(text), false) });
  }
  const prefer = parsePrefer(request.headers.get('prefer'));
  const body = pagedCollection({
    containerId,
    label: doc.title,
    total: notes.length,
    pageSize: size,
    iris: prefer.iris,
    first: prefer.minimal ? null : pageOf(0, prefer.iris),
  });
  const text = JSON.stringify(body);
  return new Response(text, { headers: containerHeaders(entityTag(text), prefer.applied) });
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'annotate');
  if (!caller.ok) return caller.response;
  const principal = caller.value.principal;
  if (!principal) return jsonError(401, 'sign in to write notes on this document');
  const base: ProtocolBase = { origin: requestOrigin(request), documentId: id.value };
  const sent = await readAnnotation(request, base);
  if (!sent.ok) return sent.response;
  // The server names the new annotation (the protocol's rule), whatever id was sent; a reaction's id says whose it
  // is and to what (one per reader per note).
  const { modified: _modified, ...value } = sent.value;
  const noteId =
    value.motivation === 'assessing' && typeof value.target === 'string' ? reactionIdOf(value.target, principal.userId) : randomUUID();
  const note = {
    ...value,
    id: noteId,
    creator: value.creator ?? { id: principal.userId, name: principal.name },
    created: new Date().toISOString(),
  };
  try {
    const outcome = await writeRoomAnnotation(id.value, {
      caller: { userId: principal.userId, name: principal.name, role: caller.value.role },
      id: noteId,
      decide: (current) => (current ? { refused: { status: 409, reason: `a note ${noteId} already exists` } } : { value: note }),
    });
    if (!outcome) return unknownDocument(id.value);
    if (!outcome.ok) return jsonError(outcome.status, outcome.reason);
    const stored = outcome.annotation as Annotation;
    const headers = annotationHeaders(annotationEtag(stored));
    headers.set('location', annotationIri(base, stored.id));
    return new Response(JSON.stringify(toProtocol(base, stored)), { status: 201, headers });
  } catch (err) {
    return roomFailure(err);
  }
}

const notAllowed = methodNotAllowed(containerMethods);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
