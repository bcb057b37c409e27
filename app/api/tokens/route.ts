/**
 * `POST /api/tokens` `{ label? }` (signed in) → 201 `{ token, id, label, createdAt }`: a personal access token,
 * shown this once. `GET /api/tokens` → `[{ id, label, createdAt, lastUsedAt }]`. Revoke with
 * `DELETE /api/tokens/<id>`.
 */
import { createAccessToken, listAccessTokens, TokenLimitError } from '../../../db/access-tokens.ts';
import { getDb } from '../../../db/client.ts';
import { jsonError, methodNotAllowed } from '../http-errors.ts';
import { readJsonBody } from '../read-body.ts';
import { crossOriginRefusal } from '../same-origin.ts';
import { newTokenSchema } from './schema.ts';
import { sessionPrincipal } from './signed-in.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const principal = await sessionPrincipal(request);
  if (!principal.ok) return principal.response;
  return Response.json(listAccessTokens(getDb(), principal.value.userId));
}

export async function POST(request: Request): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const principal = await sessionPrincipal(request);
  if (!principal.ok) return principal.response;
  const hasBody = (request.headers.get('content-length') ?? '0') !== '0' || request.headers.has('transfer-encoding');
  let label = 'Personal access token';
  if (hasBody) {
    const body = await readJsonBody(request, newTokenSchema, 4096);
    if (!body.ok) return body.response;
    label = body.value.label ?? label;
  }
  try {
    const { token, info } = createAccessToken(getDb(), principal.value.userId, label);
    return Response.json({ token, ...info }, { status: 201 });
  } catch (err) {
    if (err instanceof TokenLimitError) return jsonError(409, err.message);
    throw err;
  }
}

export const PUT = methodNotAllowed(['GET', 'POST']);
export const PATCH = PUT;
export const DELETE = PUT;
