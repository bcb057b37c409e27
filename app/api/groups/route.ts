/**
 * `GET /api/groups` (signed in) → `[{ id, name, role, memberCount }]`: the groups you belong to, with your role.
 * `POST /api/groups` `{ name }` → 201 `{ id, name, role: 'owner', memberCount }`: a new group, which you own.
 */
import { getDb } from '../../../db/client.ts';
import { createGroup, GroupLimitError, groupsOf } from '../../../db/queries/groups.ts';
import { groupLimits } from '../../../lib/limits.ts';
import { jsonError, methodNotAllowed } from '../http-errors.ts';
import { readJsonBody } from '../read-body.ts';
import { crossOriginRefusal } from '../same-origin.ts';
import { signedIn } from '../signed-in.ts';
import { groupBodySchema } from './schema.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const principal = await signedIn(request);
  if (!principal.ok) return principal.response;
  return Response.json(groupsOf(getDb(), principal.value.userId));
}

export async function POST(request: Request): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const principal = await signedIn(request);
  if (!principal.ok) return principal.response;
  const body = await readJsonBody(request, groupBodySchema, groupLimits.bodyBytes);
  if (!body.ok) return body.response;
  try {
    return Response.json(createGroup(getDb(), principal.value.userId, body.value.name), { status: 201 });
  } catch (err) {
    if (err instanceof GroupLimitError) return jsonError(409, err.message);
    throw err;
  }
}

export const PUT = methodNotAllowed(['GET', 'POST']);
export const PATCH = PUT;
export const DELETE = PUT;
