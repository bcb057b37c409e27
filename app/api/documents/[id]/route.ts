/**
 * `/api/documents/<id>`. `GET`: a document without its text — title, author, header metadata and the outline, each
 * chapter as `{ title, start, end, level }` with offsets into the canonical text of `/api/documents/<id>/text`.
 * `PATCH` `{ title?, author? }`: rename it or change its author (its id and links stay). `DELETE`: a soft delete —
 * the document, its notes, replies, tags and room log are hidden everywhere and its live room is closed (4404), but
 * kept for {@link libraryLimits.restoreWindowMs} so `POST /api/documents/<id>/restore` can bring it back.
 */
import { getDb } from '../../../../db/client.ts';
import { getDocumentOutline, purgeDeletedDocuments, softDeleteDocument, updateDocumentDetails } from '../../../../db/queries/documents.ts';
import { closeDocumentRooms } from '../../../../lib/collab/live-rooms.ts';
import { libraryLimits } from '../../../../lib/limits.ts';
import { documentIdParam } from '../../document-id.ts';
import { methodNotAllowed, unknownDocument } from '../../http-errors.ts';
import { readJsonBody } from '../../read-body.ts';
import { documentPatchSchema } from './schema.ts';
import { crossOriginRefusal } from '../../same-origin.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Patches are a few hundred bytes; a larger body is refused before it is parsed. */
const maxPatchBytes = 16 * 1024;

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const outline = getDocumentOutline(getDb(), id.value);
  if (!outline) return unknownDocument(id.value);
  return Response.json(outline);
}

/** Renames a document and/or changes its author; answers the library entry as it is now. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const patch = await readJsonBody(request, documentPatchSchema, maxPatchBytes);
  if (!patch.ok) return patch.response;
  const updated = updateDocumentDetails(getDb(), id.value, patch.value);
  if (!updated) return unknownDocument(id.value);
  return Response.json(updated);
}

/** Deletes a document (restorable for a while) and closes its live room; answers what went with it. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const db = getDb();
  const now = new Date();
  // Documents deleted longer ago than the window are removed for good whenever another one is deleted.
  purgeDeletedDocuments(db, now, libraryLimits.restoreWindowMs);
  const deleted = softDeleteDocument(db, id.value, now, libraryLimits.restoreWindowMs);
  if (!deleted) return unknownDocument(id.value);
  await closeDocumentRooms(id.value);
  return Response.json(deleted);
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PATCH', 'DELETE']);
export { notAllowed as POST, notAllowed as PUT };
