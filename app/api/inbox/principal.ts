/** The signed-in caller of an inbox route, with their current name (mentions name people as they are called now). */
import { getDb } from '../../../db/client.ts';
import type { Principal } from '../../../db/principal.ts';
import { userById } from '../../../db/queries/users.ts';
import { type Checked, jsonError } from '../http-errors.ts';
import { signedIn } from '../signed-in.ts';

export async function inboxOwner(request: Request): Promise<Checked<Principal>> {
  const principal = await signedIn(request);
  if (!principal.ok) return principal;
  const user = userById(getDb(), principal.value.userId);
  if (!user) return { ok: false, response: jsonError(401, 'not signed in') };
  return { ok: true, value: { ...principal.value, name: user.name } };
}
