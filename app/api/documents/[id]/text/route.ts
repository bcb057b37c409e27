/** `GET /api/documents/<id>/text` (anyone who may read it): the canonical plain text that TextPositionSelector offsets count in. */
import { getDb } from '../../../../../db/client.ts';
import { getDocumentText } from '../../../../../db/queries/documents.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { methodNotAllowed, unknownDocument } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const text = getDocumentText(getDb(), id.value);
  if (text === null) return unknownDocument(id.value);
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
