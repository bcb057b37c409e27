/** Token management needs a signed-in browser session: a token cannot mint, list or revoke tokens. */
import type { Principal } from '../../../db/principal.ts';
import { type Checked, jsonError } from '../http-errors.ts';
import { signedIn } from '../signed-in.ts';

export async function sessionPrincipal(request: Request): Promise<Checked<Principal>> {
  const principal = await signedIn(request);
  if (principal.ok && principal.value.via !== 'session')
    return { ok: false, response: jsonError(403, 'tokens are managed from a signed-in session, not with a token') };
  return principal;
}
