/**
 * `GET /api/me` (cookie or token): `{ creator: { id, name }, email, via, instanceOwner }` — `creator` is exactly what the server
 * expects on this user's notes. 401 `{ error }` when not signed in.
 */
import { getDb } from '../../../db/client.ts';
import { instanceOwnerId, userById } from '../../../db/queries/users.ts';
import { jsonError, methodNotAllowed } from '../http-errors.ts';
import { signedIn } from '../signed-in.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const principal = await signedIn(request);
  if (!principal.ok) return principal.response;
  const db = getDb();
  const user = userById(db, principal.value.userId);
  if (!user) return jsonError(401, 'not signed in');
  return Response.json({
    creator: { id: user.id, name: user.name },
    email: user.email,
    via: principal.value.via,
    instanceOwner: instanceOwnerId(db) === user.id,
  });
}

export const POST = methodNotAllowed(['GET']);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
