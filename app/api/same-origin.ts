/**
 * CSRF guard for state-changing routes that a session cookie authorises: a browser always sends `Origin` on such
 * requests, and it must be this server's. Session cookies are SameSite=Lax as well, so this is the second of two
 * locks. Requests without `Origin` (scripts with a token, curl) are not browser requests and pass.
 */
import { originMatchesHost } from '../../lib/http/same-origin.ts';
import { jsonError } from './http-errors.ts';

export function crossOriginRefusal(request: Request): Response | null {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  return originMatchesHost(request.headers.get('origin'), host) ? null : jsonError(403, 'cross-origin request refused');
}
