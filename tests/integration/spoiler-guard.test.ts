/**
 * The spoiler guard on the real server: a reader who turns it on does not receive, on any socket or over HTTP, the
 * words of other readers' notes that start past the furthest point they have read; reading further (the browser
 * reports it) moves the horizon of their open sockets, which are told to take a fresh copy that shows the notes now
 * behind it; scrolling back never hides again; other readers are not affected; the setting is remembered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withheldKeys } from '../../lib/annotations/blind.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText, rangeOf } from '../helpers/annotations.ts';
import { groupText } from '../helpers/group-fixture.ts';
import { bytesOfWholeRoom, destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };
const cy: TestReader = { id: 'reader-cy', name: 'Cy' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let club: string;
const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  club = await groupText(server, text, {
    title: 'The club copy',
    groupId: 'g-club',
    groupName: 'Club',
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

function putProgress(reader: TestReader | null, body: unknown, documentId = club): Promise<Response> {
  return fetch(`${base}/api/documents/${documentId}/progress`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(reader ? bearer(reader) : {}) },
    body: JSON.stringify(body),
  });
}

/** Every byte a socket of `reader` receives after asking for the whole room. */
function bytesReceived(reader: TestReader): Promise<Buffer> {
  return bytesOfWholeRoom(wsUrl, club, `?token=${tokenForReader(wsUrl, reader)}`);
}

async function listed(reader: TestReader): Promise<string> {
  const res = await fetch(`${base}/api/documents/${club}/annotations`, { headers: bearer(reader) });
  expect(res.status).toBe(200);
  return res.text();
}

