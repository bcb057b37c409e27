/**
 * `GET /api/groups/<id>` (members) → `{ id, name, role, createdAt, members: [{ id, name, role, joinedAt }],
 * documents: [{ id, title, author, visibility }], invites? }` — `invites` (those that can still be accepted, never
 * their secrets) for the owner only. `PATCH` `{ name }` renames it and `DELETE` deletes it (owner only): its members
 * lose their role on its documents, so their live sockets are closed with 4509 and join again as who they now are.
 */
import { getDb } from '../../../../db/client.ts';
import { deleteGroup, groupDetail, renameGroup } from '../../../../db/queries/groups.ts';
import { closeSignedInSockets, roleChangedCode } from '../../../../lib/collab/live-rooms.ts';
import { groupLimits } from '../../../../lib/limits.ts';
import { jsonError, methodNotAllowed } from '../../http-errors.ts';
import { readJsonBody } from '../../read-body.ts';
import { crossOriginRefusal } from '../../same-origin.ts';
import { groupMember, groupOwner } from '../access.ts';
import { groupBodySchema } from '../schema.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const caller = await groupMember(request, (await params).id);
  if (!caller.ok) return caller.response;
  const detail = groupDetail(getDb(), caller.value.group.id, caller.value.principal.userId);
  if (!detail) return jsonError(404, `unknown group: ${caller.value.group.id}`);
  return Response.json(detail);
}

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const caller = await groupOwner(request, (await params).id, 'renames it');
  if (!caller.ok) return caller.response;
  const body = await readJsonBody(request, groupBodySchema, groupLimits.bodyBytes);
  if (!body.ok) return body.response;
  const renamed = renameGroup(getDb(), caller.value.group.id, body.value.name);
  if (!renamed) return jsonError(404, `unknown group: ${caller.value.group.id}`);
  return Response.json({ ...renamed, role: caller.value.group.role });
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const caller = await groupOwner(request, (await params).id, 'deletes it');
  if (!caller.ok) return caller.response;
  const deleted = deleteGroup(getDb(), caller.value.group.id);
  if (!deleted) return jsonError(404, `unknown group: ${caller.value.group.id}`);
  for (const userId of deleted.memberIds) closeSignedInSockets({ userId, code: roleChangedCode, reason: 'your group was deleted' });
  return new Response(null, { status: 204 });
}

export const POST = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
export const PUT = POST;
