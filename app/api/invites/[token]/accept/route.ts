/**
 * `POST /api/invites/<token>/accept` (signed in) → `{ groupId, role }`: joins the invite's group with its role, or
 * keeps a member's role when it is as strong (an invite never demotes; the owner stays owner). 404 for an unknown
 * link, 410 for an expired or revoked one, 409 when the group is full. A member whose role changed has their live
 * sockets closed with 4509, so they join the group's texts again with it.
 */
import { getDb } from '../../../../../db/client.ts';
import { acceptInvite } from '../../../../../db/queries/groups.ts';
import { closeSignedInSockets, roleChangedCode } from '../../../../../lib/collab/live-rooms.ts';
import { groupLimits } from '../../../../../lib/limits.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';
import { readBodyBytes } from '../../../read-body.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';
import { signedIn } from '../../../signed-in.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const principal = await signedIn(request);
  if (!principal.ok) return principal.response;
  // No body is needed; one is read within the cap (and ignored) so a large one is refused rather than buffered.
  const body = await readBodyBytes(request, groupLimits.bodyBytes);
  if (!body.ok) return body.response;
  const { token } = await params;
  const userId = principal.value.userId;
  const outcome = acceptInvite(getDb(), token, userId);
  switch (outcome.kind) {
    case 'unknown':
      return jsonError(404, 'unknown invite link');
    case 'refused':
      return jsonError(410, outcome.status === 'revoked' ? 'this invite was revoked' : 'this invite has expired');
    case 'stale':
      return jsonError(403, 'this link was made before the group’s owner removed you or changed your role: ask them for a new one');
    case 'full':
      return jsonError(409, `the group is full (${groupLimits.membersPerGroup} members)`);
    case 'accepted':
      if (outcome.previousRole !== outcome.role) closeSignedInSockets({ userId, code: roleChangedCode, reason: 'your role changed' });
      return Response.json({ groupId: outcome.groupId, role: outcome.role });
  }
}

export const GET = methodNotAllowed(['POST']);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
