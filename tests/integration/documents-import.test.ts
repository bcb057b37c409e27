/**
 * Importing files over HTTP and from the command line, against the real server and its SQLite file: each format as
 * a multipart `file=` and as a raw body with its content type, the outline at `GET /api/documents/<id>`, the ¶
 * numbers and headings in the reader page, and `npm run import`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpub, sampleEpub } from '../helpers/epub-builder.ts';
import { projectRoot } from '../helpers/db-fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.dispose();
});

interface Outline {
  id: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  chapters: Array<{ title: string; start: number; end: number; level: number }>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const markdown = '---\ntitle: Garden Notes\nauthor: May\n---\n\n# One\n\nBuds.\n\n# Two\n\nLeaves.\n';
const html =
  '<html><head><title>Night Piece</title><script>steal()</script></head><body><h1>One</h1><p>Late.</p><h1>Two</h1><p>Dawn.</p></body></html>';
const plain = 'author: Ann\n\nCHAPTER I\n\nRain.\n\nCHAPTER II\n\nSun.\n';

const files: Array<[string, string, Uint8Array, string, string[]]> = [
  ['plain text', 'rain.txt', utf8(plain), 'text/plain', ['CHAPTER I', 'CHAPTER II']],
  ['Markdown', 'garden.md', utf8(markdown), 'text/markdown', ['One', 'Two']],
  ['HTML', 'night.html', utf8(html), 'text/html', ['One', 'Two']],
  ['EPUB', 'small.epub', sampleEpub(), 'application/epub+zip', ['The Beginning', 'The Middle', 'The End']],
];

async function outline(id: string): Promise<Outline> {
  const res = await fetch(`${server.current.url}/api/documents/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Outline;
}

async function text(id: string): Promise<string> {
  return (await fetch(`${server.current.url}/api/documents/${id}/text`)).text();
}

describe('POST /api/documents with a file', () => {
  it.each(files)('imports %s sent as multipart file=, with its chapters', async (_name, filename, bytes, type, titles) => {
    const form = new FormData();
    form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], filename, { type }));
    const res = await fetch(`${server.current.url}/api/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const doc = await outline(id);
    expect(doc.chapters.map((c) => c.title)).toEqual(titles);
    const body = await text(id);
    for (const c of doc.chapters) expect(body.slice(c.start, c.start + c.title.length)).toBe(c.title);
    expect(body).not.toMatch(/steal|<|alert/);
  });

  it.each(files)('imports %s sent as a raw body with its content type', async (_name, _filename, bytes, type, titles) => {
    const res = await fetch(`${server.current.url}/api/documents?title=Raw%20Upload`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^raw-upload/);
    expect((await outline(id)).chapters.map((c) => c.title)).toEqual(titles);
  });

  it('takes the title of a multipart form over the file’s own', async () => {
    const form = new FormData();
    form.set('file', new File([sampleEpub() as Uint8Array<ArrayBuffer>], 'small.epub'));
    form.set('title', 'Our Book Club Copy');
    const res = await fetch(`${server.current.url}/api/documents`, { method: 'POST', body: form });
    const { id } = (await res.json()) as { id: string };
    expect(await outline(id)).toMatchObject({ id: 'our-book-club-copy', title: 'Our Book Club Copy', author: 'A. Writer' });
  });

  it('still imports JSON { title, text } and gives it chapters', async () => {
    const res = await fetch(`${server.current.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Json Novel', text: plain }),
    });
    expect(res.status).toBe(201);
    const doc = await outline(((await res.json()) as { id: string }).id);
    expect(doc).toMatchObject({ title: 'Json Novel', author: 'Ann', metadata: { author: 'Ann' } });
    expect(doc.chapters).toEqual([
      { title: 'CHAPTER I', start: 0, end: 16, level: 1 },
      { title: 'CHAPTER II', start: 18, end: 34, level: 1 },
    ]);
  });
});

describe('GET /api/documents/<id>', () => {
  it('gives the seeded story with its metadata and no chapters', async () => {
    const doc = await outline('should-have-known');
    expect(doc).toMatchObject({ id: 'should-have-known', title: 'Should Have Known', author: 'Lucinda', chapters: [] });
    expect(doc.metadata.rating).toBeDefined();
    expect(doc).not.toHaveProperty('text');
  });

  it.each([
    ['an unknown id', 'nope', 404],
    ['a malformed id', 'bad%20id', 400],
  ])('answers %s with a JSON error', async (_name, id, status) => {
    const res = await fetch(`${server.current.url}/api/documents/${id}`);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('refuses other methods with 405 and Allow', async () => {
    const res = await fetch(`${server.current.url}/api/documents/should-have-known`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
  });
});

describe('the reader page of a structured text', () => {
  it('draws chapter headings as headings and restarts ¶ numbers per chapter', async () => {
    const bytes = buildEpub({
      title: 'Page Test',
      chapters: [
        { title: 'Alpha', body: '<h1>Alpha</h1><p>a1</p><p>a2</p>' },
        { title: 'Beta', body: '<h1>Beta</h1><p>b1</p>' },
      ],
    });
    const res = await fetch(`${server.current.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/epub+zip' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    const { id } = (await res.json()) as { id: string };
    const page = await (await fetch(`${server.current.url}/d/${id}`)).text();
    // The page hands the reader its typed blocks with ¶ numbers (the editor itself is drawn in the browser).
    expect(page).toMatch(/\\?"type\\?":\\?"heading\\?"/);
    expect(page).toMatch(/\\?"n\\?":2/);
  });
});

describe('npm run import', () => {
  it('imports a file into the server’s database and prints its id', async () => {
    const file = `${projectRoot}db/seed/should-have-known.txt`;
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/import.ts', file, '--title', 'From The Shell'], {
      cwd: projectRoot,
      env: { ...process.env, GLOSSA_DB: server.dbPath },
    });
    expect(stdout.trim()).toBe('from-the-shell');
    expect(await outline('from-the-shell')).toMatchObject({ title: 'From The Shell', author: 'Lucinda' });
    expect(await text('from-the-shell')).toBe(await text('should-have-known'));
  });

  it('refuses a bad file with exit code 1 and the reason, leaving the library unchanged', async () => {
    const before = (await (await fetch(`${server.current.url}/api/documents`)).json()) as unknown[];
    const dir = mkdtempSync(join(tmpdir(), 'glossa-cli-'));
    const bad = join(dir, 'broken.epub');
    writeFileSync(bad, sampleEpub().slice(0, 300));
    const run = promisify(execFile)('node', ['--import', 'tsx', 'scripts/import.ts', bad], {
      cwd: projectRoot,
      env: { ...process.env, GLOSSA_DB: server.dbPath },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/not imported: .*corrupt/) });
    rmSync(dir, { recursive: true, force: true });
    expect((await (await fetch(`${server.current.url}/api/documents`)).json()) as unknown[]).toHaveLength(before.length);
  });
});
