/**
 * Accounts on the real server: sign up and in through Better Auth's routes, `/api/me` by cookie and by token,
 * personal access tokens made, listed and revoked, and the live room binding a signed-in socket to its account:
 * its notes must carry the account's id and name, and bad credentials are refused with 4401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { cookieHeader, createToken, signUp, type TestAccount } from '../helpers/accounts.ts';
import { destroyAllClients, joinRoom, openRawSocket, waitFor } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let base: string;
let text: string;
let ada: TestAccount;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  text = await fetchText(base);
  ada = await signUp(base, 'Ada Lovelace');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const me = (headers: Record<string, string>) => fetch(`${base}/api/me`, { headers });

describe('accounts over HTTP', () => {
  it('signs up with a hashed password and an httpOnly, SameSite session cookie', async () => {
    const res = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: 'Cookie Check', email: `cookie-${Date.now()}@example.test`, password: 'a long enough password' }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    // Not `Secure` on plain http (Glossa's default), or browsers would never send it back.
    const cookie = cookies.find((c) => c.startsWith('glossa.session_token='));
    expect(cookie, cookies.join(' | ')).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers /api/me with the creator the server expects, by cookie', async () => {
    const res = await me({ cookie: ada.cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ creator: { id: ada.id, name: 'Ada Lovelace' }, via: 'session', instanceOwner: true });
    // The first account runs the instance; later ones do not.
    const later = await signUp(base, 'Later Comer');
    expect(await (await me({ cookie: later.cookie })).json()).toMatchObject({ instanceOwner: false });
  });

  it('answers 401 { error } without a session, with a forged cookie, or with a bad token', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { cookie: 'glossa.session_token=forged.value' },
      { authorization: 'Bearer glossa_pat_nope' },
    ];
    for (const headers of attempts) {
      const res = await me(headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toHaveProperty('error');
    }
  });

  it('signs in with the password and out again', async () => {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: ada.email, password: ada.password }),
    });
    expect(res.status).toBe(200);
    const cookie = cookieHeader(res);
    expect((await me({ cookie })).status).toBe(200);
    const out = await fetch(`${base}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await me({ cookie })).status).toBe(401);
    const wrong = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: ada.email, password: 'not the password' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('makes, lists and revokes personal access tokens; a token is shown once and stored as a hash', async () => {
    const { token, id } = await createToken(base, ada, 'script');
    expect(token).toMatch(/^glossa_pat_/);
    expect(await (await me({ authorization: `Bearer ${token}` })).json()).toMatchObject({ creator: { id: ada.id }, via: 'token' });
    const list = (await (await fetch(`${base}/api/tokens`, { headers: { cookie: ada.cookie } })).json()) as Array<Record<string, unknown>>;
    expect(list.find((t) => t.id === id)).toMatchObject({ label: 'script' });
    expect(JSON.stringify(list)).not.toContain(token);
    // A token cannot mint tokens; another origin cannot either.
    expect((await fetch(`${base}/api/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect(
      (await fetch(`${base}/api/tokens`, { method: 'POST', headers: { cookie: ada.cookie, origin: 'https://evil.example' } })).status,
    ).toBe(403);
    const revoke = await fetch(`${base}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie: ada.cookie, origin: base } });
    expect(revoke.status).toBe(204);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describe('a signed-in socket', () => {
  it("writes notes as its account, and a note in anyone else's name is refused", async () => {
    const { token } = await createToken(base, ada);
    const client = await joinRoom(server.current.wsUrl, storyId, undefined, { token });
    const own = buildNote({ text, creator: { id: ada.id, name: ada.name }, passage: 'Spike sat inside the mausoleum', comment: 'Mine.' });
    client.annotations.set(own.id, own);
    await waitFor(async () => (await storedIds(base)).includes(own.id), 10_000, 'own note stored');

    const forgedName = buildNote({
      text,
      creator: { id: ada.id, name: 'Someone Else' },
      passage: 'Spike sat inside the mausoleum',
      comment: 'Forged name.',
    });
    const forgedId = buildNote({
      text,
      creator: { id: 'victim', name: 'Victim' },
      passage: 'Spike sat inside the mausoleum',
      comment: 'Forged id.',
    });
    client.annotations.set(forgedName.id, forgedName);
    client.annotations.set(forgedId.id, forgedId);
    await waitFor(() => !client.annotations.has(forgedName.id) && !client.annotations.has(forgedId.id), 10_000, 'forged notes taken back');
    const stored = await storedIds(base);
    expect(stored).not.toContain(forgedName.id);
    expect(stored).not.toContain(forgedId.id);
  });

  it("is how a test's named reader joins: as an account with the reader's id and name (a note in another name is refused)", async () => {
    const reader = { id: 'fixture-reader', name: 'Fixture Reader' };
    const client = await joinRoom(server.current.wsUrl, storyId, reader);
    expect(client.provider.url).toContain('token=glossa_pat_');
    expect(client.provider.url).not.toContain('user=');
    const renamed = buildNote({ text, creator: { id: reader.id, name: 'Not My Name' }, passage: 'Spike sat inside the mausoleum' });
    const own = buildNote({ text, creator: reader, passage: 'Spike sat inside the mausoleum' });
    client.annotations.set(renamed.id, renamed);
    client.annotations.set(own.id, own);
    await waitFor(async () => (await storedIds(base)).includes(own.id) && !client.annotations.has(renamed.id), 10_000, 'judged');
    expect(await storedIds(base)).not.toContain(renamed.id);
  });

  it('ignores a claimed identity when the socket is signed in', async () => {
    const { token } = await createToken(base, ada);
    const client = await joinRoom(server.current.wsUrl, storyId, { id: 'victim', name: 'Victim' }, { token });
    const asVictim = buildNote({
      text,
      creator: { id: 'victim', name: 'Victim' },
      passage: 'Spike sat inside the mausoleum',
      comment: 'Claimed.',
    });
    client.annotations.set(asVictim.id, asVictim);
    await waitFor(() => !client.annotations.has(asVictim.id), 10_000, 'claimed note taken back');
    expect(await storedIds(base)).not.toContain(asVictim.id);
  });

  it('opened with a session cookie is closed within a second of signing out', async () => {
    const bea = await signUp(base, 'Bea Cookie');
    const socket = new WebSocket(`${server.current.wsUrl}/collab/${storyId}`, { headers: { cookie: bea.cookie } });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const started = Date.now();
    const out = await fetch(`${base}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: bea.cookie, origin: base, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(await closed).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives nothing to a claim of an account's id, or to a cookie sent from another origin: such a socket only reads", async () => {
    const cleo = await signUp(base, 'Cleo Claimed');
    const claimed = { user: cleo.id, name: 'Cleo Claimed', notices: '1' };
    const claim = await joinRoom(server.current.wsUrl, storyId, undefined, claimed);
    const forged = buildNote({
      text,
      creator: { id: cleo.id, name: cleo.name },
      passage: 'Spike sat inside the mausoleum',
      comment: 'Forged.',
    });
    claim.annotations.set(forged.id, forged);
    await waitFor(() => claim.notices.some((n) => n.kind === 'rejected'), 10_000, 'the write refused');
    // Her cookie from a page of another origin does not sign the socket in: it reads, and its write is refused too.
    const url = `${server.current.wsUrl}/collab/${storyId}?notices=1`;
    const crossSite = new WebSocket(url, { headers: { cookie: cleo.cookie, origin: 'http://localhost:9999' } });
    await new Promise<void>((resolve, reject) => {
      crossSite.once('message', () => resolve());
      crossSite.once('close', (c) => reject(new Error(`closed with ${c}`)));
    });
    crossSite.close();
    expect(await storedIds(base)).not.toContain(forged.id);
    // From this site's own page the same cookie signs in.
    const own = new WebSocket(url, { headers: { cookie: cleo.cookie, origin: base } });
    await new Promise<void>((resolve, reject) => {
      own.once('message', () => resolve());
      own.once('close', (c) => reject(new Error(`closed with ${c}`)));
    });
    own.close();
  });

  it('keeps the name a note was written in: an edit that renames its creator is taken back', async () => {
    const { token } = await createToken(base, ada);
    const client = await joinRoom(server.current.wsUrl, storyId, undefined, { token });
    const note = buildNote({ text, creator: { id: ada.id, name: ada.name }, passage: 'Spike sat inside the mausoleum', comment: 'Named.' });
    client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(base)).includes(note.id), 10_000, 'note stored');
    client.annotations.set(note.id, { ...note, creator: { id: ada.id, name: 'Someone Famous' }, modified: new Date().toISOString() });
    await waitFor(
      () => (client.annotations.get(note.id) as { creator: { name: string } }).creator.name === ada.name,
      10_000,
      'rename taken back',
    );
  });

  it('moves live sockets to a new name at once: closed with 4509, joined again under the new name', async () => {
    const dora = await signUp(base, 'Dora Before');
    const { token } = await createToken(base, dora);
    const client = await joinRoom(server.current.wsUrl, storyId, undefined, { token, notices: '1' });
    const started = Date.now();
    const res = await fetch(`${base}/api/auth/update-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: dora.cookie, origin: base },
      body: JSON.stringify({ name: 'Dora After' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => client.closes.includes(4509), 1000, 'socket closed with 4509');
    expect(Date.now() - started).toBeLessThan(1000);
    await waitFor(() => client.provider.wsconnected && client.provider.synced, 10_000, 'joined again');
    const note = buildNote({ text, creator: { id: dora.id, name: 'Dora After' }, passage: 'fallen apart', comment: 'New name.' });
    client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(base)).includes(note.id), 10_000, 'a note under the new name stored');
  });

  it("is closed within a second of its token's revocation", async () => {
    const { token, id } = await createToken(base, ada);
    const client = await joinRoom(server.current.wsUrl, storyId, undefined, { token });
    client.provider.shouldConnect = false; // no reconnecting: the close is what is measured
    const started = Date.now();
    const res = await fetch(`${base}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie: ada.cookie, origin: base } });
    expect(res.status).toBe(204);
    await waitFor(() => client.closes.includes(4401), 1000, 'socket closed with 4401');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is refused with 4401 for a bad or revoked token, and with its own name for a signed-in one', async () => {
    const bad = openRawSocket(server.current.wsUrl, storyId, '?token=glossa_pat_not-a-token');
    expect((await bad.closed).code).toBe(4401);
    const { token, id } = await createToken(base, ada);
    await fetch(`${base}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie: ada.cookie, origin: base } });
    const revoked = openRawSocket(server.current.wsUrl, storyId, `?token=${token}`);
    expect((await revoked.closed).code).toBe(4401);
  });
});

describe('account hygiene', () => {
  it('normalises a display name and refuses one that no note could carry', async () => {
    const spaced = await signUp(base, '  Dora   Spaces ');
    expect(spaced.name).toBe('Dora Spaces');
    const res = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: 'x'.repeat(500), email: `long-${Date.now()}@example.test`, password: 'long enough password' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/at most/);
  });

  it('refuses an oversized account request before reading it', async () => {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(413);
  });

  it('closes all the live sockets of a user who changes their password with other sessions revoked', async () => {
    const eve = await signUp(base, 'Eve Changes');
    const { token } = await createToken(base, eve);
    const client = await joinRoom(server.current.wsUrl, storyId, undefined, { token });
    client.provider.shouldConnect = false;
    const res = await fetch(`${base}/api/auth/change-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie: eve.cookie },
      body: JSON.stringify({ currentPassword: eve.password, newPassword: 'a brand new password', revokeOtherSessions: true }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => client.closes.includes(4401), 2000, 'socket closed');
  });
});
