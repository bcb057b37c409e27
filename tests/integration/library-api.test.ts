/**
 * The library's side of the HTTP API against the real server: each entry's size and its notes and replies counted
 * apart, renaming a text and changing its author (`PATCH`), deleting it (`DELETE`: hidden from every route and room,
 * live sockets closed with 4404) and bringing it back (`POST …/restore`) within the window, and the duplicate notice
 * on import. SQLite is read back where the HTTP answer alone could hide a mistake.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { createToken, signUp } from '../helpers/accounts.ts';
import { buildNote, fetchText, storedIds } from '../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, openRawSocket, waitFor } from '../helpers/room-clients.ts';
import { readDatabase } from '../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

interface LibraryEntry {
  id: string;
  title: string;
  author: string | null;
  noteCount: number;
  replyCount: number;
  length: number;
}

interface DeletedEntry extends LibraryEntry {
  deletedAt: string;
  restorableUntil: string;
}

let server: TestServer;
let url = '';
let serial = 0;
/** The librarian imports the texts, so owns them: only an owner renames, deletes or restores a text. */
let librarian: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  url = server.current.url;
  const { token } = await createToken(url, await signUp(url, 'Librarian'));
  librarian = { authorization: `Bearer ${token}` };
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/** A story nobody imported yet (so no test's import is another's duplicate). */
function freshStory(): string {
  serial += 1;
  return `author: Test Writer\n\nStory ${serial} begins where the river bends.\n\nIt ends ${serial} days later, by the mill.\n`;
}

