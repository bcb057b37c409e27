/** `GET /api/documents`: the library. `POST /api/documents`: import a plain-text file. */
import { getDb } from '../../../db/client.ts';
import { listDocuments } from '../../../db/queries/documents.ts';
import { importDocument, importRequestSchema, maxImportBytes } from '../../../db/queries/import-document.ts';
import { jsonError } from '../http-errors.ts';
import { TextImportError } from '../../../lib/text/import-text.ts';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(listDocuments(getDb()));
}

export async function POST(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxImportBytes) return jsonError(413, `the text is larger than ${maxImportBytes} bytes`);
  let body: unknown;
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.startsWith('application/json')) body = await request.json();
    else {
      const url = new URL(request.url);
      body = { title: url.searchParams.get('title') ?? undefined, text: await request.text() };
    }
  } catch {
    return jsonError(400, 'the body is not valid JSON');
  }
  const parsed = importRequestSchema.safeParse(body);
  if (!parsed.success) return jsonError(400, `invalid import: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  try {
    const id = importDocument(getDb(), parsed.data);
    return Response.json({ id }, { status: 201, headers: { location: `/d/${id}` } });
  } catch (err) {
    if (err instanceof TextImportError) return jsonError(422, err.message);
    throw err;
  }
}
