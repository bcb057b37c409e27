/**
 * `GET /api/documents/<id>/orphans`: the caller's imported notes that could not be placed on this document's text
 * (`{ orphans: [{ id, index, quote, prefix, suffix, comment, tags, author, reason, score, createdAt }] }`), to place
 * by hand (`POST …/orphans/<orphanId>/place`) or discard (`DELETE …/orphans/<orphanId>`). Only the importer sees
 * them; annotators and more (401/403).
 */
import { getDb } from '../../../../../db/client.ts';
import { listImportOrphans } from '../../../../../db/queries/import-orphans.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { methodNotAllowed } from '../../../http-errors.ts';
import { importerOf } from '../../../import-notes.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'annotate');
  if (!caller.ok) return caller.response;
  const importer = importerOf(caller.value);
  if (!importer.ok) return importer.response;
  return Response.json({ orphans: listImportOrphans(getDb(), id.value, importer.value.userId) });
}

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
