/**
 * Attack class: keeping or regaining rights one lost, and costing the room through refused changes. A member
 * removed or lowered cannot come back through an old invitation link; the importer of a group's text removed from
 * the group keeps no rights over it; importing a group's text again does not name it to an outsider; a hidden
 * note's text is not served over HTTP to readers who are neither moderators nor its author; and a socket that may
 * not write cannot make the room store or fan out anything by deleting, and is cut off after too many refusals.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderate } from '../../../lib/annotations/moderation.ts';
import { roomLimits } from '../../../lib/limits.ts';
import { createToken, signUp, type TestAccount } from '../../helpers/accounts.ts';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { acceptAs, addMember, api, makeGroup, makeInvite } from '../../helpers/groups.ts';
import { updateLogLength } from '../../helpers/hostile.ts';
import { destroyAllClients, joinRoom, openRawSocket, syncUpdateMessage, waitFor } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let base: string;
let text: string;
let owner: TestAccount;
let member: TestAccount;
let groupId: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  text = await fetchText(base);
  owner = await signUp(base, 'Olive Owner');
  member = await signUp(base, 'Milo Member');
  groupId = await makeGroup(base, owner, 'Escalation club');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const bearer = async (account: TestAccount) => ({ authorization: `Bearer ${(await createToken(base, account)).token}` });

describe('rights once lost', () => {
  it('are not regained through an invitation link made before the removal or the demotion', async () => {
    const facilitatorLink = await makeInvite(base, owner, groupId, 'facilitator');
    expect((await acceptAs(base, member, facilitatorLink.token)).status).toBe(200);
    // Demoted to viewer: the old facilitator link cannot raise him again.
    expect((await api(base, owner, 'PATCH', `/api/groups/${groupId}/members/${member.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await acceptAs(base, member, facilitatorLink.token)).status).toBe(403);
    // Removed: neither can any earlier link bring him back; a link made after does.
    expect((await api(base, owner, 'DELETE', `/api/groups/${groupId}/members/${member.id}`)).status).toBeLessThan(300);
    expect((await acceptAs(base, member, facilitatorLink.token)).status).toBe(403);
    const fresh = await makeInvite(base, owner, groupId, 'annotator');
    expect((await acceptAs(base, member, fresh.token)).status).toBe(200);
    const me = await api<{ role: string }>(base, member, 'GET', `/api/groups/${groupId}`);
    expect(me.body.role).toBe('annotator');
  });

  it("leave the importer of a group's text removed from the group with no rights over it", async () => {
    const importer = await signUp(base, 'Ivy Importer');
    await addMember(base, owner, groupId, importer, 'facilitator');
    const auth = await bearer(importer);
    const res = await fetch(`${base}/api/documents?group=${groupId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ title: 'Filed then removed', text: `${text}\n\nA private coda.` }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await fetch(`${base}/api/documents/${id}`, { headers: auth })).status).toBe(200);
    expect((await api(base, owner, 'DELETE', `/api/groups/${groupId}/members/${importer.id}`)).status).toBeLessThan(300);
    expect((await fetch(`${base}/api/documents/${id}`, { headers: auth })).status).toBe(403);
    const reopen = await fetch(`${base}/api/documents/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ visibility: 'open' }),
    });
    expect(reopen.status).toBe(403);
    expect((await fetch(`${base}/api/documents/${id}/annotations`)).status).toBe(401);
    // The group's owner still has it.
    expect((await api(base, owner, 'GET', `/api/documents/${id}`)).status).toBe(200);
    // Importing the same words again does not name the group's text to an outsider.
    const again = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Probe', text: `${text}\n\nA private coda.` }),
    });
    expect(again.status).toBe(201);
    expect(JSON.stringify(await again.json())).not.toContain(id);
  });
});

describe('a hidden note', () => {
  it('is served over HTTP without its text to readers who are neither moderators nor its author', async () => {
    const writer = { id: 'reader-hana', name: 'Hana' };
    const client = await joinRoom(server.current.wsUrl, storyId, writer);
    const note = buildNote({ text, creator: writer, passage: 'fallen apart', comment: 'HIDDEN-TEXT-91' });
    client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(base)).includes(note.id), 10_000, 'stored');
    // The story's owner (the instance owner: the first account) hides it.
    const ownerClient = await joinRoom(server.current.wsUrl, storyId, undefined, {
      token: (await createToken(base, owner)).token,
      notices: '1',
    });
    await waitFor(() => ownerClient.annotations.has(note.id), 10_000, 'synced');
    ownerClient.annotations.set(note.id, moderate(note, 'hidden', { id: owner.id, name: owner.name }, new Date().toISOString()));
    await waitFor(
      async () => !(await (await fetch(`${base}/api/documents/${storyId}/annotations`)).text()).includes('HIDDEN-TEXT-91'),
      10_000,
      'redacted',
    );
    const asOwner = await (await fetch(`${base}/api/documents/${storyId}/annotations`, { headers: await bearer(owner) })).text();
    expect(asOwner).toContain('HIDDEN-TEXT-91');
    expect(asOwner).toContain('"moderation"');
  });
});

describe('a socket that may not write', () => {
  it('cannot make the room store or fan out anything by deleting, and is closed after too many refusals', async () => {
    const writer = { id: 'reader-wes', name: 'Wes' };
    const honest = await joinRoom(server.current.wsUrl, storyId, writer);
    const note = buildNote({ text, creator: writer, passage: 'two tiny little details', comment: 'Keep me' });
    honest.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(base)).includes(note.id), 10_000, 'stored');
    const before = updateLogLength(server.dbPath, storyId);
    // An anonymous reader syncs the room, then deletes the note over and over.
    const reader = await joinRoom(server.current.wsUrl, storyId);
    await waitFor(() => reader.annotations.has(note.id), 10_000, 'synced');
    const vandal = new Y.Doc();
    Y.applyUpdate(vandal, Y.encodeStateAsUpdate(reader.doc));
    const sv = Y.encodeStateVector(vandal);
    vandal.getMap('annotations').delete(note.id);
    const deleting = syncUpdateMessage(Y.encodeStateAsUpdate(vandal, sv));
    const raw = openRawSocket(server.current.wsUrl, storyId);
    await raw.opened;
    for (let i = 0; i <= roomLimits.refusalsPerMinute + 5; i++) raw.socket.send(deleting);
    expect((await raw.closed).code).toBe(1008);
    expect(updateLogLength(server.dbPath, storyId)).toBe(before);
    expect(honest.annotations.has(note.id)).toBe(true);
    expect(await storedIds(base)).toContain(note.id);
  });
});
