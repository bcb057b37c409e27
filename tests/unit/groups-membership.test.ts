import { describe, expect, it } from 'vitest';
import type { InviteRole, Role } from '../../lib/access/roles.ts';
import {
  type GroupMemberRef,
  inviteExpiry,
  inviteStatus,
  inviteTokenPattern,
  type InviteStatus,
  type MemberChange,
  memberChangeRefusal,
  roleAfterAccepting,
} from '../../lib/groups/membership.ts';
import { groupLimits } from '../../lib/limits.ts';

const now = new Date('2026-11-26T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('inviteStatus', () => {
  it.each<[string, { expiresAt: Date; revokedAt: Date | null }, InviteStatus]>([
    ['valid until it expires', { expiresAt: at(60_000), revokedAt: null }, 'valid'],
    ['expired at the very millisecond of its expiry', { expiresAt: at(0), revokedAt: null }, 'expired'],
    ['expired after it', { expiresAt: at(-1), revokedAt: null }, 'expired'],
    ['revoked before it expires', { expiresAt: at(60_000), revokedAt: at(-1000) }, 'revoked'],
    ['revoked, not expired, once both are true', { expiresAt: at(-1), revokedAt: at(-1000) }, 'revoked'],
  ])('%s', (_what, invite, status) => {
    expect(inviteStatus(invite, now)).toBe(status);
  });
});

describe('inviteExpiry', () => {
  it('lasts seven days by default', () => {
    expect(inviteExpiry(now).getTime() - now.getTime()).toBe(groupLimits.defaultInviteHours * 3_600_000);
  });

  it('lasts a fraction of an hour when asked, to the millisecond', () => {
    expect(inviteExpiry(now, 1.5).toISOString()).toBe('2026-11-26T13:30:00.000Z');
  });
});

describe('roleAfterAccepting', () => {
  it.each<[string, Role | null, InviteRole, Role]>([
    ['a newcomer gets the invite’s role', null, 'viewer', 'viewer'],
    ['a newcomer may come in as facilitator', null, 'facilitator', 'facilitator'],
    ['a viewer is promoted by an annotator invite', 'viewer', 'annotator', 'annotator'],
    ['an annotator is promoted by a facilitator invite', 'annotator', 'facilitator', 'facilitator'],
    ['a facilitator is never demoted by a viewer invite', 'facilitator', 'viewer', 'facilitator'],
    ['an annotator keeps the role on an annotator invite', 'annotator', 'annotator', 'annotator'],
    ['the owner stays the owner', 'owner', 'facilitator', 'owner'],
  ])('%s', (_what, current, invited, role) => {
    expect(roleAfterAccepting(current, invited)).toBe(role);
  });
});

describe('memberChangeRefusal', () => {
  const owner: GroupMemberRef = { userId: 'u-owner', role: 'owner' };
  const facilitator: GroupMemberRef = { userId: 'u-fac', role: 'facilitator' };
  const annotator: GroupMemberRef = { userId: 'u-ann', role: 'annotator' };
  const viewer: GroupMemberRef = { userId: 'u-view', role: 'viewer' };

  it.each<[string, GroupMemberRef, GroupMemberRef, MemberChange, boolean]>([
    ['the owner changes a member’s role', owner, annotator, 'set-role', true],
    ['the owner removes a member', owner, facilitator, 'remove', true],
    ['the owner cannot change their own role', owner, owner, 'set-role', false],
    ['the owner cannot leave', owner, owner, 'remove', false],
    ['a facilitator cannot change roles', facilitator, annotator, 'set-role', false],
    ['a member cannot promote themself', viewer, viewer, 'set-role', false],
    ['a facilitator cannot remove a member', facilitator, viewer, 'remove', false],
    ['a member cannot remove the owner', annotator, owner, 'remove', false],
    ['a member may leave', viewer, viewer, 'remove', true],
    ['a facilitator may leave', facilitator, facilitator, 'remove', true],
  ])('%s', (_what, actor, target, change, allowed) => {
    const refusal = memberChangeRefusal(actor, target, change);
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toEqual(expect.any(String));
  });
});

describe('inviteTokenPattern', () => {
  it.each<[string, boolean]>([
    [`glossa_inv_${'A'.repeat(43)}`, true],
    [`glossa_inv_${'a-_9'.repeat(10)}abc`, true],
    [`glossa_pat_${'A'.repeat(43)}`, false],
    [`glossa_inv_${'A'.repeat(42)}`, false],
    [`glossa_inv_${'A'.repeat(44)}`, false],
    [`glossa_inv_${'A'.repeat(42)}=`, false],
    ['', false],
  ])('%s → %s', (token, ok) => {
    expect(inviteTokenPattern.test(token)).toBe(ok);
  });
});
