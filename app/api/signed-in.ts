/** The signed-in principal of a request (session cookie or Bearer token), or the 401 `{ error }` that refuses it. */
import { type Principal, resolvePrincipal } from '../../db/principal.ts';
import { type Checked, jsonError } from './http-errors.ts';

export async function signedIn(request: Request): Promise<Checked<Principal>> {
  const principal = await resolvePrincipal(request.headers);
  if (principal === null) return { ok: false, response: jsonError(401, 'not signed in') };
  if ('error' in principal) return { ok: false, response: jsonError(401, principal.error) };
  return { ok: true, value: principal };
}
