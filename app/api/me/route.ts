/**
 * `GET /api/me` (cookie or token): `{ creator: { id, name }, email, via, instanceOwner }` — `creator` is exactly what the server
 * expects on this user's notes. 401 `{ error }` when not signed in.
 */
import { resolvePrincipal } from '../../../db/principal.ts';
import { getDb } from '../../../db/client.ts';
import { instanceOwnerId, userById } from '../../../db/queries/users.ts';
import { jsonError, methodNotAllowed } from '../http-errors.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const principal = await resolvePrincipal(request.headers);
  if (principal === null) return jsonError(401, 'not signed in');
  if ('error' in principal) return jsonError(401, principal.error);
  const user = userById(getDb(), principal.userId);
  if (!user) return jsonError(401, 'not signed in');
  const db = getDb();
  return Response.json({
    creator: { id: user.id, name: user.name },
    email: user.email,
    via: principal.via,
    instanceOwner: instanceOwnerId(db) === user.id,
  });
}

export const POST = methodNotAllowed(['GET']);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
