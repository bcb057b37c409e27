/**
 * Attacks on mentions and the inbox (issue 11): a huge or malformed autocomplete query, a note that mentions a
 * thousand names (or one name a thousand times), marking items of someone else's inbox read, reading another
 * reader's inbox, cross-origin and oversized mark-read requests. Ends with db:check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { groupText } from '../../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };
const cy: TestReader = { id: 'reader-cy', name: 'Cy' };

interface InboxBody {
  items: Array<{ annotationId: string; documentId: string; read: boolean }>;
  unread: number;
}

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let club: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  club = await groupText(server, text, {
    title: 'The club copy',
    groupId: 'g-club',
    groupName: 'Book club',
    owner,
    members: [
      { reader: ada, role: 'annotator' },
      { reader: bea, role: 'annotator' },
      { reader: cy, role: 'annotator' },
    ],
    visibility: 'group',
  });
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

async function inboxOf(reader: TestReader, query = ''): Promise<InboxBody> {
  const res = await fetch(`${base}/api/inbox${query}`, { headers: bearer(reader) });
  expect(res.status).toBe(200);
  return (await res.json()) as InboxBody;
}

function markRead(reader: TestReader, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/inbox/read`, {
    method: 'POST',
    headers: { ...bearer(reader), 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('the members route', () => {
  it('refuses a huge q (400) and answers one a name long', async () => {
    const url = `${base}/api/documents/${club}/members`;
    expect((await fetch(`${url}?q=${'a'.repeat(81)}`, { headers: bearer(cy) })).status).toBe(400);
    expect((await fetch(`${url}?q=${'b'.repeat(100_000)}`, { headers: bearer(cy) })).status).toBeGreaterThanOrEqual(400);
    const fine = await fetch(`${url}?q=${'a'.repeat(80)}`, { headers: bearer(cy) });
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ members: [] });
  });

  it.each(['0', '501', 'abc', '1.5', '-1'])('refuses limit=%s (400)', async (limit) => {
    expect((await fetch(`${base}/api/documents/${club}/members?limit=${limit}`, { headers: bearer(cy) })).status).toBe(400);
  });
});

describe('a note that mentions a thousand names', () => {
  it('reaches each member it names once, and no one else, with the inbox still quick', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    const names = Array.from({ length: 1000 }, (_, i) => `@R${i}`).join(' ');
    const crowded = buildNote({ text, creator: ada, passage: 'the chip', comment: `${names} @Bea`, documentId: club });
    const repeated = buildNote({ text, creator: ada, passage: 'her eyes', comment: '@Bea '.repeat(1000), documentId: club });
    adaRoom.annotations.set(crowded.id, crowded);
    adaRoom.annotations.set(repeated.id, repeated);
    await waitFor(async () => (await inboxOf(bea)).items.length === 2, 10_000, 'both notes in Bea’s inbox');
    const started = performance.now();
    const inbox = await inboxOf(bea);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(inbox.items.map((i) => i.annotationId).sort()).toEqual([crowded.id, repeated.id].sort());
    expect(inbox.unread).toBe(2);
    expect((await inboxOf(cy)).items).toHaveLength(0);
    expect((await inboxOf(owner)).items).toHaveLength(0);
  });
});

describe('someone else’s inbox', () => {
  it('cannot be marked read by another reader', async () => {
    const before = await inboxOf(bea);
    expect(before.unread).toBeGreaterThan(0);
    const item = before.items[0];
    const res = await markRead(cy, JSON.stringify({ items: [{ documentId: item.documentId, annotationId: item.annotationId }] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ marked: 0, unread: 0 });
    expect((await inboxOf(bea)).unread).toBe(before.unread);
  });

  it('cannot be read by naming its owner (400 for any parameter but offset and limit)', async () => {
    expect((await fetch(`${base}/api/inbox?user=${bea.id}`, { headers: bearer(cy) })).status).toBe(400);
    expect((await fetch(`${base}/api/inbox?userId=${bea.id}`, { headers: bearer(cy) })).status).toBe(400);
    expect((await inboxOf(cy)).items).toHaveLength(0);
  });

  it('is not marked read by items the reader does not have (nothing stored for them)', async () => {
    const res = await markRead(
      cy,
      JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ documentId: club, annotationId: `made-up-${i}` })) }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { marked: number }).marked).toBe(0);
  });
});

describe('mark-read requests', () => {
  it.each([
    ['bad JSON', '{"items":'],
    ['no items', '{"items":[]}'],
    ['all: false', '{"all":false}'],
    ['an unknown field', '{"all":true,"user":"reader-bea"}'],
    ['a bad document id', '{"items":[{"documentId":"../x","annotationId":"a"}]}'],
    ['more than 500 items', JSON.stringify({ items: Array.from({ length: 501 }, (_, i) => ({ documentId: 'd', annotationId: `a${i}` })) })],
  ])('refuses %s (400)', async (_case, body) => {
    expect((await markRead(bea, body)).status).toBe(400);
  });

  it('refuses a body over 128 KiB (413)', async () => {
    expect((await markRead(bea, `{"all":true,"pad":"${'x'.repeat(200 * 1024)}"}`)).status).toBe(413);
  });

  it('refuses another site’s request (403)', async () => {
    expect((await markRead(bea, '{"all":true}', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await inboxOf(bea)).unread).toBeGreaterThan(0);
  });

  it('leaves the database consistent', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
