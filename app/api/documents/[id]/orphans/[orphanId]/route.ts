/** `DELETE /api/documents/<id>/orphans/<orphanId>`: the importer discards an unplaced note → 204 (404 if not theirs). */
import { getDb } from '../../../../../../db/client.ts';
import { deleteImportOrphan } from '../../../../../../db/queries/import-orphans.ts';
import { jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { orphanTarget } from './orphan-target.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; orphanId: string }> };

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const target = await orphanTarget(request, params);
  if (!target.ok) return target.response;
  const { documentId, importer, orphan } = target.value;
  if (!deleteImportOrphan(getDb(), documentId, importer.userId, orphan.id)) return jsonError(404, 'already gone');
  return new Response(null, { status: 204 });
}

const notAllowed = methodNotAllowed(['DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
