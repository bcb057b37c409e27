/**
 * `/api/documents/<id>`. `GET` (anyone who may read it): a document without its text — title, author, header
 * metadata and the outline, each chapter as `{ title, start, end, level }` with offsets into the canonical text of
 * `/api/documents/<id>/text` — and `access`: the caller's role, the visibility and the group.
 * `PATCH` (its owner) `{ title?, author?, visibility?, groupId? }`: rename it, change its author, or change who may
 * read it (its id and links stay); a change of access closes its live room so every reader joins again with their
 * new role. `DELETE` (its owner): a soft delete — the document, its notes, replies, tags and room log are hidden
 * everywhere and its live room is closed (4404), but kept for {@link libraryLimits.restoreWindowMs} so
 * `POST /api/documents/<id>/restore` can bring it back.
 */
import { getDb } from '../../../../db/client.ts';
import { legacyCreatorsOf } from '../../../../db/queries/annotations.ts';
import { blindModeOf } from '../../../../db/queries/blind-mode.ts';
import {
  getDocumentOutline,
  purgeDeletedDocuments,
  softDeleteDocument,
  updateDocumentAccess,
  updateDocumentDetails,
} from '../../../../db/queries/documents.ts';
import { mayFileIntoGroup } from '../../../../db/queries/library.ts';
import { closeDocumentRooms, reopenDocumentRooms } from '../../../../lib/collab/live-rooms.ts';
import { libraryLimits } from '../../../../lib/limits.ts';
import { documentCaller } from '../../document-access.ts';
import { documentIdParam } from '../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../http-errors.ts';
import { readJsonBody } from '../../read-body.ts';
import { crossOriginRefusal } from '../../same-origin.ts';
import { documentPatchSchema } from './schema.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Patches are a few hundred bytes; a larger body is refused before it is parsed. */
const maxPatchBytes = 16 * 1024;

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const db = getDb();
  const outline = getDocumentOutline(db, id.value);
  if (!outline) return unknownDocument(id.value);
  const { role, access } = caller.value;
  return Response.json({
    ...outline,
    access: { role, visibility: access.visibility, groupId: access.groupId },
    // Whether the room starts blind (lib/annotations/blind.ts); facilitators change it at /blind-mode.
    blindMode: blindModeOf(db, id.value),
    // Creators of notes from before accounts: their notes are read-only, shown as such.
    legacyCreators: legacyCreatorsOf(db, id.value),
  });
}

/** Renames a document, changes its author or its access; answers the library entry as it is now. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'manage');
  if (!caller.ok) return caller.response;
  const patch = await readJsonBody(request, documentPatchSchema, maxPatchBytes);
  if (!patch.ok) return patch.response;
  const db = getDb();
  const { title, author, visibility, groupId } = patch.value;
  const userId = caller.value.principal?.userId;
  if (groupId && (!userId || !mayFileIntoGroup(db, groupId, userId)))
    return jsonError(403, 'only the owner or a facilitator of a group can put texts into it');
  const nextGroup = groupId === undefined ? caller.value.access.groupId : groupId;
  if ((visibility ?? caller.value.access.visibility) === 'group' && !nextGroup)
    return jsonError(400, 'a group-only text needs a group: give groupId');
  let updated = updateDocumentDetails(db, id.value, { title, author });
  if (visibility !== undefined || groupId !== undefined) {
    updated = updateDocumentAccess(db, id.value, { visibility, groupId });
    // Everyone in the room joins again, with the role the new access gives them (or is refused).
    await reopenDocumentRooms(id.value);
  }
  if (!updated) return unknownDocument(id.value);
  return Response.json(updated);
}

/** Deletes a document (restorable for a while) and closes its live room; answers what went with it. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'manage');
  if (!caller.ok) return caller.response;
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
