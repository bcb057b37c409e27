/**
 * Reading groups: made by a user (who is stored as its member with role `owner`), joined through invitation links
 * that carry a role, and governed by their owner. The role stored here is what lib/access/roles.ts reads for the
 * group's documents. Like db/access-tokens.ts, an invite's secret is shown once and only its SHA-256 is kept.
 *
 * Every function is synchronous: each runs in one stretch of the one server process, and those that write more than
 * once do so in a transaction (better-sqlite3's, on the one connection, so a helper called with `db` inside it reads
 * within it too). Who may call which is the routes' business (lib/groups/membership.ts); the writes
 * here still refuse to touch the owner's membership, whoever calls them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { InviteRole, Role, Visibility } from '../../lib/access/roles.ts';
import { inviteStatus, inviteTokenPattern, inviteTokenPrefix, type InviteStatus, roleAfterAccepting } from '../../lib/groups/membership.ts';
import { groupLimits } from '../../lib/limits.ts';
import { hashToken } from '../access-tokens.ts';
import type { GlossaDb } from '../client.ts';
import { groupRoleOf } from './access.ts';
import { documents, groupDepartures, groupInvites, groupMembers, groups, users } from '../schema.ts';

/** A group as its member sees it in their list. */
export interface GroupSummary {
  id: string;
  name: string;
  /** The caller's role in it. */
  role: Role;
  memberCount: number;
}

/** A member as the group's page lists them. */
export interface GroupMemberInfo {
  /** The member's account id. */
  id: string;
  name: string;
  role: Role;
  /** When they joined (ISO time). */
  joinedAt: string;
}

/** An invite as its group's owner sees it: never its secret, which only its maker saw, once. */
export interface GroupInviteInfo {
  id: string;
  role: InviteRole;
  createdAt: string;
  expiresAt: string;
  /** How many times accepting it added or promoted a member. */
  uses: number;
}

/** A document of the group, as its page lists it. */
export interface GroupDocumentInfo {
  id: string;
  title: string;
  author: string | null;
  visibility: Visibility;
}

/** A group's page: its members, its documents and, for its owner only, its invites that can still be accepted. */
export interface GroupDetail {
  id: string;
  name: string;
  /** The caller's role. */
  role: Role;
  createdAt: string;
  members: GroupMemberInfo[];
  documents: GroupDocumentInfo[];
  invites?: GroupInviteInfo[];
}

/** What an invitation link shows before anyone accepts it. */
export interface InvitePreview {
  group: { id: string; name: string };
  role: InviteRole;
  expiresAt: string;
  status: InviteStatus;
}

/** A refusal for a limit of lib/limits.ts `groupLimits` (the route answers 409 with its message). */
export class GroupLimitError extends Error {}

/** A new invitation secret: the prefix and 32 random bytes (see lib/groups/membership.ts). */
export const newInviteToken = () => inviteTokenPrefix + randomBytes(32).toString('base64url');

/** Members counted per group, for lists. */
function memberCounts(db: GlossaDb, groupIds: string[]): Map<string, number> {
  if (groupIds.length === 0) return new Map();
  const rows = db
    .select({ groupId: groupMembers.groupId, n: count() })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, groupIds))
    .groupBy(groupMembers.groupId)
    .all();
  return new Map(rows.map((r) => [r.groupId, r.n]));
}

/**
 * Makes a group owned by `ownerId`, who becomes its first member with role `owner`, in one transaction. Throws
 * {@link GroupLimitError} when the user already owns {@link groupLimits.groupsPerOwner} groups.
 */
export function createGroup(db: GlossaDb, ownerId: string, name: string, now = new Date()): GroupSummary {
  return db.transaction((tx) => {
    const [{ n }] = tx.select({ n: count() }).from(groups).where(eq(groups.ownerId, ownerId)).all();
    if (n >= groupLimits.groupsPerOwner)
      throw new GroupLimitError(`at most ${groupLimits.groupsPerOwner} groups per owner; delete one first`);
    const id = `grp-${randomUUID()}`;
    tx.insert(groups).values({ id, name, ownerId, createdAt: now }).run();
    tx.insert(groupMembers).values({ groupId: id, userId: ownerId, role: 'owner', joinedAt: now }).run();
    return { id, name, role: 'owner' as const, memberCount: 1 };
  });
}

/** The groups `userId` belongs to, with their role in each and how many members each has, by name. */
export function groupsOf(db: GlossaDb, userId: string): GroupSummary[] {
  const rows = db
    .select({ id: groups.id, name: groups.name, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId))
    .orderBy(asc(groups.name), asc(groups.id))
    .all();
  const counts = memberCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, memberCount: counts.get(r.id) ?? 0 }));
}

/** A group and the caller's role in it; null when the group is unknown or the caller is not a member. */
export function membershipOf(db: GlossaDb, groupId: string, userId: string): { id: string; name: string; role: Role } | null {
  return (
    db
      .select({ id: groups.id, name: groups.name, role: groupMembers.role })
      .from(groups)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, userId)))
      .where(eq(groups.id, groupId))
      .get() ?? null
  );
}

