/**
 * `POST /api/groups/<id>/invites` `{ role, expiresInHours? }` (owner) → 201 `{ id, role, createdAt, expiresAt, uses,
 * token, url }`: an invitation link into the group with `role` (facilitator, annotator or viewer), lasting 7 days
 * unless asked otherwise (1 hour to 30 days). `token` is shown this once; `url` is the page that accepts it.
 */
import { getDb } from '../../../../../db/client.ts';
import { createInvite, GroupLimitError } from '../../../../../db/queries/groups.ts';
import { inviteExpiry } from '../../../../../lib/groups/membership.ts';
import { groupLimits } from '../../../../../lib/limits.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';
import { groupOwner } from '../../access.ts';
import { newInviteSchema } from '../../schema.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const caller = await groupOwner(request, (await params).id, 'invites');
  if (!caller.ok) return caller.response;
  const body = await readJsonBody(request, newInviteSchema, groupLimits.bodyBytes);
  if (!body.ok) return body.response;
  const now = new Date();
  try {
    const { token, invite } = createInvite(
      getDb(),
      caller.value.group.id,
      caller.value.principal.userId,
      body.value.role,
      inviteExpiry(now, body.value.expiresInHours),
      now,
    );
    return Response.json({ ...invite, token, url: `/join/${token}` }, { status: 201 });
  } catch (err) {
    if (err instanceof GroupLimitError) return jsonError(409, err.message);
    throw err;
  }
}

export const GET = methodNotAllowed(['POST']);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
