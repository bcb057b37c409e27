/**
 * `DELETE /api/groups/<id>/invites/<inviteId>` (owner) → 204: revokes the invite at once; its link then says it was
 * revoked (410 on accepting). Those who already joined through it stay members.
 */
import { getDb } from '../../../../../../db/client.ts';
import { revokeInvite } from '../../../../../../db/queries/groups.ts';
import { jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';
import { groupOwner, pathParam } from '../../../access.ts';
import { inviteIdSchema } from '../../../schema.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; inviteId: string }> };

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const { id, inviteId } = await params;
  const caller = await groupOwner(request, id, 'revokes invites');
  if (!caller.ok) return caller.response;
  const invite = pathParam(inviteId, inviteIdSchema, 'an invite id');
  if (!invite.ok) return invite.response;
  if (!revokeInvite(getDb(), caller.value.group.id, invite.value)) return jsonError(404, `unknown invite: ${invite.value}`);
  return new Response(null, { status: 204 });
}

export const GET = methodNotAllowed(['DELETE']);
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
