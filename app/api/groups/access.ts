/**
 * The checks every `/api/groups/<id>/…` route starts with: a signed-in caller (401), a well-formed id (400), a group
 * the caller belongs to (404 otherwise: a group one is not in is not shown to exist), and, for the owner's routes,
 * the owner (403).
 */
import type { z } from 'zod';
import { getDb } from '../../../db/client.ts';
import type { Principal } from '../../../db/principal.ts';
import { membershipOf } from '../../../db/queries/groups.ts';
import type { Role } from '../../../lib/access/roles.ts';
import { type Checked, jsonError } from '../http-errors.ts';
import { signedIn } from '../signed-in.ts';
import { groupIdSchema } from './schema.ts';

/** The caller and their membership of the group in the path. */
export interface GroupCaller {
  principal: Principal;
  group: { id: string; name: string; role: Role };
}

/** A path parameter parsed with `schema`, or the 400 that names it. */
export function pathParam(value: string, schema: z.ZodType<string>, what: string): Checked<string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: jsonError(400, `not ${what}: ${JSON.stringify(value.slice(0, 140))}`) };
}

/** The signed-in caller and their role in group `id`. */
export async function groupMember(request: Request, id: string): Promise<Checked<GroupCaller>> {
  const principal = await signedIn(request);
  if (!principal.ok) return principal;
  const groupId = pathParam(id, groupIdSchema, 'a group id');
  if (!groupId.ok) return groupId;
  const group = membershipOf(getDb(), groupId.value, principal.value.userId);
  if (!group) return { ok: false, response: jsonError(404, `unknown group: ${groupId.value}`) };
  return { ok: true, value: { principal: principal.value, group } };
}

/** As {@link groupMember}, and the caller must own the group (403 otherwise, saying what only the owner may do). */
export async function groupOwner(request: Request, id: string, action: string): Promise<Checked<GroupCaller>> {
  const caller = await groupMember(request, id);
  if (caller.ok && caller.value.group.role !== 'owner') return { ok: false, response: jsonError(403, `only the group's owner ${action}`) };
  return caller;
}
