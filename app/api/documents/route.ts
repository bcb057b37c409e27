/** `GET /api/documents`: the library. `POST /api/documents`: import a plain-text file (JSON or a raw body). */
import { getDb } from '../../../db/client.ts';
import { listDocuments } from '../../../db/queries/documents.ts';
import { importDocument, importRequestSchema, maxImportBytes, type ImportRequest } from '../../../db/queries/import-document.ts';
import { jsonError, methodNotAllowed, type Checked } from '../http-errors.ts';
import { parseWith, readBodyText, readJsonBody } from '../read-body.ts';
import { TextImportError } from '../../../lib/text/import-text.ts';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(listDocuments(getDb()));
}

/** The import request: a JSON `{ title?, text }`, or any other body as the text with `?title=`; read within the cap. */
async function readImportRequest(request: Request): Promise<Checked<ImportRequest>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) return readJsonBody(request, importRequestSchema, maxImportBytes);
  const text = await readBodyText(request, maxImportBytes);
  if (!text.ok) return text;
  const title = new URL(request.url).searchParams.get('title') ?? undefined;
  return parseWith(importRequestSchema, { title, text: text.value });
}

export async function POST(request: Request): Promise<Response> {
  const body = await readImportRequest(request);
  if (!body.ok) return body.response;
  try {
    const id = importDocument(getDb(), body.value);
    return Response.json({ id }, { status: 201, headers: { location: `/d/${id}` } });
  } catch (err) {
    if (err instanceof TextImportError) return jsonError(422, err.message);
    throw err;
  }
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
