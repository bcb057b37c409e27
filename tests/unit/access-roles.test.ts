import { describe, expect, it } from 'vitest';
import { can, documentRole, type CallerAccess, type DocumentAccess, type Role } from '../../lib/access/roles.ts';

const open: DocumentAccess = { visibility: 'open', groupId: null, ownerId: 'u-owner' };
const publicRead: DocumentAccess = { visibility: 'public-read', groupId: 'g1', ownerId: 'u-owner' };
const groupOnly: DocumentAccess = { visibility: 'group', groupId: 'g1', ownerId: 'u-owner' };
const seeded: DocumentAccess = { visibility: 'open', groupId: null, ownerId: null };

const caller = (userId: string, groupRole: Role | null = null, instanceOwner = false): CallerAccess => ({
  userId,
  groupRole,
  instanceOwner,
});

describe('documentRole', () => {
  it.each<[string, DocumentAccess, CallerAccess | null, Role | null]>([
    ['anyone reads an open text', open, null, 'viewer'],
    ['any signed-in user annotates an open text', open, caller('u-1'), 'annotator'],
    ['the importer owns it', open, caller('u-owner'), 'owner'],
    ['a group facilitator moderates an open text of the group', { ...open, groupId: 'g1' }, caller('u-1', 'facilitator'), 'facilitator'],
    [
      'a group viewer still annotates an open text (the stronger role wins)',
      { ...open, groupId: 'g1' },
      caller('u-1', 'viewer'),
      'annotator',
    ],
    ['anyone reads a public-read text', publicRead, null, 'viewer'],
    ['a signed-in stranger only reads a public-read text', publicRead, caller('u-1'), 'viewer'],
    ['a member annotates a public-read text by role', publicRead, caller('u-1', 'annotator'), 'annotator'],
    ['nobody outside reads a group text', groupOnly, null, null],
    ['a signed-in stranger cannot read a group text', groupOnly, caller('u-1'), null],
    ['a viewer member reads a group text', groupOnly, caller('u-1', 'viewer'), 'viewer'],
    ['the group owner owns the group text', groupOnly, caller('u-2', 'owner'), 'owner'],
    ['the instance owner owns texts from before accounts', seeded, caller('u-first', null, true), 'owner'],
    ['the instance owner is an annotator on others texts', open, caller('u-first', null, true), 'annotator'],
    ['membership of another group gives nothing', { ...groupOnly, groupId: 'g2' }, caller('u-1', null), null],
    ['the importer of a group text removed from the group keeps nothing', groupOnly, caller('u-owner', null), null],
    ['the importer of a public group text, removed, only reads it', publicRead, caller('u-owner', null), 'viewer'],
    ['the importer of a group text still in the group owns it', groupOnly, caller('u-owner', 'annotator'), 'owner'],
  ])('%s', (_what, doc, who, role) => {
    expect(documentRole(doc, who)).toBe(role);
  });
});

describe('can', () => {
  it.each<[Role | null, Record<string, boolean>]>([
    [null, { read: false, annotate: false, moderate: false, manage: false }],
    ['viewer', { read: true, annotate: false, moderate: false, manage: false }],
    ['annotator', { read: true, annotate: true, moderate: false, manage: false }],
    ['facilitator', { read: true, annotate: true, moderate: true, manage: false }],
    ['owner', { read: true, annotate: true, moderate: true, manage: true }],
  ])('%s', (role, expected) => {
    for (const [capability, allowed] of Object.entries(expected)) expect(can(role, capability as 'read'), capability).toBe(allowed);
  });
});