async function importText(title: string, text: string): Promise<{ id: string; duplicateOf?: Array<{ id: string; title: string }> }> {
  const res = await fetch(`${url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...librarian },
    body: JSON.stringify({ title, text }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; duplicateOf?: Array<{ id: string; title: string }> };
}

async function library(): Promise<LibraryEntry[]> {
  const res = await fetch(`${url}/api/documents`);
  expect(res.status).toBe(200);
  return (await res.json()) as LibraryEntry[];
}

function patch(id: string, body: unknown, as: Record<string, string> = librarian): Promise<Response> {
  return fetch(`${url}/api/documents/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...as },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function remove(id: string, as: Record<string, string> = librarian): Promise<Response> {
  return fetch(`${url}/api/documents/${id}`, { method: 'DELETE', headers: as });
}

function restore(id: string, as: Record<string, string> = librarian): Promise<Response> {
  return fetch(`${url}/api/documents/${id}/restore`, { method: 'POST', headers: as });
}

describe('who may manage a text', () => {
  it('refuses a rename, delete or restore by anyone but its owner: 401 without an account, 403 with another', async () => {
    const { id } = await importText('Owned', freshStory());
    const { token } = await createToken(url, await signUp(url, 'Passer-by'));
    const stranger = { authorization: `Bearer ${token}` };
    for (const as of [{}, stranger]) {
      const expected = 'authorization' in as ? 403 : 401;
      expect((await patch(id, { title: 'Taken' }, as)).status).toBe(expected);
      expect((await remove(id, as)).status).toBe(expected);
      expect((await restore(id, as)).status).toBe(expected);
      expect(((await (await patch(id, {}, as)).json()) as { error: string }).error).toBeTruthy();
    }
    expect((await library()).find((d) => d.id === id)?.title).toBe('Owned');
  });
});

/** Imports a fresh story and writes two notes by Ann and a reply by Ben into its room; resolves once all are stored. */
async function storyWithNotes(title: string): Promise<{ id: string; noteIds: string[] }> {
  const { id } = await importText(title, freshStory());
  const text = await fetchText(url, id);
  const a = await joinRoom(server.current.wsUrl, id, ann);
  const notes = [
    buildNote({ text, creator: ann, passage: 'where the river bends', documentId: id }),
    buildNote({ text, creator: ann, passage: 'by the mill', documentId: id }),
  ];
  for (const note of notes) a.annotations.set(note.id, note);
  const reply = buildReply({ id: `reply-${id}`, parentId: notes[0].id, creator: ben, text: 'Which river?', now: new Date() });
  const b = await joinRoom(server.current.wsUrl, id, ben);
  await waitFor(() => b.annotations.has(notes[0].id), 10_000, "Ann's note in Ben's map");
  b.annotations.set(reply.id, reply);
  await waitFor(async () => (await storedIds(url, id)).length === 3, 10_000, 'two notes and a reply stored');
  a.destroy();
  b.destroy();
  return { id, noteIds: [...notes.map((n) => n.id), reply.id] };
}

describe('the library list', () => {
  it('counts notes and replies apart and gives each text its size', async () => {
    const { id } = await storyWithNotes('Counted Apart');
    const text = await fetchText(url, id);
    expect((await library()).find((d) => d.id === id)).toMatchObject({
      id,
      title: 'Counted Apart',
      noteCount: 2,
      replyCount: 1,
      length: text.length,
    });
  });
});

describe('PATCH /api/documents/<id>', () => {
  it('renames a text and changes its author, keeping its id', async () => {
    const { id } = await importText('Old Name', freshStory());
    const res = await patch(id, { title: '  New   Name ', author: 'Ada Writer' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, title: 'New Name', author: 'Ada Writer' });
    const outline = (await (await fetch(`${url}/api/documents/${id}`)).json()) as { title: string; author: string };
    expect(outline).toMatchObject({ title: 'New Name', author: 'Ada Writer' });
    expect((await library()).find((d) => d.id === id)?.title).toBe('New Name');
  });

  it('clears the author when it is blank or null', async () => {
    const { id } = await importText('Authorless', freshStory());
    expect(await (await patch(id, { author: '   ' })).json()).toMatchObject({ author: null });
    await patch(id, { author: 'Someone' });
    expect(await (await patch(id, { author: null })).json()).toMatchObject({ author: null });
  });

  it('cuts a title over the cap with an ellipsis, like every other title', async () => {
    const { id } = await importText('Long Title', freshStory());
    const body = (await (await patch(id, { title: 'Long '.repeat(100) })).json()) as { title: string };
    expect(body.title).toHaveLength(200);
    expect(body.title.endsWith('…')).toBe(true);
  });

  it.each([
    ['a blank title', { title: '   ' }],
    ['an author over the cap', { author: 'A'.repeat(201) }],
    ['an unknown field', { titel: 'Typo' }],
    ['nothing to change', {}],
    ['a title that is not a string', { title: 42 }],
    ['a body that is not JSON', '{"title": '],
  ])('refuses %s with 400 { error }', async (_what, body) => {
    const { id } = await importText('Unchanged', freshStory());
    const res = await patch(id, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    expect((await library()).find((d) => d.id === id)?.title).toBe('Unchanged');
  });

  it('answers 404 for an unknown document and 400 for a malformed id', async () => {
    const unknown = await patch('no-such-text', { title: 'X' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
    const malformed = await patch('not%20an%20id', { title: 'X' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.any(String) });
  });
});

describe('DELETE /api/documents/<id>', () => {
  it('answers what goes with the text: its notes and replies, and until when it can be restored', async () => {
    const { id } = await storyWithNotes('To Be Deleted');
    const before = Date.now();
    const res = await remove(id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DeletedEntry;
    expect(body).toMatchObject({ id, title: 'To Be Deleted', noteCount: 2, replyCount: 1 });
    const window = Date.parse(body.restorableUntil) - Date.parse(body.deletedAt);
    expect(window).toBe(30 * 24 * 60 * 60 * 1000);
    expect(Date.parse(body.deletedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('hides the text from the library, every route, the reader page and its room', async () => {
    const { id } = await importText('Hidden After Delete', freshStory());
    expect((await remove(id)).status).toBe(200);
    expect((await library()).some((d) => d.id === id)).toBe(false);
    for (const path of [`/api/documents/${id}`, `/api/documents/${id}/text`, `/api/documents/${id}/annotations`]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    const page = await fetch(`${url}/d/${id}`);
    expect(page.status).toBe(404);
    await page.text();
    expect((await openRawSocket(server.current.wsUrl, id).closed).code).toBe(4404);
    expect((await patch(id, { title: 'Renamed While Deleted' })).status).toBe(404);
  });

  it('closes the live room of the text: its readers are disconnected with 4404', async () => {
    const { id } = await importText('Read While Deleted', freshStory());
    const reader = openRawSocket(server.current.wsUrl, id, '?user=raw-reader&name=Raw');
    // The room's sync step 1 arrives once the socket has joined the loaded room.
    await new Promise((resolve) => reader.socket.once('message', resolve));
    expect((await remove(id)).status).toBe(200);
    expect((await reader.closed).code).toBe(4404);
  });

  it('keeps the rows until the text is purged', async () => {
    const { id } = await storyWithNotes('Kept Rows');
    await remove(id);
    const rows = readDatabase(server.dbPath, (db) => db.prepare('select count(*) as n from annotations where document_id = ?').get(id));
    expect(rows).toEqual({ n: 3 });
  });

  it('answers 404 for a text already deleted or unknown, 400 for a malformed id', async () => {
    const { id } = await importText('Deleted Twice', freshStory());
    expect((await remove(id)).status).toBe(200);
    const again = await remove(id);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: expect.any(String) });
    expect((await remove('no-such-text')).status).toBe(404);
    expect((await remove('bad%20id')).status).toBe(400);
  });
});

describe('POST /api/documents/<id>/restore', () => {
  it('brings the text back with its notes and replies, in the library and in its room', async () => {
    const { id, noteIds } = await storyWithNotes('Restored');
    await remove(id);
    const res = await restore(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, title: 'Restored', noteCount: 2, replyCount: 1, restored: true });
    expect((await library()).find((d) => d.id === id)).toMatchObject({ noteCount: 2, replyCount: 1 });
    expect((await storedIds(url, id)).sort()).toEqual([...noteIds].sort());
    const client = await joinRoom(server.current.wsUrl, id);
    expect([...client.annotations.keys()].sort()).toEqual([...noteIds].sort());
    client.destroy();
  });

  it('is a harmless repeat for a text that is not deleted', async () => {
    const { id } = await importText('Never Deleted', freshStory());
    const res = await restore(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, restored: false });
  });

  it('answers 404 for an unknown text and 400 for a malformed id', async () => {
    expect((await restore('no-such-text')).status).toBe(404);
    const malformed = await restore('not%20an%20id');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses a text deleted longer ago than the window, which the next delete purges with its notes', async () => {
    const { id } = await storyWithNotes('Past The Window');
    await remove(id);
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString();
    const db = new Database(server.dbPath);
    try {
      db.prepare('update documents set deleted_at = ? where id = ?').run(longAgo, id);
    } finally {
      db.close();
    }
    expect((await restore(id)).status).toBe(404);
    const { id: other } = await importText('Deleted Later', freshStory());
    await remove(other);
    const left = readDatabase(server.dbPath, (d) => ({
      documents: d.prepare('select count(*) as n from documents where id = ?').get(id),
      annotations: d.prepare('select count(*) as n from annotations where document_id = ?').get(id),
      updates: d.prepare('select count(*) as n from yjs_updates where document_id = ?').get(id),
    }));
    expect(left).toEqual({ documents: { n: 0 }, annotations: { n: 0 }, updates: { n: 0 } });
    expectDatabaseConsistent(server.dbPath);
  });
});

describe('duplicates on import', () => {
  it('names the texts that already hold the same canonical text, and still imports', async () => {
    const story = freshStory();
    const first = await importText('First Copy', story);
    expect(first.duplicateOf).toBeUndefined();
    const second = await importText('Second Copy', story);
    expect(second.id).not.toBe(first.id);
    expect(second.duplicateOf).toEqual([{ id: first.id, title: 'First Copy' }]);
    expect((await library()).some((d) => d.id === second.id)).toBe(true);
  });

  it('finds a duplicate sent in another framing (a file in a multipart form)', async () => {
    const story = freshStory();
    const first = await importText('Framed Once', story);
    const form = new FormData();
    form.set('file', new Blob([story], { type: 'text/plain' }), 'again.txt');
    const res = await fetch(`${url}/api/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ duplicateOf: [{ id: first.id, title: 'Framed Once' }] });
  });

  it('does not name a deleted text', async () => {
    const story = freshStory();
    const first = await importText('Deleted Original', story);
    await remove(first.id);
    expect((await importText('Only Copy', story)).duplicateOf).toBeUndefined();
  });

  it('finds a text stored before hashes existed (its hash is filled on the next import)', async () => {
    const story = freshStory();
    const first = await importText('Unhashed Original', story);
    const db = new Database(server.dbPath);
    try {
      db.prepare('update documents set text_hash = null where id = ?').run(first.id);
    } finally {
      db.close();
    }
    expect((await importText('Hashed Copy', story)).duplicateOf).toEqual([{ id: first.id, title: 'Unhashed Original' }]);
    const hash = readDatabase(server.dbPath, (d) => d.prepare('select text_hash from documents where id = ?').get(first.id)) as {
      text_hash: string | null;
    };
    expect(hash.text_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('methods', () => {
  it('answers 405 with Allow for a method /api/documents/<id> does not serve', async () => {
    const res = await fetch(`${url}/api/documents/should-have-known`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
