/** `GET /api/documents/<id>/annotations`: the stored notes as a W3C AnnotationCollection, read from SQL. */
import { getDb } from '../../../../../db/client.ts';
import { listAnnotations } from '../../../../../db/queries/annotations.ts';
import { getDocumentHeading } from '../../../../../db/queries/documents.ts';
import { annotationCollection, annotationMediaType } from '../../../../../lib/annotations/annotation-collection.ts';
import { unknownDocument } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const db = getDb();
  const doc = getDocumentHeading(db, id);
  if (!doc) return unknownDocument(id);
  const url = new URL(request.url);
  const body = annotationCollection(`${url.origin}${url.pathname}`, doc.title, listAnnotations(db, id));
  return new Response(JSON.stringify(body), { headers: { 'content-type': annotationMediaType } });
}
