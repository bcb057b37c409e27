/**
 * `POST /api/documents/<id>/restore` (its owner): brings back a document deleted less than {@link libraryLimits.restoreWindowMs}
 * ago, with its notes, replies, tags and room log, under the same id. Restoring a document that is not deleted is a
 * harmless repeat (200); one that is unknown, purged or past the window is 404.
 */
import { getDb } from '../../../../../db/client.ts';
import { restoreDocument } from '../../../../../db/queries/documents.ts';
import { libraryLimits } from '../../../../../lib/limits.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'manage', { includeDeleted: true });
  if (!caller.ok)
    return caller.response.status === 404
      ? jsonError(404, `nothing to restore: ${id.value} is unknown or was deleted too long ago`)
      : caller.response;
  const outcome = restoreDocument(getDb(), id.value, new Date(), libraryLimits.restoreWindowMs);
  if (outcome.kind === 'gone') return jsonError(404, `nothing to restore: ${id.value} is unknown or was deleted too long ago`);
  return Response.json({ ...outcome.document, restored: outcome.kind === 'restored' });
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
