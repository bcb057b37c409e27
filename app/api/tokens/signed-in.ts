/** Token management needs a signed-in browser session: a token cannot mint, list or revoke tokens. */
import { type Principal, resolvePrincipal } from '../../../db/principal.ts';
import { type Checked, jsonError } from '../http-errors.ts';

export async function sessionPrincipal(request: Request): Promise<Checked<Principal>> {
  const principal = await resolvePrincipal(request.headers);
  if (principal === null) return { ok: false, response: jsonError(401, 'not signed in') };
  if ('error' in principal) return { ok: false, response: jsonError(401, principal.error) };
  if (principal.via !== 'session')
    return { ok: false, response: jsonError(403, 'tokens are managed from a signed-in session, not with a token') };
  return { ok: true, value: principal };
}