/** The members of a group with their names, the owner first, then by role (strongest first) and join time. */
export function membersOf(db: GlossaDb, groupId: string): GroupMemberInfo[] {
  const rank = { owner: 0, facilitator: 1, annotator: 2, viewer: 3 } as const;
  return db
    .select({ id: users.id, name: users.name, role: groupMembers.role, joinedAt: groupMembers.joinedAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.joinedAt), asc(users.id))
    .all()
    .map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

/** The live (not deleted) documents of a group, by title. */
export function documentsOfGroup(db: GlossaDb, groupId: string): GroupDocumentInfo[] {
  return db
    .select({ id: documents.id, title: documents.title, author: documents.author, visibility: documents.visibility })
    .from(documents)
    .where(and(eq(documents.groupId, groupId), isNull(documents.deletedAt)))
    .orderBy(asc(documents.title), asc(documents.id))
    .all();
}

/** The invites of a group that can still be accepted at `now`, newest first. */
export function activeInvitesOf(db: GlossaDb, groupId: string, now = new Date()): GroupInviteInfo[] {
  return db
    .select()
    .from(groupInvites)
    .where(and(eq(groupInvites.groupId, groupId), isNull(groupInvites.revokedAt), gt(groupInvites.expiresAt, now)))
    .orderBy(desc(groupInvites.createdAt), asc(groupInvites.id))
    .all()
    .map((row) => ({
      id: row.id,
      role: row.role,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      uses: row.uses,
    }));
}

/**
 * A group's page as `userId` sees it: null when the group is unknown or they are not a member. Only the owner gets
 * `invites`.
 */
export function groupDetail(db: GlossaDb, groupId: string, userId: string, now = new Date()): GroupDetail | null {
  const membership = membershipOf(db, groupId, userId);
  if (!membership) return null;
  const group = db.select({ createdAt: groups.createdAt }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) return null;
  return {
    ...membership,
    createdAt: group.createdAt.toISOString(),
    members: membersOf(db, groupId),
    documents: documentsOfGroup(db, groupId),
    ...(membership.role === 'owner' ? { invites: activeInvitesOf(db, groupId, now) } : {}),
  };
}

/** Renames a group; its id and name, or null when it is unknown. */
export function renameGroup(db: GlossaDb, groupId: string, name: string): { id: string; name: string } | null {
  const changed = db.update(groups).set({ name }).where(eq(groups.id, groupId)).run().changes;
  return changed > 0 ? { id: groupId, name } : null;
}

/**
 * Deletes a group with its members and invites (cascade). Its documents keep their owner and visibility but leave
 * the group (a `group` text is then read by its owner alone). Resolves with the ids of those who were members, whose
 * live sockets the route closes; null when the group is unknown.
 */
export function deleteGroup(db: GlossaDb, groupId: string): { memberIds: string[] } | null {
  return db.transaction((tx) => {
    const memberIds = tx
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(eq(groupMembers.groupId, groupId))
      .all()
      .map((m) => m.userId);
    tx.update(documents).set({ groupId: null }).where(eq(documents.groupId, groupId)).run();
    const deleted = tx.delete(groups).where(eq(groups.id, groupId)).run().changes;
    return deleted > 0 ? { memberIds } : null;
  });
}

/**
 * Makes an invite into `groupId` with `role`, expiring at `expiresAt`; the secret is returned this once and only its
 * hash is stored. Dead invites past the newest {@link groupLimits.deadInvitesKept} are deleted first. Throws
 * {@link GroupLimitError} when the group already has {@link groupLimits.activeInvitesPerGroup} live invites.
 */
export function createInvite(
  db: GlossaDb,
  groupId: string,
  createdBy: string,
  role: InviteRole,
  expiresAt: Date,
  now = new Date(),
): { token: string; invite: GroupInviteInfo } {
  return db.transaction((tx) => {
    const dead = or(isNotNull(groupInvites.revokedAt), lte(groupInvites.expiresAt, now));
    const stale = tx
      .select({ id: groupInvites.id })
      .from(groupInvites)
      .where(and(eq(groupInvites.groupId, groupId), dead))
      .orderBy(desc(groupInvites.createdAt), desc(groupInvites.id))
      .all()
      .slice(groupLimits.deadInvitesKept)
      .map((r) => r.id);
    if (stale.length > 0) tx.delete(groupInvites).where(inArray(groupInvites.id, stale)).run();
    const [{ n }] = tx
      .select({ n: count() })
      .from(groupInvites)
      .where(and(eq(groupInvites.groupId, groupId), isNull(groupInvites.revokedAt), gt(groupInvites.expiresAt, now)))
      .all();
    if (n >= groupLimits.activeInvitesPerGroup)
      throw new GroupLimitError(`at most ${groupLimits.activeInvitesPerGroup} open invites per group; revoke one first`);
    const token = newInviteToken();
    const id = `inv-${randomUUID()}`;
    tx.insert(groupInvites)
      .values({ id, groupId, role, tokenHash: hashToken(token), createdBy, createdAt: now, expiresAt })
      .run();
    return {
      token,
      invite: { id, role, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), uses: 0 },
    };
  });
}

