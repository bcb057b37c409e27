/**
 * Reading groups on the real server: an owner makes a group and invites by link with a role; others accept and are
 * listed with their roles; the owner changes roles and removes members, and nobody else can; expired and revoked
 * links are refused (410); a member removed from the group has their live socket on its group-only text closed at
 * once (4509) and cannot come back (4403).
 *
 * Expiry: the shortest expiry a route accepts is one hour, so the expired link is made by writing its `expires_at`
 * into the server's database (tests/helpers/groups.ts `expireInvite`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, signUp, type TestAccount } from '../helpers/accounts.ts';
import { acceptAs, addMember, api, expireInvite, fileIntoGroup, makeGroup, makeInvite } from '../helpers/groups.ts';
import { createDocument } from '../helpers/hostile.ts';
import { destroyAllClients, openRawSocket } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let base: string;
let olive: TestAccount;
let ann: TestAccount;
let fran: TestAccount;
let vic: TestAccount;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  olive = await signUp(base, 'Olive Owner');
  ann = await signUp(base, 'Ann Annotator');
  fran = await signUp(base, 'Fran Facilitator');
  vic = await signUp(base, 'Vic Viewer');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

interface Detail {
  id: string;
  name: string;
  role: string;
  members: Array<{ id: string; name: string; role: string; joinedAt: string }>;
  documents: Array<{ id: string; title: string; author: string | null; visibility: string }>;
  invites?: Array<{ id: string; role: string; expiresAt: string }>;
}

const detail = (account: TestAccount, groupId: string) => api<Detail>(base, account, 'GET', `/api/groups/${groupId}`);
const rolesIn = async (groupId: string) =>
  Object.fromEntries((await detail(olive, groupId)).body.members.map((m) => [m.name, m.role] as const));

describe('a reading group', () => {
  it('is made by its owner, who is listed as its only member', async () => {
    const made = await api(base, olive, 'POST', '/api/groups', { name: '  Thursday   club ' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Thursday club', role: 'owner' });
    const list = await api<Array<Record<string, unknown>>>(base, olive, 'GET', '/api/groups');
    expect(list.body).toContainEqual({ id: made.body.id, name: 'Thursday club', role: 'owner', memberCount: 1 });
    expect((await api<unknown[]>(base, ann, 'GET', '/api/groups')).body).toEqual([]);
  });

  it('lets its owner invite by link with each role; the link shows group and role without signing in', async () => {
    const groupId = await makeGroup(base, olive, 'Invites');
    for (const role of ['viewer', 'annotator', 'facilitator']) {
      const invite = await makeInvite(base, olive, groupId, role);
      expect(invite.token).toMatch(/^glossa_inv_/);
      expect(invite.url).toBe(`/join/${invite.token}`);
      // Seven days by default.
      expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * 3_600_000 - 60_000);
      const preview = await api(base, null, 'GET', `/api/invites/${invite.token}`);
      expect(preview).toEqual({
        status: 200,
        body: { group: { id: groupId, name: 'Invites' }, role, expiresAt: invite.expiresAt, status: 'valid' },
      });
    }
    // The owner sees the open invites, never their secrets.
    const seen = await detail(olive, groupId);
    expect(seen.body.invites?.map((i) => i.role).sort()).toEqual(['annotator', 'facilitator', 'viewer']);
    expect(JSON.stringify(seen.body)).not.toContain('glossa_inv_');
  });

  it('takes in members who accept, lists them with their roles, and never demotes through an invite', async () => {
    const groupId = await makeGroup(base, olive, 'Members');
    const annotatorLink = await makeInvite(base, olive, groupId, 'annotator');
    const accepted = await acceptAs(base, ann, annotatorLink.token);
    expect(accepted).toEqual({ status: 200, body: { groupId, role: 'annotator' } });
    await addMember(base, olive, groupId, fran, 'facilitator');
    await addMember(base, olive, groupId, vic, 'viewer');
    // A viewer link does not make Ann a viewer; the owner stays owner whatever she accepts.
    const viewerLink = await makeInvite(base, olive, groupId, 'viewer');
    expect((await acceptAs(base, ann, viewerLink.token)).body).toEqual({ groupId, role: 'annotator' });
    expect((await acceptAs(base, olive, viewerLink.token)).body).toEqual({ groupId, role: 'owner' });
    expect(await rolesIn(groupId)).toEqual({
      'Olive Owner': 'owner',
      'Ann Annotator': 'annotator',
      'Fran Facilitator': 'facilitator',
      'Vic Viewer': 'viewer',
    });
    // Members see the group with their role, and its members; only the owner sees invites.
    const annSees = await detail(ann, groupId);
    expect(annSees.body).toMatchObject({ id: groupId, role: 'annotator' });
    expect(annSees.body.members).toHaveLength(4);
    expect(annSees.body).not.toHaveProperty('invites');
    const annList = await api<Array<Record<string, unknown>>>(base, ann, 'GET', '/api/groups');
    expect(annList.body).toContainEqual({ id: groupId, name: 'Members', role: 'annotator', memberCount: 4 });
  });

  it('lists its texts for its members', async () => {
    const groupId = await makeGroup(base, olive, 'With texts');
    await addMember(base, olive, groupId, vic, 'viewer');
    const documentId = await createDocument(base, 'A group text', 'Its only paragraph.\n');
    fileIntoGroup(server.dbPath, documentId, groupId, 'group');
    const seen = await detail(vic, groupId);
    expect(seen.body.documents).toEqual([{ id: documentId, title: 'A group text', author: null, visibility: 'group' }]);
  });

  it('lets its owner change roles, rename it and delete it', async () => {
    const groupId = await makeGroup(base, olive, 'Roles');
    await addMember(base, olive, groupId, ann, 'viewer');
    const changed = await api(base, olive, 'PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role: 'facilitator' });
    expect(changed).toEqual({ status: 200, body: { id: ann.id, role: 'facilitator', previousRole: 'viewer' } });
    expect((await rolesIn(groupId))['Ann Annotator']).toBe('facilitator');
    expect((await api(base, olive, 'PATCH', `/api/groups/${groupId}`, { name: 'Renamed' })).body).toMatchObject({ name: 'Renamed' });
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}`)).status).toBe(204);
    expect((await detail(ann, groupId)).status).toBe(404);
  });

  it('lets a member leave, and its owner remove a member', async () => {
    const groupId = await makeGroup(base, olive, 'Leaving');
    await addMember(base, olive, groupId, ann, 'annotator');
    await addMember(base, olive, groupId, vic, 'viewer');
    expect((await api(base, vic, 'DELETE', `/api/groups/${groupId}/members/${vic.id}`)).status).toBe(204);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/members/${ann.id}`)).status).toBe(204);
    expect(await rolesIn(groupId)).toEqual({ 'Olive Owner': 'owner' });
    expect((await detail(vic, groupId)).status).toBe(404);
  });
});

describe('what only the owner may do', () => {
  let groupId: string;
  beforeAll(async () => {
    groupId = await makeGroup(base, olive, 'Owner only');
    await addMember(base, olive, groupId, fran, 'facilitator');
    await addMember(base, olive, groupId, ann, 'annotator');
  });

  it('refuses invites from anyone else with 403', async () => {
    for (const member of [fran, ann]) {
      const res = await api(base, member, 'POST', `/api/groups/${groupId}/invites`, { role: 'viewer' });
      expect(res.status).toBe(403);
      expect(res.body).toHaveProperty('error');
    }
  });

  it('refuses role changes and removals from anyone else with 403', async () => {
    expect((await api(base, fran, 'PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role: 'viewer' })).status).toBe(403);
    expect((await api(base, fran, 'DELETE', `/api/groups/${groupId}/members/${ann.id}`)).status).toBe(403);
    expect((await api(base, ann, 'DELETE', `/api/groups/${groupId}/members/${olive.id}`)).status).toBe(403);
    expect((await api(base, fran, 'PATCH', `/api/groups/${groupId}`, { name: 'Mine now' })).status).toBe(403);
    expect((await api(base, fran, 'DELETE', `/api/groups/${groupId}`)).status).toBe(403);
    expect(await rolesIn(groupId)).toEqual({ 'Olive Owner': 'owner', 'Fran Facilitator': 'facilitator', 'Ann Annotator': 'annotator' });
  });

  it('does not let the owner demote or remove themself', async () => {
    expect((await api(base, olive, 'PATCH', `/api/groups/${groupId}/members/${olive.id}`, { role: 'viewer' })).status).toBe(403);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/members/${olive.id}`)).status).toBe(403);
  });

  it('hides the group from those outside it (404)', async () => {
    expect((await detail(vic, groupId)).status).toBe(404);
    expect((await api(base, vic, 'POST', `/api/groups/${groupId}/invites`, { role: 'viewer' })).status).toBe(404);
  });
});

describe('invites that can no longer be used', () => {
  it('refuses an expired invite with 410, and its link says it expired', async () => {
    const groupId = await makeGroup(base, olive, 'Expired');
    const invite = await makeInvite(base, olive, groupId, 'annotator');
    expireInvite(server.dbPath, invite.id);
    expect((await api(base, null, 'GET', `/api/invites/${invite.token}`)).body).toMatchObject({ status: 'expired' });
    const res = await acceptAs(base, ann, invite.token);
    expect(res.status).toBe(410);
    expect(res.body.error).toMatch(/expired/);
    expect((await detail(ann, groupId)).status).toBe(404);
    expect((await detail(olive, groupId)).body.invites).toEqual([]);
  });

  it('refuses a revoked invite with 410, and its link says it was revoked', async () => {
    const groupId = await makeGroup(base, olive, 'Revoked');
    const invite = await makeInvite(base, olive, groupId, 'facilitator');
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/invites/${invite.id}`)).status).toBe(204);
    expect((await api(base, null, 'GET', `/api/invites/${invite.token}`)).body).toMatchObject({ status: 'revoked' });
    const res = await acceptAs(base, ann, invite.token);
    expect(res.status).toBe(410);
    expect(res.body.error).toMatch(/revoked/);
    expect((await detail(ann, groupId)).status).toBe(404);
  });
});

describe("a member's live socket on a group-only text", () => {
  /** Opens Ann's signed-in socket on the text and waits for the server's first message (she was let in). */
  async function openAsAnn(documentId: string, token: string) {
    const raw = openRawSocket(server.current.wsUrl, documentId, `?token=${encodeURIComponent(token)}`);
    await new Promise<void>((resolve, reject) => {
      raw.socket.once('message', () => resolve());
      void raw.closed.then((c) => reject(new Error(`closed with ${c.code} ${c.reason}`)));
    });
    return raw;
  }

  it('is closed with 4509 within a second of her removal, and cannot join again (4403)', async () => {
    const groupId = await makeGroup(base, olive, 'Live');
    await addMember(base, olive, groupId, ann, 'annotator');
    const documentId = await createDocument(base, 'Members only', 'A text for the group alone.\n');
    fileIntoGroup(server.dbPath, documentId, groupId, 'group');
    const { token } = await createToken(base, ann);
    const raw = await openAsAnn(documentId, token);

    const started = Date.now();
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/members/${ann.id}`)).status).toBe(204);
    const closed = await raw.closed;
    expect(closed.code).toBe(4509);
    expect(Date.now() - started).toBeLessThan(1000);

    const again = openRawSocket(server.current.wsUrl, documentId, `?token=${encodeURIComponent(token)}`);
    expect((await again.closed).code).toBe(4403);
  });

  it('is closed with 4509 when her role changes, and joins again under the new role', async () => {
    const groupId = await makeGroup(base, olive, 'Live roles');
    await addMember(base, olive, groupId, ann, 'annotator');
    const documentId = await createDocument(base, 'Members only too', 'Another text for the group alone.\n');
    fileIntoGroup(server.dbPath, documentId, groupId, 'group');
    const { token } = await createToken(base, ann);
    const raw = await openAsAnn(documentId, token);
    expect((await api(base, olive, 'PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await raw.closed).code).toBe(4509);
    const again = await openAsAnn(documentId, token);
    again.destroy();
  });
});
