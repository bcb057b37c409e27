/**
 * Better Auth's routes under `/api/auth/…` (part of the public contract): `POST sign-up/email` `{ name, email,
 * password }`, `POST sign-in/email` `{ email, password }`, `POST sign-out`, `GET get-session`, `POST update-user`
 * `{ name }`, `POST change-password` `{ currentPassword, newPassword }`. They set and clear the session cookie.
 * Their refusals are given Glossa's error shape (`{ error }`, keeping Better Auth's `code` and `message`), and an
 * unknown path or method is a 404 `{ error }` like every other unknown route under `/api/`.
 */
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '../../../../db/auth.ts';
import { resolvePrincipal } from '../../../../db/principal.ts';
import { closeSignedInSockets, roleChangedCode } from '../../../../lib/collab/live-rooms.ts';
import { jsonError } from '../../http-errors.ts';
import { readBodyBytes } from '../../read-body.ts';
import { crossOriginRefusal } from '../../same-origin.ts';

export const dynamic = 'force-dynamic';

const maxAuthBodyBytes = 16 * 1024;

/** Routes after which some of the user's sessions no longer exist. */
function endsSessions(path: string): boolean {
  return /\/(sign-out|change-password|revoke-session|revoke-sessions|revoke-other-sessions)$/.test(path);
}

/** A change of the user's name: their live sockets carry the old one (presence, the name new notes must bear). */
function renamesUser(path: string): boolean {
  return path.endsWith('/update-user');
}

async function withErrorShape(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json'))
    return jsonError(response.status, response.status === 404 ? 'unknown route' : response.statusText || 'refused');
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const error = String(body?.error ?? body?.message ?? body?.code ?? response.statusText ?? 'refused');
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return Response.json({ ...body, error }, { status: response.status, headers });
}

export async function GET(request: Request): Promise<Response> {
  return withErrorShape(await toNextJsHandler(getAuth()).GET(request));
}

export async function POST(request: Request): Promise<Response> {
  // Better Auth checks the origin only of requests that carry a cookie; a page elsewhere must not sign a visitor
  // up or in to an account of its choosing either.
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  // Account requests are a few hundred bytes: a larger body is refused before Better Auth reads it.
  const body = await readBodyBytes(request, maxAuthBodyBytes);
  if (!body.ok) return body.response;
  const bounded = new Request(request.url, { method: 'POST', headers: request.headers, body: Buffer.from(body.value) });
  const path = new URL(request.url).pathname;
  // Ending sessions ends their live connections too (who it is, read before Better Auth deletes the session):
  // signing out closes that session's sockets; a password change or a revocation of sessions closes all the
  // user's sockets (the browser that asked reconnects with its new session, a thief's does not).
  const leaving = endsSessions(path) || renamesUser(path) ? await resolvePrincipal(request.headers) : null;
  const response = await withErrorShape(await toNextJsHandler(getAuth()).POST(bounded));
  if (response.ok && leaving && !('error' in leaving)) {
    if (path.endsWith('/sign-out')) {
      if (leaving.sessionId) closeSignedInSockets({ sessionId: leaving.sessionId });
    } else if (renamesUser(path)) {
      // They join again at once, bound to the new name.
      closeSignedInSockets({ userId: leaving.userId, code: roleChangedCode, reason: 'your name changed' });
    } else closeSignedInSockets({ userId: leaving.userId });
  }
  return response;
}

const unknownRoute = (request: Request) => jsonError(404, `unknown route: ${new URL(request.url).pathname}`);
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
export const OPTIONS = unknownRoute;
