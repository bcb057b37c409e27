/**
 * Who a request speaks for: a personal access token (`Authorization: Bearer`, or a socket's `token` parameter),
 * else a Better Auth session cookie, else no one. HTTP routes and the live rooms ask the same function, so both
 * hold the same view of who is who.
 */
import { userOfToken } from './access-tokens.ts';
import { getAuth } from './auth.ts';
import { getDb } from './client.ts';

/** A signed-in user, as a note's `creator` names them. */
export interface Principal {
  userId: string;
  name: string;
  /** How the request proved it: its session cookie or a personal access token. */
  via: 'session' | 'token';
  /** The token's id when `via` is `token` (revoking it closes the sockets it opened). */
  tokenId?: string;
  /** The session's id when `via` is `session` (signing out closes the sockets it opened). */
  sessionId?: string;
}

/** The principal, null for no credentials, or why the credentials given were refused (a bad or revoked token). */
export type PrincipalResult = Principal | null | { error: string };

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match ? match[1] : null;
}

export async function resolvePrincipal(headers: Headers, queryToken: string | null = null): Promise<PrincipalResult> {
  const token = bearerToken(headers) ?? queryToken;
  if (token) {
    const found = userOfToken(getDb(), token);
    return found
      ? { userId: found.user.id, name: found.user.name, via: 'token', tokenId: found.tokenId }
      : { error: 'invalid or revoked token' };
  }
  if (!headers.get('cookie')) return null;
  // A stale or forged cookie is no session: the request is anonymous, as if it had none.
  const session = await getAuth().api.getSession({ headers });
  return session ? { userId: session.user.id, name: session.user.name, via: 'session', sessionId: session.session.id } : null;
}
