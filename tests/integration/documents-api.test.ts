/**
 * The HTTP side of the public contract: the library list (with note counts read from SQLite), importing a text,
 * the canonical text of a document, and how every route and the room endpoint answer for a document that does not
 * exist (404 with `{ error }`, a 404 page, a WebSocket closed with 4404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, fetchCollection, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { destroyAllClients, joinRoom, openRawSocket, waitFor } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

interface LibraryEntry {
  id: string;
  title: string;
  author: string | null;
  noteCount: number;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

async function library(): Promise<LibraryEntry[]> {
  const res = await fetch(`${server.current.url}/api/documents`);
  expect(res.status).toBe(200);
  return (await res.json()) as LibraryEntry[];
}

async function postJson(body: string): Promise<Response> {
  return fetch(`${server.current.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('an unknown document', () => {
  it('has no text: 404 with a JSON error', async () => {
    const res = await fetch(`${server.current.url}/api/documents/nope/text`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('has no annotations: 404 with a JSON error', async () => {
    const res = await fetch(`${server.current.url}/api/documents/nope/annotations`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('has no reader page: 404', async () => {
    const res = await fetch(`${server.current.url}/d/nope`);
    expect(res.status).toBe(404);
    await res.text();
  });

  it('has no room: a WebSocket to it is closed with 4404', async () => {
    const raw = openRawSocket(server.current.wsUrl, 'nope');
    expect((await raw.closed).code).toBe(4404);
  });
});

describe('the seeded story', () => {
  it('has a reader page', async () => {
    const res = await fetch(`${server.current.url}/d/${storyId}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Should Have Known');
  });

  it('is listed with its title, its author and no notes on a fresh database', async () => {
    const entry = (await library()).find((d) => d.id === storyId);
    expect(entry).toMatchObject({ id: storyId, title: 'Should Have Known', author: 'Lucinda', noteCount: 0 });
  });

  it('is listed with a note count that counts its stored notes', async () => {
    const text = await fetchText(server.current.url);
    const reader = { id: 'reader-ann', name: 'Ann' };
    const client = await joinRoom(server.current.wsUrl, storyId, reader);
    const notes = [
      buildNote({ text, creator: reader, passage: 'Spike sat inside the mausoleum' }),
      buildNote({ text, creator: reader, passage: 'the night outside was quiet' }),
    ];
    for (const note of notes) client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(server.current.url)).length === 2, 10_000, 'two stored notes');
    const entry = (await library()).find((d) => d.id === storyId);
    expect(entry?.noteCount).toBe(2);
    expect(entry?.noteCount).toBe((await fetchCollection(server.current.url)).total);
    client.destroy();
  });

  it('serves its canonical text without the header lines', async () => {
    const text = await fetchText(server.current.url);
    expect(text.startsWith('Spike sat inside the mausoleum')).toBe(true);
    expect(text).not.toContain('Author: Lucinda');
  });
});

describe('importing a text', () => {
  const raw = 'author: Test Writer\nrating: G\n\nThe first paragraph of an imported story.\n\nIts second paragraph,\nwrapped by hand.\n';

  it('returns 201 with the id of the new document', async () => {
    const res = await postJson(JSON.stringify({ title: 'An Imported Story', text: raw }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string };
    expect(body).toEqual({ id: expect.any(String) });
  });

  it('serves the new text without its header lines', async () => {
    const res = await postJson(JSON.stringify({ title: 'Another Imported Story', text: raw }));
    const { id } = (await res.json()) as { id: string };
    const text = await fetchText(server.current.url, id);
    expect(text).toBe('The first paragraph of an imported story.\n\nIts second paragraph, wrapped by hand.');
  });

  it('lists the new document in the library with its title and author', async () => {
    const res = await postJson(JSON.stringify({ title: 'A Listed Story', text: raw }));
    const { id } = (await res.json()) as { id: string };
    expect((await library()).find((d) => d.id === id)).toMatchObject({ id, title: 'A Listed Story', author: 'Test Writer', noteCount: 0 });
  });

  it('opens a room for the new document', async () => {
    const res = await postJson(JSON.stringify({ title: 'A Story With A Room', text: raw }));
    const { id } = (await res.json()) as { id: string };
    const client = await joinRoom(server.current.wsUrl, id);
    expect(client.provider.wsconnected).toBe(true);
    client.destroy();
  });

  it('refuses an empty body with 400 and a JSON error', async () => {
    const res = await postJson('');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses a body that is not JSON with 400 and a JSON error', async () => {
    const res = await postJson('{ this is not json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses JSON without a text with 400 and a JSON error', async () => {
    const res = await postJson(JSON.stringify({ title: 'No Text' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses an empty text with a 4xx and a JSON error', async () => {
    const res = await postJson(JSON.stringify({ title: 'Empty', text: '' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses a text that is only a header with 422 and a JSON error', async () => {
    const res = await postJson(JSON.stringify({ title: 'Only A Header', text: 'author: Nobody\n\n   \n' }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
