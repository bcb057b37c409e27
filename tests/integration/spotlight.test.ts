/**
 * The spotlight route (`/api/documents/<id>/spotlight`, issue 11) on the real server: only a facilitator or the
 * text's owner sets or clears it (401 without an account, 403 for annotators and viewers), bodies that are not a
 * passage of the text are refused (400), a spotlight reaches every open Glossa reader of the room at once as a
 * notice (stock clients never receive it), a reader who joins later reads the standing spotlight, and DELETE clears
 * it for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../lib/collab/notice.ts';
import type { Spotlight } from '../../lib/meetings/spotlight.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { fetchText } from '../helpers/annotations.ts';
import { groupText } from '../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader, type TestRoomClient } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const vic: TestReader = { id: 'reader-vic', name: 'Vic' };
const outsider: TestReader = { id: 'reader-otto', name: 'Otto' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  documentId = await groupText(server, text, {
    title: 'The book club copy',
    groupId: 'g-club',
    groupName: 'Book club',
    owner,
    members: [
      { reader: fay, role: 'facilitator' },
      { reader: ada, role: 'annotator' },
      { reader: vic, role: 'viewer' },
    ],
    visibility: 'group',
  });
  // After the owner: the first account made on a server runs the instance (and owns texts imported without one).
  tokenForReader(wsUrl, outsider);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const url = () => `${base}/api/documents/${documentId}/spotlight`;

function call(method: string, reader: TestReader | null, body?: unknown): Promise<Response> {
  const token = reader ? tokenForReader(wsUrl, reader) : null;
  return fetch(url(), {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function standing(reader: TestReader): Promise<Spotlight | null> {
  const res = await call('GET', reader);
  expect(res.status).toBe(200);
  return ((await res.json()) as { spotlight: Spotlight | null }).spotlight;
}

const spotlightsOf = (client: TestRoomClient) =>
  client.notices.filter((n): n is Extract<Notice, { kind: 'spotlight' }> => n.kind === 'spotlight').map((n) => n.spotlight);

describe('who may spotlight', () => {
  it('refuses a caller without an account (401)', async () => {
    expect((await call('PUT', null, { start: 0, end: 10 })).status).toBe(401);
    expect((await call('DELETE', null)).status).toBe(401);
  });

  it.each([
    ['an annotator', ada],
    ['a viewer', vic],
    ['someone outside the group', outsider],
  ])('refuses %s (403)', async (_name, reader) => {
    const res = await call('PUT', reader, { start: 0, end: 10 });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
    expect((await call('DELETE', reader)).status).toBe(403);
  });

  it('lets no one outside the group read the spotlight', async () => {
    expect((await call('GET', null)).status).toBe(401);
    expect((await call('GET', outsider)).status).toBe(403);
  });
});

describe('what a spotlight must be', () => {
  it.each([
    ['not JSON', '{start: 1'],
    ['an end before its start', { start: 20, end: 10 }],
    ['an empty passage', { start: 20, end: 20 }],
    ['a negative start', { start: -1, end: 10 }],
    ['offsets as text', { start: '1', end: '10' }],
    ['a fractional offset', { start: 1.5, end: 10 }],
    ['a field the route does not know', { start: 1, end: 10, by: { id: 'reader-olga', name: 'Olga' } }],
    ['gather as text', { start: 1, end: 10, gather: 'yes' }],
    ['a passage past the end of the text', { start: 1, end: 10_000_000 }],
    ['nothing', {}],
  ])('refuses %s (400) and keeps what stood', async (_name, body) => {
    const before = await standing(fay);
    const res = await call('PUT', fay, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
    expect(await standing(fay)).toEqual(before);
  });
});

describe('a spotlight in an open room', () => {
  it('reaches every open reader at once, names its facilitator and quotes the passage; a late joiner reads it', async () => {
    const readers = await Promise.all([
      joinRoom(wsUrl, documentId, ada, { notices: '1' }),
      joinRoom(wsUrl, documentId, vic, { notices: '1' }),
    ]);
    const stock = await joinRoom(wsUrl, documentId, ada);
    const start = text.indexOf('the');
    const res = await call('PUT', fay, { start, end: start + 40, gather: true });
    expect(res.status).toBe(200);
    const { spotlight } = (await res.json()) as { spotlight: Spotlight };
    expect(spotlight).toMatchObject({
      start,
      end: start + 40,
      exact: text.slice(start, start + 40),
      gather: true,
      by: { id: fay.id, name: fay.name },
    });
    for (const client of readers) await waitFor(() => spotlightsOf(client).length > 0, 10_000, 'the spotlight notice');
    for (const client of readers) expect(spotlightsOf(client)).toEqual([spotlight]);
    expect(stock.notices).toEqual([]);

    // A reader who joins later reads the spotlight standing.
    expect(await standing(ada)).toEqual(spotlight);
    expect(await standing(vic)).toEqual(spotlight);
  });

  it('is replaced by the next one, which the owner may set too (by defaults to a spotlight, not a gather)', async () => {
    const res = await call('PUT', owner, { start: 5, end: 25 });
    expect(res.status).toBe(200);
    const now = await standing(ada);
    expect(now).toMatchObject({ start: 5, end: 25, gather: false, by: { id: owner.id, name: owner.name } });
  });

  it('is cleared by DELETE, for everyone open at once and for later joiners', async () => {
    const reader = await joinRoom(wsUrl, documentId, ada, { notices: '1' });
    const res = await call('DELETE', fay);
    expect(res.status).toBe(204);
    await waitFor(() => spotlightsOf(reader).includes(null), 10_000, 'the cleared spotlight notice');
    expect(await standing(vic)).toBeNull();
  });
});
