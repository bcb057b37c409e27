/**
 * `GET /api/invites/<token>` (no sign-in needed: the join page shows what a link is before anyone signs in) →
 * `{ group: { id, name }, role, expiresAt, status }`, `status` being `valid`, `expired` or `revoked`. 404 `{ error }`
 * for a link that names no invite (forged, mistyped, or long dead and deleted).
 */
import { getDb } from '../../../../db/client.ts';
import { inviteByToken } from '../../../../db/queries/groups.ts';
import { jsonError, methodNotAllowed } from '../../http-errors.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const found = inviteByToken(getDb(), token);
  if (!found) return jsonError(404, 'unknown invite link');
  const { id: _id, createdAt: _createdAt, ...preview } = found;
  return Response.json(preview);
}

export const POST = methodNotAllowed(['GET']);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