describe('the spoiler guard', () => {
  it('is kept per reader and only moves forward unless set on purpose', async () => {
    expect((await putProgress(null, { spoilerGuard: true })).status).toBe(401);
    expect((await putProgress(cy, {})).status).toBe(400);
    expect((await putProgress(cy, { furthest: -1 })).status).toBe(400);
    expect((await putProgress(cy, { furthest: 10, extra: 1 })).status).toBe(400);
    expect((await putProgress(cy, { setTo: true })).status).toBe(400);
    expect((await putProgress(owner, { furthest: 5 }, 'no-such-text')).status).toBe(404);

    expect(await (await putProgress(cy, { furthest: 500 })).json()).toEqual({ furthest: 500, spoilerGuard: false });
    expect(await (await putProgress(cy, { furthest: 200 })).json()).toEqual({ furthest: 500, spoilerGuard: false });
    expect(await (await putProgress(cy, { furthest: 200, setTo: true, spoilerGuard: true })).json()).toEqual({
      furthest: 200,
      spoilerGuard: true,
    });
    // Never past the end of the text.
    expect(await (await putProgress(cy, { furthest: 10_000_000 })).json()).toEqual({ furthest: text.length, spoilerGuard: true });
    const got = await fetch(`${base}/api/documents/${club}/progress`, { headers: bearer(cy) });
    expect(await got.json()).toEqual({ furthest: text.length, spoilerGuard: true });
    // Someone else's progress is their own.
    expect(await (await fetch(`${base}/api/documents/${club}/progress`, { headers: bearer(ada) })).json()).toEqual({
      furthest: 0,
      spoilerGuard: false,
    });
  });

  it('withholds notes past the reader’s furthest point from their socket and HTTP until they read on', async () => {
    const early = buildNote({ text, creator: ada, passage: 'lost in memories', comment: 'EARLY-note-ada', documentId: club });
    const endingPassage = 'he should have known better';
    const ending = buildNote({ text, creator: ada, passage: endingPassage, comment: 'SPOILER-ending-ada-5f1', documentId: club });
    const adaClient = await joinRoom(wsUrl, club, ada, { notices: '1' });
    adaClient.annotations.set(early.id, early);
    adaClient.annotations.set(ending.id, ending);

    // Bea has read the opening paragraphs and turns her guard on.
    const horizon = rangeOf(text, 'Things in Sunnydale').start;
    expect((await putProgress(bea, { furthest: horizon, spoilerGuard: true })).status).toBe(200);

    const beaClient = await joinRoom(wsUrl, club, bea, { notices: '1' });
    await waitFor(() => beaClient.annotations.has(early.id), 10_000, 'the early note at Bea');
    expect(beaClient.annotations.has(ending.id)).toBe(false);
    expect(withheldKeys(beaClient.annotations)).toHaveLength(1);
    expect(Buffer.from(Y.encodeStateAsUpdate(beaClient.doc)).includes('SPOILER-ending')).toBe(false);
    expect((await bytesReceived(bea)).includes('SPOILER-ending')).toBe(false);
    expect(await listed(bea)).not.toContain('SPOILER-ending');
    expect(await listed(bea)).toContain('EARLY-note-ada');
    // Readers without the guard are not affected.
    expect((await bytesReceived(cy)).includes('SPOILER-ending')).toBe(true); // Cy's guard is on, at the end: sees all
    expect(await listed(cy)).toContain('SPOILER-ending');
    expect((await bytesReceived(owner)).includes('SPOILER-ending')).toBe(true);

    // A new note past the horizon, live: still only a placeholder.
    const later = buildNote({
      text,
      creator: ada,
      passage: 'Things had changed, fallen apart',
      comment: 'LIVE-later-ada',
      documentId: club,
    });
    adaClient.annotations.set(later.id, later);
    await waitFor(() => withheldKeys(beaClient.annotations).length === 2, 10_000, 'the live placeholder');
    expect(Buffer.from(Y.encodeStateAsUpdate(beaClient.doc)).includes('LIVE-later')).toBe(false);

    // Bea reads on past the second paragraph: her socket is told to take a fresh copy, which shows that note only.
    const past = rangeOf(text, 'He could feel it stirring').start;
    expect(await (await putProgress(bea, { furthest: past })).json()).toEqual({ furthest: past, spoilerGuard: true });
    await waitFor(() => beaClient.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice');
    expect(beaClient.notices.find((n) => n.kind === 'revealed')).toEqual({ kind: 'revealed', notes: 1, cause: 'reading' });
    const fresh = await joinRoom(wsUrl, club, bea, { notices: '1' });
    await waitFor(() => fresh.annotations.has(later.id), 10_000, 'the note Bea read past');
    expect(fresh.annotations.has(ending.id)).toBe(false);
    expect(await listed(bea)).toContain('LIVE-later-ada');
    expect(await listed(bea)).not.toContain('SPOILER-ending');

    // Scrolling back does not hide again.
    expect(await (await putProgress(bea, { furthest: 10 })).json()).toEqual({ furthest: past, spoilerGuard: true });
    expect(await listed(bea)).toContain('LIVE-later-ada');

    // Turning the guard off shows everything (a new socket).
    expect((await putProgress(bea, { spoilerGuard: false })).status).toBe(200);
    const open = await joinRoom(wsUrl, club, bea, { notices: '1' });
    await waitFor(() => open.annotations.has(ending.id), 10_000, 'the ending with the guard off');
    expect(await listed(bea)).toContain('SPOILER-ending');
  });

  it('still shows the reader’s own notes and the replies on them, wherever they are', async () => {
    expect((await putProgress(ada, { furthest: 0, setTo: true, spoilerGuard: true })).status).toBe(200);
    const mine = buildNote({
      text,
      creator: ada,
      passage: 'And he should have known better',
      comment: 'MINE-at-the-end',
      documentId: club,
    });
    const adaClient = await joinRoom(wsUrl, club, ada, { notices: '1' });
    adaClient.annotations.set(mine.id, mine);
    await waitFor(async () => (await listed(ada)).includes('MINE-at-the-end'), 10_000, 'Ada’s own note listed');
    const again = await joinRoom(wsUrl, club, ada, { notices: '1' });
    await waitFor(() => again.annotations.has(mine.id), 10_000, 'Ada’s own note on her socket');
    expect((await putProgress(ada, { spoilerGuard: false })).status).toBe(200);
  });
});
