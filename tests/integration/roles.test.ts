/**
 * Roles enforced on the real server, over real sockets and HTTP: a group's text is closed to outsiders; a viewer's
 * socket is read-only (its write is never stored); an annotator changes only their own notes and may create but not
 * rename themes; a facilitator hides or removes anyone's note and the trace reaches everyone and the HTTP
 * collection; a change of a document's access moves every live reader to their new role at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchCollection, fetchText, storyId } from '../helpers/annotations.ts';
import { groupText } from '../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, openRawSocket, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const facilitator: TestReader = { id: 'reader-fay', name: 'Fay' };
const annotator: TestReader = { id: 'reader-ann', name: 'Ann' };
const second: TestReader = { id: 'reader-ben', name: 'Ben' };
const viewer: TestReader = { id: 'reader-vic', name: 'Vic' };
const outsider: TestReader = { id: 'reader-otto', name: 'Otto' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let groupDoc: string;
const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  groupDoc = await groupText(server, text, {
    title: 'The group copy',
    groupId: 'g-club',
    groupName: 'Thursday club',
    owner,
    members: [
      { reader: facilitator, role: 'facilitator' },
      { reader: annotator, role: 'annotator' },
      { reader: second, role: 'annotator' },
      { reader: viewer, role: 'viewer' },
    ],
    visibility: 'group',
  });
  // After the group's readers: the first account runs the instance (and owns texts imported without one).
  tokenForReader(wsUrl, outsider);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/** A note of `creator` on `passage` of the group's text. */
const noteBy = (creator: TestReader, passage: string, comment = 'A thought.') =>
  buildNote({ text, creator, passage, comment, documentId: groupDoc });

async function written(creator: TestReader, passage: string): Promise<PassageAnnotation> {
  const client = await joinRoom(wsUrl, groupDoc, creator);
  const note = noteBy(creator, passage);
  client.annotations.set(note.id, note);
  await waitFor(async () => (await ownerSees()).includes(note.id), 10_000, 'note stored');
  client.destroy();
  return note;
}

/** The bare id of an annotation IRI as the HTTP collection serves it (`…/annotations/<id>`). */
const bareId = (iri: string) => iri.slice(iri.lastIndexOf('/') + 1);

