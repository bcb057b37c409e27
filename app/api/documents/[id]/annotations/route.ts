/**
 * `GET /api/documents/<id>/annotations` (anyone who may read it): the stored shared notes (never private ones) as a W3C
 * AnnotationCollection, read from SQL; in a room set blind, only those the caller may see (lib/annotations/blind.ts).
 */
import { getDb } from '../../../../../db/client.ts';
import { listAnnotations } from '../../../../../db/queries/annotations.ts';
import { getDocumentHeading } from '../../../../../db/queries/documents.ts';
import { can } from '../../../../../lib/access/roles.ts';
import { annotationCollection, annotationMediaType } from '../../../../../lib/annotations/annotation-collection.ts';
import { redactHidden } from '../../../../../lib/annotations/moderation.ts';
import { blindFilterFor } from '../../../blind-filter.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { methodNotAllowed, unknownDocument } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const db = getDb();
  const doc = getDocumentHeading(db, id.value);
  if (!doc) return unknownDocument(id.value);
  const url = new URL(request.url);
  const reader = { id: caller.value.principal?.userId ?? null, moderator: can(caller.value.role, 'moderate') };
  // A room set blind lists only what the caller's socket would show them.
  const notes = blindFilterFor(db, id.value, caller.value)(listAnnotations(db, id.value)).map((a) => redactHidden(a, reader));
  const body = annotationCollection(`${url.origin}${url.pathname}`, doc.title, notes);
  return new Response(JSON.stringify(body), { headers: { 'content-type': annotationMediaType } });
}

// POST (one annotation, W3C protocol) is not built yet: until it is, it is refused like the other methods.
const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
