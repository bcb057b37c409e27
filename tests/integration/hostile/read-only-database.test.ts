/**
 * A database that cannot be written (file 0444, folder 0555) must not stop Glossa: the server starts read-only,
 * says so on every page, serves the library and every stored note over HTTP and in the room, answers HTTP writes
 * with 503 JSON, and never changes the file. The tests run as root, whom permissions do not stop, so there the
 * read-only server runs as `nobody`; as any other user the chmod alone is enough.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { buildNote, fetchCollection, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor } from '../../helpers/room-clients.ts';
import { startServer, tempDbPath, type RunningServer } from '../../helpers/server-process.ts';

const asRoot = process.getuid?.() === 0;
const nobody = { uid: 65534, gid: 65534 };
const bannerText = 'Read-only: this Glossa cannot save changes right now';

/** A temp dir `nobody` can write, for tsx's compile cache (TMPDIR); removed by the returned cleanup. */
function nobodyTmp(): { env: Record<string, string>; cleanup(): void } {
  if (!asRoot) return { env: {}, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'glossa-nobody-'));
  chmodSync(dir, 0o1777);
  return { env: { TMPDIR: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the server on `dbPath` as a user who cannot write it. */
function startReadOnlyServer(dbPath: string, env: Record<string, string>): Promise<RunningServer> {
  return startServer({ dbPath, env, ...(asRoot ? nobody : {}) });
}

/** Makes a database file and its folder read-only (the folder stays traversable for `nobody`). */
function makeReadOnly(dbPath: string): void {
  chmodSync(dbPath, 0o444);
  chmodSync(dirname(dbPath), 0o555);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The page's HTML, asserting 200. */
async function page(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

const temp = tempDbPath();
const staleTemp = tempDbPath();
const tmp = nobodyTmp();
let server: RunningServer;
let note: PassageAnnotation;
let fileHash: string;

beforeAll(async () => {
  // A database made the ordinary way: a writable server, one note written by a stock client.
  const writer = await startServer({ dbPath: temp.dbPath });
  try {
    const text = await fetchText(writer.url);
    const a = await joinRoom(writer.wsUrl, storyId, ann);
    note = buildNote({ text, creator: ann, passage: 'all of this could have been prevented', comment: 'Saved before the lock.' });
    a.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(writer.url)).includes(note.id), 10_000, 'the note to be stored');
    a.destroy();
    // Ben's account and token, made while the file can be written: on the read-only server he joins signed in.
    expect(tokenForReader(writer.wsUrl, ben)).toEqual(expect.any(String));
  } finally {
    await writer.stop();
  }
  // A copy whose newest migration is forgotten, for the schema check.
  copyFileSync(temp.dbPath, staleTemp.dbPath);
  const stale = new Database(staleTemp.dbPath);
  stale.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
  stale.close();

  makeReadOnly(temp.dbPath);
  fileHash = sha256(temp.dbPath);
  server = await startReadOnlyServer(temp.dbPath, tmp.env);
});

afterAll(async () => {
  destroyAllClients();
  await server?.stop();
  for (const t of [temp, staleTemp]) chmodSync(dirname(t.dbPath), 0o700);
  temp.cleanup();
  staleTemp.cleanup();
  tmp.cleanup();
});

describe('a server on a database it cannot write', () => {
  it('starts and logs that it serves read-only, and why', () => {
    const line = server
      .logs()
      .split('\n')
      .find((l) => l.includes('serving read-only'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'warn', reason: expect.stringMatching(/not writable/) });
  });

  it('shows the read-only banner on the library and on the reader', async () => {
    for (const path of ['/', `/d/${storyId}`]) {
      const html = await page(`${server.url}${path}`);
      expect(html).toContain('role="status"');
      expect(html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '')).toContain(bannerText);
    }
  });

  it('lists the library and serves the stored note over HTTP', async () => {
    const documents = (await (await fetch(`${server.url}/api/documents`)).json()) as Array<{ id: string }>;
    expect(documents.map((d) => d.id)).toContain(storyId);
    const collection = await fetchCollection(server.url);
    expect(collection.first.items.find((a) => a.id === note.id)).toMatchObject({ id: note.id, creator: ann });
  });

  it('answers an HTTP write with 503 and a JSON error saying it is read-only', async () => {
    const res = await fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Not today', text: 'A text that cannot be saved.' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as { error: string }).error).toMatch(/read-only/);
    const documents = (await (await fetch(`${server.url}/api/documents`)).json()) as Array<{ id: string }>;
    expect(documents.map((d) => d.id)).toEqual([storyId]);
  });

  it('gives a stock client joining the room the stored note', async () => {
    const reader = await joinRoom(server.wsUrl, storyId);
    expect(reader.annotations.get(note.id)).toMatchObject({ id: note.id, creator: ann });
    reader.destroy();
  });

  it('keeps a writer connected for 2 s after a note it cannot store, and stores nothing', async () => {
    const writer = await joinRoom(server.wsUrl, storyId, ben);
    expect(writer.provider.url).toContain('token=');
    const unsaved = buildNote({
      text: await fetchText(server.url),
      creator: ben,
      passage: 'Spike sat inside the mausoleum',
      comment: 'Not saved.',
    });
    writer.annotations.set(unsaved.id, unsaved);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(writer.closes).toEqual([]);
    expect(await storedIds(server.url)).not.toContain(unsaved.id);
    writer.destroy();
  });

  it('leaves the database file byte for byte as it was', () => {
    expect(sha256(temp.dbPath)).toBe(fileHash);
  });
});

describe('a database Glossa cannot use', () => {
  it('refuses to start read-only on a schema that lacks a migration, naming the file', async () => {
    makeReadOnly(staleTemp.dbPath);
    await expect(startReadOnlyServer(staleTemp.dbPath, tmp.env)).rejects.toThrow(
      new RegExp(`exited with 1[\\s\\S]*${staleTemp.dbPath}[\\s\\S]*lacks migration`),
    );
  });

  it('refuses to start when the database does not exist and cannot be created, naming the path', async () => {
    const missing = join(dirname(temp.dbPath), 'new', 'glossa.db');
    await expect(startReadOnlyServer(missing, tmp.env)).rejects.toThrow(
      new RegExp(`exited with 1[\\s\\S]*cannot create its database at ${missing}`),
    );
  });
});
