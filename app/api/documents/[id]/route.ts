/**
 * `GET /api/documents/<id>`: a document without its text — title, author, header metadata and the outline, each
 * chapter as `{ title, start, end, level }` with offsets into the canonical text of `/api/documents/<id>/text`.
 */
import { getDb } from '../../../../db/client.ts';
import { getDocumentOutline } from '../../../../db/queries/documents.ts';
import { documentIdParam } from '../../document-id.ts';
import { methodNotAllowed, unknownDocument } from '../../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const outline = getDocumentOutline(getDb(), id.value);
  if (!outline) return unknownDocument(id.value);
  return Response.json(outline);
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
