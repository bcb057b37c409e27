/**
 * Hostile searches against the real server: FTS5 query syntax typed into `q` is read as plain words (never as
 * operators, never a 500), oversized and wordless queries are refused with 400 `{ error }`, and a flood of the
 * costliest allowed queries in parallel leaves the server answering everyone else. Ends with db:check and the
 * index in step with the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabaseForCheck } from '../../../db/check.ts';
import { searchIndexDrift } from '../../../db/queries/note-search.ts';
import { searchLimits } from '../../../lib/limits.ts';
import { buildNote, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor } from '../../helpers/room-clients.ts';
import { startStoryServer } from '../../helpers/story-owner.ts';
import type { TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let text: string;
const seeded = 400;

beforeAll(async () => {
  ({ server, text } = await startStoryServer());
  // Notes written offline and brought in by the first sync (not held to the per-minute quota of live notes).
  const offline = new Y.Doc();
  const passages = ['lost in memories', 'Spike sat inside the mausoleum', 'fallen apart', 'two tiny little details'];
  offline.transact(() => {
    for (let i = 0; i < seeded; i++) {
      const note = buildNote({
        text,
        creator: ann,
        id: `seeded-${i}`,
        passage: passages[i % passages.length],
        comment: `Entry ${i}: "quoted" words, a star*, NEAR(this, that) and an AND or two — café ${i % 7}.`,
        tags: i % 2 ? ['memory'] : [],
      });
      offline.getMap('annotations').set(note.id, note);
    }
  });
  await joinRoom(server.current.wsUrl, storyId, ann, {}, offline);
  await waitFor(async () => (await search('cafe')).body.total === seeded, 20_000, 'the seeded notes in the index');
});

afterAll(async () => {
  destroyAllClients();
  if (server) {
    expectDatabaseConsistent(server.dbPath);
    const db = openDatabaseForCheck(server.dbPath);
    try {
      expect(searchIndexDrift(db)).toEqual([]);
    } finally {
      db.$client.close();
    }
  }
  await server?.dispose();
});

async function search(q: string, limit?: number): Promise<{ status: number; body: { total?: number; error?: string } }> {
  const params = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
  const res = await fetch(`${server.current.url}/api/documents/${storyId}/search?${params}`);
  return { status: res.status, body: (await res.json()) as { total?: number; error?: string } };
}

describe('FTS5 syntax in q', () => {
  it.each<[string, string, number | 'refused']>([
    ['a lone double quote', '"', 'refused'],
    ['an open NEAR', 'NEAR(', seeded],
    ['a NEAR group', 'NEAR(this that)', seeded],
    ['a star', '*', 'refused'],
    ['a star after a word', 'caf*', seeded],
    ['AND alone', 'AND', seeded],
    ['OR between words', 'cafe OR zebra', 0],
    ['NOT between words', 'cafe NOT memory', 0],
    ['a minus', '-', 'refused'],
    ['a negated word', '-cafe', seeded],
    ['a colon', ':', 'refused'],
    ['a column filter', 'tags:memory', 0],
    ['a column filter naming no column', 'nosuchcolumn:cafe', 0],
    ['braces', '{comment quote} : cafe', 0],
    ['a caret', '^Entry', seeded],
    ['SQL', "'); DROP TABLE annotations; --", 0],
    ['control and lone surrogate characters', '\u0000\u0007\ud800 cafe', seeded],
  ])('%s is plain words', async (_what, q, expected) => {
    const { status, body } = await search(q);
    if (expected === 'refused') {
      expect(status).toBe(400);
      expect(body.error).toEqual(expect.any(String));
    } else {
      expect(status).toBe(200);
      expect(body.total).toBe(expected);
    }
  });
});

describe('oversized and wordless queries', () => {
  it('refuses 10 kB of junk with 400 { error }', async () => {
    for (const junk of ['x'.repeat(10 * 1024), 'NEAR(AND* '.repeat(1024)]) {
      const { status, body } = await search(junk);
      expect(status).toBe(400);
      expect(body.error).toMatch(/at most/);
    }
  });

  it('refuses more words than a query may hold, and takes exactly that many', async () => {
    const words = (n: number) => Array.from({ length: n }, () => 'n').join(' ');
    expect((await search(words(searchLimits.wordsPerQuery + 1))).status).toBe(400);
    expect((await search(words(searchLimits.wordsPerQuery))).body.total).toBe(seeded);
  });

  it('refuses a limit past the largest room', async () => {
    expect((await search('cafe', searchLimits.maxResults + 1)).status).toBe(400);
  });
});

describe('a flood of searches', () => {
  it('leaves the server answering other readers, and answers every search', async () => {
    // The costliest queries allowed: every word a one-letter prefix, every note a result, snippets for all of them.
    const costly = Array.from({ length: searchLimits.wordsPerQuery }, (_, i) => 'aeqwsntoc'[i % 9]).join(' ');
    const flood = Array.from({ length: 120 }, (_, i) => search(i % 3 ? costly : `"NEAR(${costly}*`, searchLimits.maxResults));
    // Meanwhile, a reader writes a note and another receives it through the room.
    const writer = await joinRoom(server.current.wsUrl, storyId, ben);
    const reader = await joinRoom(server.current.wsUrl, storyId);
    const note = buildNote({ text, creator: ben, passage: 'fallen apart', comment: 'Written during the flood.' });
    writer.annotations.set(note.id, note);
    await waitFor(() => reader.annotations.has(note.id), 60_000, 'the note at the other reader during the flood');
    const text2 = await fetch(`${server.current.url}/api/documents/${storyId}/text`);
    expect(text2.status).toBe(200);
    const answers = await Promise.all(flood);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    expect((await search('flood')).body.total).toBe(1);
  }, 120_000);
});
