/** `GET /api/documents/<id>/text`: the canonical plain text that TextPositionSelector offsets count in. */
import { getDb } from '../../../../../db/client.ts';
import { getDocumentText } from '../../../../../db/queries/documents.ts';
import { unknownDocument } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const text = getDocumentText(getDb(), id);
  if (text === null) return unknownDocument(id);
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
