/**
 * `/api/documents/<id>/annotations/<annotationId>`: one annotation of the W3C Web Annotation Protocol.
 * - `GET` (anyone who may read the document and see the note): the note with IRIs, its `ETag`, `Link` and `Allow`.
 * - `PUT` (the whole new note) and `DELETE`: `If-Match` with the note's current `ETag` is required (428 without it,
 *   412 when the note changed since). Written through the document's live room and judged like a socket's write
 *   (server/room.ts `callerWrite`): only the note's writer edits or deletes it, a facilitator moderates it, and every
 *   open reader sees the change at once. A `PUT` keeps the note's creator and creation time unless it names them
 *   (and then they must not change); `modified` is the server's.
 */
import { annotationIri, toProtocol, type ProtocolBase } from '../../../../../../lib/annotations/annotation-iri.ts';
import { ifMatchAccepts } from '../../../../../../lib/annotations/annotation-paging.ts';
import type { Annotation } from '../../../../../../lib/annotations/schema.ts';
import { writeRoomAnnotation } from '../../../../../../lib/collab/live-rooms.ts';
import { type DocumentCaller, documentCaller } from '../../../../document-access.ts';
import { documentIdParam } from '../../../../document-id.ts';
import { requestOrigin } from '../../../../request-origin.ts';
import { type Checked, jsonError, methodNotAllowed, unknownDocument } from '../../../../http-errors.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';
import {
  annotationEtag,
  annotationHeaders,
  annotationIdParam,
  annotationMethods,
  readAnnotation,
  roomFailure,
  storedNote,
  visibleNotes,
} from '../protocol.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; annotationId: string }> };

interface Target {
  documentId: string;
  annotationId: string;
  caller: DocumentCaller;
  base: ProtocolBase;
}

/** The document, the annotation id and the caller of a request, if the caller's role allows `need`. */
async function target(request: Request, params: Params['params'], need: 'read' | 'annotate'): Promise<Checked<Target>> {
  if (need !== 'read') {
    const refused = crossOriginRefusal(request);
    if (refused) return { ok: false, response: refused };
  }
  const { id: rawId, annotationId: rawAnnotation } = await params;
  const id = await documentIdParam(Promise.resolve({ id: rawId }));
  if (!id.ok) return id;
  const annotationId = annotationIdParam(rawAnnotation);
  if (!annotationId.ok) return annotationId;
  const caller = await documentCaller(request, id.value, need);
  if (!caller.ok) return caller;
  const base = { origin: requestOrigin(request), documentId: id.value };
  return { ok: true, value: { documentId: id.value, annotationId: annotationId.value, caller: caller.value, base } };
}

const noSuchNote = (id: string) => jsonError(404, `no annotation ${id} in this document`);

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const t = await target(request, params, 'read');
  if (!t.ok) return t.response;
  const { documentId, annotationId, caller, base } = t.value;
  const stored = storedNote(documentId, caller, annotationId);
  const shown = stored && visibleNotes(documentId, caller).find((a) => a.id === annotationId);
  if (!stored || !shown) return noSuchNote(annotationId);
  return new Response(JSON.stringify(toProtocol(base, shown)), { headers: annotationHeaders(annotationEtag(stored)) });
}

/** The `If-Match` of a write, or the 428 that asks for it. */
function requireIfMatch(request: Request): Checked<string> {
  const ifMatch = request.headers.get('if-match');
  if (!ifMatch?.trim()) return { ok: false, response: jsonError(428, 'send If-Match with the ETag of the annotation you are changing') };
  return { ok: true, value: ifMatch };
}

/** The refusal of a write to `current` under `ifMatch`: 404 for no note, 412 for another version; null to go on. */
function precondition(id: string, current: Annotation | undefined, ifMatch: string) {
  if (!current) return { refused: { status: 404, reason: `no annotation ${id} in this document` } };
  if (!ifMatchAccepts(ifMatch, annotationEtag(current)))
    return { refused: { status: 412, reason: 'the annotation changed since that ETag: GET it again' } };
  return null;
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const t = await target(request, params, 'annotate');
  if (!t.ok) return t.response;
  const { documentId, annotationId, caller, base } = t.value;
  const principal = caller.principal;
  if (!principal) return jsonError(401, 'sign in to write notes on this document');
  const ifMatch = requireIfMatch(request);
  if (!ifMatch.ok) return ifMatch.response;
  const sent = await readAnnotation(request, base);
  if (!sent.ok) return sent.response;
  const { modified: _modified, ...value } = sent.value;
  if (value.id !== undefined && value.id !== annotationId)
    return jsonError(400, `the body's id is not ${annotationIri(base, annotationId)}, the annotation this request changes`);
  try {
    const outcome = await writeRoomAnnotation(documentId, {
      caller: { userId: principal.userId, name: principal.name, role: caller.role },
      id: annotationId,
      decide: (current) =>
        precondition(annotationId, current, ifMatch.value) ?? {
          value: {
            ...value,
            id: annotationId,
            creator: value.creator ?? current?.creator,
            created: value.created ?? current?.created,
            modified: new Date().toISOString(),
          },
        },
    });
    if (!outcome) return unknownDocument(documentId);
    if (!outcome.ok) return jsonError(outcome.status, outcome.reason);
    const stored = outcome.annotation as Annotation;
    return new Response(JSON.stringify(toProtocol(base, stored)), { headers: annotationHeaders(annotationEtag(stored)) });
  } catch (err) {
    return roomFailure(err);
  }
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const t = await target(request, params, 'annotate');
  if (!t.ok) return t.response;
  const { documentId, annotationId, caller } = t.value;
  const principal = caller.principal;
  if (!principal) return jsonError(401, 'sign in to write notes on this document');
  const ifMatch = requireIfMatch(request);
  if (!ifMatch.ok) return ifMatch.response;
  try {
    const outcome = await writeRoomAnnotation(documentId, {
      caller: { userId: principal.userId, name: principal.name, role: caller.role },
      id: annotationId,
      decide: (current) => precondition(annotationId, current, ifMatch.value) ?? { delete: true },
    });
    if (!outcome) return unknownDocument(documentId);
    if (!outcome.ok) return jsonError(outcome.status, outcome.reason);
    return new Response(null, { status: 204 });
  } catch (err) {
    return roomFailure(err);
  }
}

const notAllowed = methodNotAllowed(annotationMethods);
export { notAllowed as POST, notAllowed as PATCH };