/** The invite a secret stands for, with its group and its state at `now`; null for an unknown or malformed secret. */
export function inviteByToken(db: GlossaDb, token: string, now = new Date()): (InvitePreview & { id: string; createdAt: Date }) | null {
  if (!inviteTokenPattern.test(token)) return null;
  const row = db
    .select({ invite: groupInvites, groupName: groups.name })
    .from(groupInvites)
    .innerJoin(groups, eq(groups.id, groupInvites.groupId))
    .where(eq(groupInvites.tokenHash, hashToken(token)))
    .get();
  if (!row) return null;
  return {
    id: row.invite.id,
    createdAt: row.invite.createdAt,
    group: { id: row.invite.groupId, name: row.groupName },
    role: row.invite.role,
    expiresAt: row.invite.expiresAt.toISOString(),
    status: inviteStatus(row.invite, now),
  };
}

/** The outcome of accepting an invite. */
export type AcceptOutcome =
  | { kind: 'unknown' }
  | { kind: 'refused'; status: Exclude<InviteStatus, 'valid'> }
  | { kind: 'full' }
  /** The link was made before the owner removed this user or changed their role: it cannot undo that. */
  | { kind: 'stale' }
  | { kind: 'accepted'; groupId: string; role: Role; previousRole: Role | null };

/**
 * Accepts an invite for `userId`: a newcomer joins with the invite's role, a member is promoted if the invite's role
 * is stronger (never demoted; the owner stays the owner). The invite's use is counted when it added or promoted.
 */
export function acceptInvite(db: GlossaDb, token: string, userId: string, now = new Date()): AcceptOutcome {
  return db.transaction((tx) => {
    const found = inviteByToken(db, token, now);
    if (!found) return { kind: 'unknown' as const };
    if (found.status !== 'valid') return { kind: 'refused' as const, status: found.status };
    const groupId = found.group.id;
    const departed = tx
      .select({ at: groupDepartures.at })
      .from(groupDepartures)
      .where(and(eq(groupDepartures.groupId, groupId), eq(groupDepartures.userId, userId)))
      .get();
    if (departed && departed.at.getTime() >= found.createdAt.getTime()) return { kind: 'stale' as const };
    const current =
      tx
        .select({ role: groupMembers.role })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
        .get()?.role ?? null;
    const role = roleAfterAccepting(current, found.role);
    if (current === null) {
      const [{ n }] = tx.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).all();
      if (n >= groupLimits.membersPerGroup) return { kind: 'full' as const };
      tx.insert(groupMembers).values({ groupId, userId, role, joinedAt: now }).run();
    } else if (role !== current) {
      tx.update(groupMembers)
        .set({ role })
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), ne(groupMembers.role, 'owner')))
        .run();
    }
    if (role !== current)
      tx.update(groupInvites)
        .set({ uses: sql`${groupInvites.uses} + 1` })
        .where(eq(groupInvites.id, found.id))
        .run();
    return { kind: 'accepted' as const, groupId, role, previousRole: current };
  });
}

/** Revokes an invite of `groupId` (its link then answers "revoked"); false when the group has no such invite. */
export function revokeInvite(db: GlossaDb, groupId: string, inviteId: string, now = new Date()): boolean {
  const invite = db
    .select({ revokedAt: groupInvites.revokedAt })
    .from(groupInvites)
    .where(and(eq(groupInvites.id, inviteId), eq(groupInvites.groupId, groupId)))
    .get();
  if (!invite) return false;
  if (!invite.revokedAt) db.update(groupInvites).set({ revokedAt: now }).where(eq(groupInvites.id, inviteId)).run();
  return true;
}

/** The role of `userId` in `groupId`, or null when not a member (the access rule asks the same query). */
export const memberRole = groupRoleOf;

/** Gives a member (never the owner) another role; their role before, or null when there is no such member. */
export function setMemberRole(
  db: GlossaDb,
  groupId: string,
  userId: string,
  role: InviteRole,
): { previousRole: Role; role: InviteRole } | null {
  return db.transaction((tx) => {
    const previousRole = memberRole(db, groupId, userId);
    if (!previousRole || previousRole === 'owner') return null;
    tx.update(groupMembers)
      .set({ role })
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .run();
    recordDeparture(tx, groupId, userId);
    return { previousRole, role };
  });
}

/** Removes a member (never the owner), or lets them leave; the role they had, or null when there is no such member. */
export function removeMember(db: GlossaDb, groupId: string, userId: string): Role | null {
  return db.transaction((tx) => {
    const role = memberRole(db, groupId, userId);
    if (!role || role === 'owner') return null;
    tx.delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .run();
    recordDeparture(tx, groupId, userId);
    return role;
  });
}

/** Notes that the owner removed `userId` or changed their role now: links made before cannot undo it. */
function recordDeparture(tx: Pick<GlossaDb, 'insert'>, groupId: string, userId: string, now = new Date()): void {
  tx.insert(groupDepartures)
    .values({ groupId, userId, at: now })
    .onConflictDoUpdate({ target: [groupDepartures.groupId, groupDepartures.userId], set: { at: now } })
    .run();
}
