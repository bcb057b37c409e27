/**
 * The rules of a reading group's membership, pure so they can be read as tables: what state an invitation link is
 * in, which role a member has after accepting one, when an invite expires, and who may change or remove whom. The
 * query module (db/queries/groups.ts) and the routes apply them; nothing here touches the database.
 */
import { type InviteRole, type Role, roles } from '../access/roles.ts';
import { groupLimits } from '../limits.ts';

/** Every invitation secret starts so: it tells an invite link from a personal access token (`glossa_pat_`) at a glance. */
export const inviteTokenPrefix = 'glossa_inv_';

/** An invitation secret as made: the prefix and 32 random bytes in base64url (43 characters). */
export const inviteTokenPattern = /^glossa_inv_[A-Za-z0-9_-]{43}$/;

/** Whether an invite can still be accepted, and if not, why. */
export const inviteStatuses = ['valid', 'expired', 'revoked'] as const;
export type InviteStatus = (typeof inviteStatuses)[number];

/** The state of an invite at `now`. A revoked invite says so even after it would have expired. */
export function inviteStatus(invite: { expiresAt: Date; revokedAt: Date | null }, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

/** When an invite made at `now` expires: `hours` later, or after {@link groupLimits.defaultInviteHours}. */
export function inviteExpiry(now: Date, hours: number = groupLimits.defaultInviteHours): Date {
  return new Date(now.getTime() + Math.round(hours * 3_600_000));
}

/**
 * A member's role after accepting an invite carrying `invited`: a newcomer gets it; a member keeps their role unless
 * the invite's is stronger (an invite never demotes anyone, and the owner stays the owner).
 */
export function roleAfterAccepting(current: Role | null, invited: InviteRole): Role {
  if (current === null) return invited;
  return roles.indexOf(invited) > roles.indexOf(current) ? invited : current;
}

/** Someone in a group, as the rules of {@link memberChangeRefusal} see them. */
export interface GroupMemberRef {
  userId: string;
  role: Role;
}

/** What may be done to a member: give them another role, or remove them (which is leaving, when done to oneself). */
export type MemberChange = 'set-role' | 'remove';

/**
 * Why `actor` may not make `change` to `target` in their group, or null when they may. Only the owner changes roles
 * and removes members; anyone but the owner may leave; the owner's own membership never changes (the owner deletes
 * the group instead).
 */
export function memberChangeRefusal(actor: GroupMemberRef, target: GroupMemberRef, change: MemberChange): string | null {
  if (target.role === 'owner')
    return change === 'remove' ? 'the owner cannot leave or be removed; delete the group instead' : "the owner's role cannot change";
  if (change === 'remove' && actor.userId === target.userId) return null;
  if (actor.role !== 'owner')
    return change === 'remove' ? "only the group's owner removes members" : "only the group's owner changes roles";
  return null;
}
