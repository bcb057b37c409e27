/**
 * Who a socket speaks for. A signed-in user (a session cookie, or a personal access token as `params: { token }`)
 * is a verified reader: their id and name come from their account. A socket without credentials is anonymous and
 * read-only, whatever it claims (`?user=…&name=…` is ignored: ids are public in every note). Bad credentials are
 * refused (4401), never downgraded. (Unit tests of rooms without accounts pass identities to the room directly.)
 */
import type { IncomingMessage } from 'node:http';
import type { PrincipalResult } from '../db/principal.ts';
import { originMatchesHost } from '../lib/http/same-origin.ts';
import { CloseCode } from './protocol.ts';

/** A connection's reader: an account (verified), or anonymous; unverified readers exist only in unit tests of rooms. */
export type ReaderIdentity =
  | { kind: 'reader'; id: string; name: string; verified?: true; tokenId?: string; sessionId?: string }
  | { kind: 'anonymous' };

/**
 * The authentication seam of live rooms: who an upgrade request speaks for, or why it may not join (with the close
 * code to use). Asynchronous, so accounts (sessions, tokens in a database) slot in without changing the room.
 */
export type Authenticator = (
  request: IncomingMessage,
  query: URLSearchParams,
) => Promise<ReaderIdentity | { error: string; code?: number }>;

/** Resolves a request's credentials (see db/principal.ts). */
export type PrincipalResolver = (headers: Headers, queryToken: string | null) => Promise<PrincipalResult>;

/**
 * The server's authenticator: the account of the socket's credentials, else anonymous. A session cookie counts only
 * on an upgrade from this site's own pages (its Origin is this host): a page elsewhere on the same site (another
 * port of localhost, a sibling subdomain) gets the cookie sent along but must not act with it.
 */
export function accountAuthenticator(resolve: PrincipalResolver): Authenticator {
  return async (request, query) => {
    const headers = new Headers();
    const sameOrigin = originMatchesHost(request.headers.origin, request.headers.host);
    if (sameOrigin && typeof request.headers.cookie === 'string') headers.set('cookie', request.headers.cookie);
    if (typeof request.headers.authorization === 'string') headers.set('authorization', request.headers.authorization);
    const principal = await resolve(headers, query.get('token'));
    if (principal && 'error' in principal) return { error: principal.error, code: CloseCode.notSignedIn };
    if (!principal) return { kind: 'anonymous' };
    return {
      kind: 'reader',
      id: principal.userId,
      name: principal.name,
      verified: true,
      ...(principal.tokenId ? { tokenId: principal.tokenId } : {}),
      ...(principal.sessionId ? { sessionId: principal.sessionId } : {}),
    };
  };
}
