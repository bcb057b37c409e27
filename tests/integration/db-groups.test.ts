/**
 * The group queries (db/queries/groups.ts) on a real SQLite file: the owner is stored as a member, an invite's
 * secret is kept only as its hash, accepting never demotes, the owner's membership cannot be changed by any write,
 * invites are bounded per group, and a deleted group's texts leave it.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlossaDb } from '../../db/client.ts';
import {
  acceptInvite,
  createGroup,
  createInvite,
  deleteGroup,
  documentsOfGroup,
  GroupLimitError,
  groupDetail,
  groupsOf,
  inviteByToken,
  memberRole,
  removeMember,
  revokeInvite,
  setMemberRole,
} from '../../db/queries/groups.ts';
import { documents, groupInvites, users } from '../../db/schema.ts';
import { groupLimits } from '../../lib/limits.ts';
import { freshDatabase, secondDocumentId, storyDocumentId, type TempDatabase } from '../helpers/db-fixtures.ts';

let temp: TempDatabase | null = null;
afterEach(() => {
  temp?.dispose();
  temp = null;
});

const now = new Date('2026-11-26T12:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

/** A database with three accounts: Olive (who will own the group), Ann and Vic. */
function database(): GlossaDb {
  temp = freshDatabase();
  for (const [id, name] of [
    ['u-olive', 'Olive'],
    ['u-ann', 'Ann'],
    ['u-vic', 'Vic'],
  ])
    temp.db
      .insert(users)
      .values({ id, name, email: `${id}@example.test`, createdAt: now, updatedAt: now })
      .run();
  return temp.db;
}

describe('groups', () => {
  it('stores the maker as the owner member, and lists the group with the role and member count', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Thursday club', now);
    expect(group).toMatchObject({ name: 'Thursday club', role: 'owner', memberCount: 1 });
    expect(memberRole(db, group.id, 'u-olive')).toBe('owner');
    expect(groupsOf(db, 'u-olive')).toEqual([{ id: group.id, name: 'Thursday club', role: 'owner', memberCount: 1 }]);
    expect(groupsOf(db, 'u-ann')).toEqual([]);
  });

  it('keeps only the hash of an invite secret, and finds the invite by its secret', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    const { token, invite } = createInvite(db, group.id, 'u-olive', 'annotator', later(24), now);
    const stored = db.select().from(groupInvites).where(eq(groupInvites.id, invite.id)).get()!;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(inviteByToken(db, token, now)).toMatchObject({ group: { id: group.id, name: 'Club' }, role: 'annotator', status: 'valid' });
    expect(inviteByToken(db, `${token.slice(0, -1)}x`, now)).toBeNull();
  });

  it('promotes a member through a stronger invite but never demotes, and the owner stays owner', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    const viewer = createInvite(db, group.id, 'u-olive', 'viewer', later(24), now).token;
    const facilitator = createInvite(db, group.id, 'u-olive', 'facilitator', later(24), now).token;
    expect(acceptInvite(db, viewer, 'u-ann', now)).toMatchObject({ kind: 'accepted', role: 'viewer', previousRole: null });
    expect(acceptInvite(db, facilitator, 'u-ann', now)).toMatchObject({ role: 'facilitator', previousRole: 'viewer' });
    expect(acceptInvite(db, viewer, 'u-ann', now)).toMatchObject({ role: 'facilitator', previousRole: 'facilitator' });
    expect(acceptInvite(db, facilitator, 'u-olive', now)).toMatchObject({ role: 'owner', previousRole: 'owner' });
    expect(memberRole(db, group.id, 'u-ann')).toBe('facilitator');
    expect(memberRole(db, group.id, 'u-olive')).toBe('owner');
    // Uses count joins and promotions, not accepts that changed nothing.
    expect(groupDetail(db, group.id, 'u-olive', now)?.invites?.map((i) => [i.role, i.uses])).toEqual(
      expect.arrayContaining([
        ['viewer', 1],
        ['facilitator', 1],
      ]),
    );
  });

  it('refuses expired and revoked invites without adding anyone', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    const short = createInvite(db, group.id, 'u-olive', 'annotator', later(1), now);
    const revoked = createInvite(db, group.id, 'u-olive', 'annotator', later(24), now);
    expect(revokeInvite(db, group.id, revoked.invite.id, now)).toBe(true);
    expect(acceptInvite(db, short.token, 'u-ann', later(2))).toEqual({ kind: 'refused', status: 'expired' });
    expect(acceptInvite(db, revoked.token, 'u-ann', now)).toEqual({ kind: 'refused', status: 'revoked' });
    expect(memberRole(db, group.id, 'u-ann')).toBeNull();
    // Another group's owner cannot revoke this group's invite through their own group.
    const other = createGroup(db, 'u-vic', 'Other', now);
    expect(revokeInvite(db, other.id, short.invite.id, now)).toBe(false);
  });

  it('never changes or removes the owner, whoever asks', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    expect(setMemberRole(db, group.id, 'u-olive', 'viewer')).toBeNull();
    expect(removeMember(db, group.id, 'u-olive')).toBeNull();
    expect(memberRole(db, group.id, 'u-olive')).toBe('owner');
  });

  it('bounds the open invites of a group, and prunes dead ones past those kept', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    for (let i = 0; i < groupLimits.activeInvitesPerGroup; i++) createInvite(db, group.id, 'u-olive', 'viewer', later(24), now);
    expect(() => createInvite(db, group.id, 'u-olive', 'viewer', later(24), now)).toThrow(GroupLimitError);
    // A day later they are all dead; making (and revoking) many more keeps only the newest dead ones, so the
    // newest revoked link still says so.
    let last = '';
    for (let i = 0; i < groupLimits.deadInvitesKept + 5; i++) {
      const at = later(24 + i / 1000);
      const made = createInvite(db, group.id, 'u-olive', 'viewer', later(48), at);
      revokeInvite(db, group.id, made.invite.id, at);
      last = made.token;
    }
    const rows = db.select().from(groupInvites).where(eq(groupInvites.groupId, group.id)).all();
    expect(rows.length).toBe(groupLimits.deadInvitesKept + 1);
    expect(inviteByToken(db, last, later(25))?.status).toBe('revoked');
  });

  it('takes its texts out of a deleted group, keeping their owner and visibility', () => {
    const db = database();
    const group = createGroup(db, 'u-olive', 'Club', now);
    const invite = createInvite(db, group.id, 'u-olive', 'annotator', later(24), now);
    acceptInvite(db, invite.token, 'u-ann', now);
    db.update(documents).set({ groupId: group.id, visibility: 'group', ownerId: 'u-olive' }).where(eq(documents.id, storyDocumentId)).run();
    db.update(documents).set({ groupId: group.id, deletedAt: now.toISOString() }).where(eq(documents.id, secondDocumentId)).run();
    expect(documentsOfGroup(db, group.id).map((d) => d.id)).toEqual([storyDocumentId]);
    expect(deleteGroup(db, group.id)?.memberIds.sort()).toEqual(['u-ann', 'u-olive']);
    expect(db.select().from(documents).where(eq(documents.id, storyDocumentId)).get()).toMatchObject({
      groupId: null,
      visibility: 'group',
      ownerId: 'u-olive',
    });
    expect(groupsOf(db, 'u-ann')).toEqual([]);
    expect(inviteByToken(db, invite.token, now)).toBeNull();
  });
});
