/**
 * `PATCH /api/groups/<id>/members/<userId>` `{ role }` (owner; not for the owner) → `{ id, role, previousRole }`.
 * `DELETE` (the owner removes a member, or a member removes themself: leaving) → 204. Either way the member's live
 * sockets are closed with 4509 so they join again under their new role, or are refused (4403) from group texts.
 */
import { getDb } from '../../../../../../db/client.ts';
import { memberRole, removeMember, setMemberRole } from '../../../../../../db/queries/groups.ts';
import { closeSignedInSockets, roleChangedCode } from '../../../../../../lib/collab/live-rooms.ts';
import { type MemberChange, memberChangeRefusal } from '../../../../../../lib/groups/membership.ts';
import { groupLimits } from '../../../../../../lib/limits.ts';
import { type Checked, jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { readJsonBody } from '../../../../read-body.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';
import { type GroupCaller, groupMember, pathParam } from '../../../access.ts';
import { memberRoleBodySchema, userIdSchema } from '../../../schema.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; userId: string }> };

/** The caller, the member in the path, and the rule's verdict on `change` (403 with its reason). */
async function allowedChange(
  request: Request,
  params: Params['params'],
  change: MemberChange,
): Promise<Checked<GroupCaller & { userId: string }>> {
  const { id, userId } = await params;
  const caller = await groupMember(request, id);
  if (!caller.ok) return caller;
  const target = pathParam(userId, userIdSchema, 'a user id');
  if (!target.ok) return target;
  const { group, principal } = caller.value;
  const role = memberRole(getDb(), group.id, target.value);
  // A member who may not manage others learns nothing about who else is in the group from a 404.
  if (!role && group.role === 'owner') return { ok: false, response: jsonError(404, `not a member of this group: ${target.value}`) };
  const refusal = memberChangeRefusal(
    { userId: principal.userId, role: group.role },
    { userId: target.value, role: role ?? 'viewer' },
    change,
  );
  if (refusal) return { ok: false, response: jsonError(403, refusal) };
  if (!role) return { ok: false, response: jsonError(404, `not a member of this group: ${target.value}`) };
  return { ok: true, value: { ...caller.value, userId: target.value } };
}

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const allowed = await allowedChange(request, params, 'set-role');
  if (!allowed.ok) return allowed.response;
  const body = await readJsonBody(request, memberRoleBodySchema, groupLimits.bodyBytes);
  if (!body.ok) return body.response;
  const { group, userId } = allowed.value;
  const changed = setMemberRole(getDb(), group.id, userId, body.value.role);
  if (!changed) return jsonError(404, `not a member of this group: ${userId}`);
  if (changed.previousRole !== changed.role) closeSignedInSockets({ userId, code: roleChangedCode, reason: 'your role changed' });
  return Response.json({ id: userId, role: changed.role, previousRole: changed.previousRole });
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const allowed = await allowedChange(request, params, 'remove');
  if (!allowed.ok) return allowed.response;
  const { group, userId } = allowed.value;
  if (!removeMember(getDb(), group.id, userId)) return jsonError(404, `not a member of this group: ${userId}`);
  closeSignedInSockets({ userId, code: roleChangedCode, reason: 'your role changed' });
  return new Response(null, { status: 204 });
}

export const GET = methodNotAllowed(['PATCH', 'DELETE']);
export const POST = GET;
export const PUT = GET;
