/**
 * Hostile requests to the group routes on the real server: forged, guessed, malformed and hash-for-secret invite
 * links name nothing (404); bodies past the cap are refused (413) whether declared or streamed; another origin's
 * writes are refused (403) and change nothing; a member cannot promote themself, mint a stronger invite, or take
 * over the group; accepting without a session is 401; bad bodies and ids are 400; other methods are 405 JSON.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupLimits } from '../../../lib/limits.ts';
import { signUp, type TestAccount } from '../../helpers/accounts.ts';
import { acceptAs, addMember, api, makeGroup, makeInvite } from '../../helpers/groups.ts';
import { rawRequest } from '../../helpers/http-raw.ts';
import { readDatabase } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let base: string;
let olive: TestAccount;
let ann: TestAccount;
let mallory: TestAccount;
let groupId: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  olive = await signUp(base, 'Olive Owner');
  ann = await signUp(base, 'Ann Annotator');
  mallory = await signUp(base, 'Mallory');
  groupId = await makeGroup(base, olive, 'Guarded');
  await addMember(base, olive, groupId, ann, 'annotator');
});

afterAll(async () => {
  await server?.dispose();
});

const roles = async () =>
  Object.fromEntries(
    (await api<{ members: Array<{ id: string; role: string }> }>(base, olive, 'GET', `/api/groups/${groupId}`)).body.members.map(
      (m) => [m.id, m.role] as const,
    ),
  );

describe('invite links that name nothing', () => {
  const forged = [
    `glossa_inv_${randomBytes(32).toString('base64url')}`,
    `glossa_pat_${randomBytes(32).toString('base64url')}`,
    'glossa_inv_',
    'x',
    `glossa_inv_${'A'.repeat(5000)}`,
    '%00%0a',
    '..%2f..%2fapi%2fme',
  ];

  it.each(forged)('GET answers 404 { error } for %s', async (token) => {
    const res = await api(base, null, 'GET', `/api/invites/${token}`);
    expect(res.status).toBe(404);
    expect(res.body).toHaveProperty('error');
  });

  it.each(forged)('accepting answers 404 for %s and adds no one', async (token) => {
    const res = await acceptAs(base, mallory, token);
    expect(res.status).toBe(404);
    expect((await api<unknown[]>(base, mallory, 'GET', '/api/groups')).body).toEqual([]);
  });

  it('does not take the stored hash of a real invite for its secret', async () => {
    const invite = await makeInvite(base, olive, groupId, 'facilitator');
    const hash = readDatabase(
      server.dbPath,
      (db) => (db.prepare('SELECT token_hash FROM group_invites WHERE id = ?').get(invite.id) as { token_hash: string }).token_hash,
    );
    expect((await acceptAs(base, mallory, hash)).status).toBe(404);
    expect((await acceptAs(base, mallory, `glossa_inv_${hash}`)).status).toBe(404);
    expect((await api<unknown[]>(base, mallory, 'GET', '/api/groups')).body).toEqual([]);
  });
});

describe('bodies past the cap', () => {
  const big = JSON.stringify({ name: 'x'.repeat(groupLimits.bodyBytes) });

  it.each([
    ['POST', () => '/api/groups'],
    ['PATCH', () => `/api/groups/${groupId}`],
    ['POST', () => `/api/groups/${groupId}/invites`],
    ['PATCH', () => `/api/groups/${groupId}/members/${ann.id}`],
  ])('%s %s with a declared length is refused with 413 JSON', async (method, path) => {
    const res = await rawRequest(base, method, path(), {
      headers: { cookie: olive.cookie, origin: base, 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toHaveProperty('error');
  });

  it('refuses a streamed body without a length at the cap (413)', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/groups`, {
      method: 'POST',
      headers: { cookie: olive.cookie, origin: base, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(413);
  });

  it('refuses a body on accept past the cap (413)', async () => {
    const invite = await makeInvite(base, olive, groupId, 'viewer');
    const res = await rawRequest(base, 'POST', `/api/invites/${invite.token}/accept`, {
      headers: { cookie: mallory.cookie, origin: base, 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await api<unknown[]>(base, mallory, 'GET', '/api/groups')).body).toEqual([]);
  });
});

describe('writes from another origin', () => {
  const evil = { origin: 'https://evil.example' };

  it('are refused with 403 and change nothing', async () => {
    const invite = await makeInvite(base, olive, groupId, 'facilitator');
    const before = await roles();
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/api/groups', { name: 'Planted' }],
      ['PATCH', `/api/groups/${groupId}`, { name: 'Hijacked' }],
      ['DELETE', `/api/groups/${groupId}`],
      ['POST', `/api/groups/${groupId}/invites`, { role: 'facilitator' }],
      ['DELETE', `/api/groups/${groupId}/invites/${invite.id}`],
      ['PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role: 'viewer' }],
      ['DELETE', `/api/groups/${groupId}/members/${ann.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api(base, olive, method, path, body, evil);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toHaveProperty('error');
    }
    const accept = await acceptAs(base, mallory, invite.token, evil);
    expect(accept.status).toBe(403);
    expect(await roles()).toEqual(before);
    const seen = await api<{ name: string; invites: Array<{ id: string }> }>(base, olive, 'GET', `/api/groups/${groupId}`);
    expect(seen.body.name).toBe('Guarded');
    expect(seen.body.invites.map((i) => i.id)).toContain(invite.id);
    expect((await api<Array<{ name: string }>>(base, olive, 'GET', '/api/groups')).body.map((g) => g.name)).not.toContain('Planted');
  });
});

describe('a member reaching for more', () => {
  it('cannot promote themself', async () => {
    for (const role of ['facilitator', 'owner']) {
      const res = await api(base, ann, 'PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role });
      expect(res.status).toBe(403);
    }
    expect((await roles())[ann.id]).toBe('annotator');
  });

  it('cannot mint a stronger invite for a second account', async () => {
    expect((await api(base, ann, 'POST', `/api/groups/${groupId}/invites`, { role: 'facilitator' })).status).toBe(403);
  });

  it('cannot make anyone the owner, even through the owner', async () => {
    const res = await api(base, olive, 'PATCH', `/api/groups/${groupId}/members/${ann.id}`, { role: 'owner' });
    expect(res.status).toBe(400);
    expect((await roles())[ann.id]).toBe('annotator');
  });

  it("cannot revoke the owner's invites or remove the owner", async () => {
    const invite = await makeInvite(base, olive, groupId, 'viewer');
    expect((await api(base, ann, 'DELETE', `/api/groups/${groupId}/invites/${invite.id}`)).status).toBe(403);
    expect((await api(base, ann, 'DELETE', `/api/groups/${groupId}/members/${olive.id}`)).status).toBe(403);
    expect((await api(base, null, 'GET', `/api/invites/${invite.token}`)).body).toMatchObject({ status: 'valid' });
  });

  it('sees nothing of a group it is not in, and cannot act on it', async () => {
    expect((await api(base, mallory, 'GET', `/api/groups/${groupId}`)).status).toBe(404);
    expect((await api(base, mallory, 'DELETE', `/api/groups/${groupId}/members/${ann.id}`)).status).toBe(404);
    expect((await api(base, mallory, 'PATCH', `/api/groups/${groupId}`, { name: 'Mine' })).status).toBe(404);
  });
});

describe('without a session', () => {
  it('accepting is 401, with no cookie, a forged cookie or a bad token', async () => {
    const invite = await makeInvite(base, olive, groupId, 'viewer');
    expect((await acceptAs(base, null, invite.token)).status).toBe(401);
    expect((await acceptAs(base, null, invite.token, { cookie: 'glossa.session_token=forged.value' })).status).toBe(401);
    expect((await acceptAs(base, null, invite.token, { authorization: 'Bearer glossa_pat_nope' })).status).toBe(401);
    expect((await api(base, null, 'GET', `/api/invites/${invite.token}`)).body).toMatchObject({ status: 'valid' });
  });

  it('every group route is 401', async () => {
    expect((await api(base, null, 'GET', '/api/groups')).status).toBe(401);
    expect((await api(base, null, 'POST', '/api/groups', { name: 'Anon' })).status).toBe(401);
    expect((await api(base, null, 'GET', `/api/groups/${groupId}`)).status).toBe(401);
    expect((await api(base, null, 'POST', `/api/groups/${groupId}/invites`, { role: 'viewer' })).status).toBe(401);
    expect((await api(base, null, 'DELETE', `/api/groups/${groupId}/members/${ann.id}`)).status).toBe(401);
  });
});

describe('bad bodies, ids and methods', () => {
  it.each<[string, unknown]>([
    ['an empty name', { name: '   ' }],
    ['a name past the cap', { name: 'n'.repeat(groupLimits.nameLength + 1) }],
    ['a name with direction characters', { name: 'evil\u202Eclub' }],
    ['a name that is not a string', { name: 42 }],
    ['an unknown key', { name: 'Club', owner: 'someone' }],
    ['no name', {}],
  ])('refuses a group with %s (400)', async (_what, body) => {
    const res = await api(base, olive, 'POST', '/api/groups', body);
    expect(res.status).toBe(400);
    expect(res.body).toHaveProperty('error');
  });

  it.each<[string, unknown]>([
    ['no role', {}],
    ['an owner role', { role: 'owner' }],
    ['an unknown role', { role: 'admin' }],
    ['an expiry under an hour', { role: 'viewer', expiresInHours: 0.5 }],
    ['an expiry past 30 days', { role: 'viewer', expiresInHours: 24 * 31 }],
    ['an expiry as a string', { role: 'viewer', expiresInHours: '24' }],
    ['a negative expiry', { role: 'viewer', expiresInHours: -5 }],
  ])('refuses an invite with %s (400)', async (_what, body) => {
    expect((await api(base, olive, 'POST', `/api/groups/${groupId}/invites`, body)).status).toBe(400);
  });

  it('refuses a body that is not JSON (400)', async () => {
    const res = await rawRequest(base, 'POST', '/api/groups', {
      headers: { cookie: olive.cookie, origin: base, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
  });

  it('answers 400 for malformed ids and 404 for unknown ones', async () => {
    expect((await api(base, olive, 'GET', '/api/groups/not-a-group')).status).toBe(400);
    expect((await api(base, olive, 'GET', `/api/groups/grp-${randomUUID()}`)).status).toBe(404);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/invites/nope`)).status).toBe(400);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/invites/inv-${randomUUID()}`)).status).toBe(404);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/members/${encodeURIComponent('a b')}`)).status).toBe(400);
    expect((await api(base, olive, 'DELETE', `/api/groups/${groupId}/members/${mallory.id}`)).status).toBe(404);
  });

  it.each([
    ['PUT', '/api/groups'],
    ['POST', () => `/api/groups/${groupId}`],
    ['GET', () => `/api/groups/${groupId}/invites`],
    ['GET', () => `/api/groups/${groupId}/members/${ann.id}`],
    ['POST', '/api/invites/glossa_inv_x'],
    ['GET', '/api/invites/glossa_inv_x/accept'],
  ] as Array<[string, string | (() => string)]>)('answers %s %s with 405 JSON', async (method, path) => {
    const res = await api(base, olive, method, typeof path === 'string' ? path : path());
    expect(res.status).toBe(405);
    expect(res.body).toHaveProperty('error');
  });
});