/** The stored ids of the group's text, read as its owner. */
async function ownerSees(): Promise<string[]> {
  const res = await fetch(`${base}/api/documents/${groupDoc}/annotations`, { headers: bearer(owner) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { first: { items: Array<{ id: string }> } }).first.items.map((a) => bareId(a.id));
}

describe("a group's text", () => {
  it('is closed to outsiders: the socket is refused (4401 without an account, 4403 with one) and HTTP says so', async () => {
    expect((await openRawSocket(wsUrl, groupDoc).closed).code).toBe(4401);
    expect((await openRawSocket(wsUrl, groupDoc, `?token=${tokenForReader(wsUrl, outsider)}`).closed).code).toBe(4403);
    for (const path of ['', '/text', '/annotations']) {
      expect((await fetch(`${base}/api/documents/${groupDoc}${path}`)).status).toBe(401);
      expect((await fetch(`${base}/api/documents/${groupDoc}${path}`, { headers: bearer(outsider) })).status).toBe(403);
      expect((await fetch(`${base}/api/documents/${groupDoc}${path}`, { headers: bearer(viewer) })).status).toBe(200);
    }
    const listed = async (who: Record<string, string>) =>
      ((await (await fetch(`${base}/api/documents`, { headers: who })).json()) as Array<{ id: string }>).map((d) => d.id);
    expect(await listed({})).not.toContain(groupDoc);
    expect(await listed(bearer(outsider))).not.toContain(groupDoc);
    expect(await listed(bearer(viewer))).toContain(groupDoc);
    const page = await fetch(`${base}/d/${groupDoc}`);
    expect(await page.text()).not.toContain('The group copy');
  });

  it('tells each member their role', async () => {
    for (const [reader, role] of [
      [viewer, 'viewer'],
      [annotator, 'annotator'],
      [facilitator, 'facilitator'],
      [owner, 'owner'],
    ] as const) {
      const body = (await (await fetch(`${base}/api/documents/${groupDoc}`, { headers: bearer(reader) })).json()) as {
        access: { role: string; visibility: string };
      };
      expect(body.access).toMatchObject({ role, visibility: 'group' });
    }
  });
});

describe('a viewer', () => {
  it('writes nothing: a note forced through the socket is refused, never stored, and others never see it', async () => {
    const watcher = await joinRoom(wsUrl, groupDoc, annotator);
    const client = await joinRoom(wsUrl, groupDoc, viewer, { notices: '1' });
    const note = noteBy(viewer, 'lost in memories');
    client.annotations.set(note.id, note);
    await waitFor(() => client.notices.some((n) => n.kind === 'rejected'), 10_000, 'the refusal');
    expect(client.notices.find((n) => n.kind === 'rejected')).toMatchObject({ reason: expect.stringMatching(/read/) });
    // The socket stays open for reading: a note written meanwhile by an annotator reaches the viewer.
    const later = noteBy(annotator, 'fallen apart');
    watcher.annotations.set(later.id, later);
    await waitFor(() => client.annotations.has(later.id), 10_000, 'the annotator’s note live at the viewer');
    expect(watcher.annotations.has(note.id)).toBe(false);
    expect(await ownerSees()).not.toContain(note.id);
    await server.restart();
    wsUrl = server.current.wsUrl;
    base = server.current.url;
    expect(await ownerSees()).not.toContain(note.id);
  });
});

describe('an annotator', () => {
  it("cannot edit or delete another's note, nor write in another's name", async () => {
    const bens = await written(second, 'two tiny little details');
    const client = await joinRoom(wsUrl, groupDoc, annotator, { notices: '1' });
    await waitFor(() => client.annotations.has(bens.id), 10_000, 'Ben’s note synced');
    client.annotations.set(bens.id, { ...bens, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Ann was here' }] });
    await waitFor(() => client.notices.some((n) => n.kind === 'refused' && n.key === bens.id), 10_000, 'edit refused');
    client.annotations.delete(bens.id);
    await waitFor(() => client.annotations.has(bens.id), 10_000, 'delete taken back');
    const forged = noteBy(second, 'lost in memories', 'Ann pretending to be Ben');
    client.annotations.set(forged.id, forged);
    await waitFor(() => client.notices.some((n) => n.kind === 'refused' && n.key === forged.id), 10_000, 'forged creator refused');
    const renamed = {
      ...noteBy(annotator, 'lost in memories', 'Ann under a false name'),
      creator: { id: annotator.id, name: 'Queen Ann' },
    };
    client.annotations.set(renamed.id, renamed);
    await waitFor(() => client.notices.some((n) => n.kind === 'refused' && n.key === renamed.id), 10_000, 'forged name refused');
    const stored = await ownerSees();
    expect(stored).toContain(bens.id);
    expect(stored).not.toContain(forged.id);
    expect(stored).not.toContain(renamed.id);
    const kept = (await (await fetch(`${base}/api/documents/${groupDoc}/annotations`, { headers: bearer(owner) })).json()) as {
      first: { items: PassageAnnotation[] };
    };
    expect(kept.first.items.find((a) => bareId(a.id) === bens.id)?.body).toEqual(bens.body);
  });

  it('creates a theme but cannot rename, recolour or delete one; a facilitator can', async () => {
    const ann = await joinRoom(wsUrl, groupDoc, annotator, { notices: '1' });
    ann.tags.set('guilt', { label: 'guilt', color: '#aa3355' });
    const fay = await joinRoom(wsUrl, groupDoc, facilitator, { notices: '1' });
    await waitFor(() => fay.tags.has('guilt'), 10_000, 'the new theme reaches the facilitator');
    ann.tags.set('guilt', { label: 'Guilt (mine)', color: '#000000' });
    await waitFor(() => ann.notices.some((n) => n.kind === 'refused' && n.key === 'guilt'), 10_000, 'rename refused');
    await waitFor(() => (ann.tags.get('guilt') as { label: string }).label === 'guilt', 10_000, 'rename taken back');
    ann.tags.delete('guilt');
    await waitFor(() => ann.tags.has('guilt'), 10_000, 'delete taken back');
    fay.tags.set('guilt', { label: 'Guilt', color: '#225588' });
    await waitFor(
      () => (ann.tags.get('guilt') as { label: string } | undefined)?.label === 'Guilt',
      10_000,
      'the facilitator’s rename live',
    );
    expect(fay.notices.filter((n) => n.kind === 'refused')).toEqual([]);
  });
});

describe('a facilitator', () => {
  it("hides and removes anyone's note; the trace reaches every reader and the HTTP collection", async () => {
    const anns = await written(annotator, 'Spike sat inside the mausoleum');
    const fay = await joinRoom(wsUrl, groupDoc, facilitator, { notices: '1' });
    const ann = await joinRoom(wsUrl, groupDoc, annotator);
    await waitFor(() => fay.annotations.has(anns.id), 10_000, 'note synced');
    fay.annotations.set(anns.id, moderate(anns, 'hidden', facilitator, new Date().toISOString()));
    await waitFor(
      () => (ann.annotations.get(anns.id) as PassageAnnotation | undefined)?.moderation?.action === 'hidden',
      10_000,
      'the hidden mark at the author',
    );
    fay.annotations.set(anns.id, moderate(anns, 'removed', facilitator, new Date().toISOString()));
    await waitFor(
      async () => {
        const items = (await (await fetch(`${base}/api/documents/${groupDoc}/annotations`, { headers: bearer(owner) })).json()) as {
          first: { items: PassageAnnotation[] };
        };
        const stored = items.first.items.find((a) => bareId(a.id) === anns.id);
        return stored?.moderation?.action === 'removed' && stored.body.length === 0;
      },
      10_000,
      'the removal stored with its trace and without the text',
    );
    expect(fay.notices.filter((n) => n.kind === 'refused')).toEqual([]);
    const current = ann.annotations.get(anns.id) as PassageAnnotation;
    expect(current.moderation).toMatchObject({ action: 'removed', by: { id: facilitator.id, name: facilitator.name } });
    // Deleting it outright would leave no trace: refused, and put back.
    fay.annotations.delete(anns.id);
    await waitFor(() => fay.notices.some((n) => n.kind === 'refused' && n.key === anns.id), 10_000, 'delete without trace refused');
  });
});

describe('a change of access', () => {
  it('moves every live reader to their new role at once: opened to all, closed to the group again', async () => {
    // Only the text's owner changes its access.
    const notHers = await fetch(`${base}/api/documents/${groupDoc}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(facilitator) },
      body: JSON.stringify({ visibility: 'open' }),
    });
    expect(notHers.status).toBe(403);
    const owned = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(owner) },
      body: JSON.stringify({ title: 'Olga’s copy', text }),
    });
    const { id } = (await owned.json()) as { id: string };
    const otto = await joinRoom(wsUrl, id, outsider);
    otto.provider.shouldConnect = false;
    const started = Date.now();
    const moved = await fetch(`${base}/api/documents/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(owner) },
      body: JSON.stringify({ visibility: 'group', groupId: 'g-club' }),
    });
    expect(moved.status).toBe(200);
    await waitFor(() => otto.closes.includes(4509), 1000, 'the outsider’s socket closed');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await openRawSocket(wsUrl, id, `?token=${tokenForReader(wsUrl, outsider)}`).closed).code).toBe(4403);
  });
});

it('still serves the open sample story to everyone', async () => {
  expect((await fetch(`${base}/api/documents/${storyId}`)).status).toBe(200);
  expect((await fetchCollection(base)).type).toBeTruthy();
});
