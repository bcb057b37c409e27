/**
 * New document ids against a real SQLite file: readable, distinct for texts with the same title, and allocated with
 * one query however many copies of the title exist (it used to be one query per copy).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlossaDb } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { documentSlugUse, insertDocument } from '../../db/queries/documents.ts';
import { importDocument } from '../../db/queries/import-document.ts';
import * as schema from '../../db/schema.ts';
import { tempDbPath } from '../helpers/server-process.ts';

const root = new URL('../..', import.meta.url).pathname;
const story = 'The first paragraph.\n\nThe second paragraph.\n';

let temp: ReturnType<typeof tempDbPath>;
let sqlite: Database.Database;
let db: GlossaDb;
/** Every statement SQLite ran since the last reset. */
let statements: string[] = [];

beforeEach(() => {
  temp = tempDbPath();
  sqlite = new Database(temp.dbPath, { verbose: (sql) => statements.push(String(sql)) });
  sqlite.pragma('foreign_keys = ON');
  db = drizzle({ client: sqlite, schema }) as GlossaDb;
  migrateDatabase(db, root);
  statements = [];
});

afterEach(() => {
  sqlite.close();
  temp.cleanup();
});

function addDocument(id: string): void {
  insertDocument(db, { id, title: id, metadata: {}, text: 'x', paragraphs: [[0, 1]] });
}

/** Statements that read the documents table (the id look-ups), of those run by `run`. */
function lookUps(run: () => void): number {
  statements = [];
  run();
  return statements.filter((s) => /^\s*select/i.test(s) && /"?documents"?/.test(s)).length;
}

describe('documentSlugUse', () => {
  it.each<[string[], string, { taken: boolean; highestSuffix: string | null }]>([
    [[], 'the-raven', { taken: false, highestSuffix: null }],
    [['the-raven'], 'the-raven', { taken: true, highestSuffix: null }],
    [['the-raven', 'the-raven-2', 'the-raven-3'], 'the-raven', { taken: true, highestSuffix: '3' }],
    [['the-raven', 'the-raven-9', 'the-raven-10'], 'the-raven', { taken: true, highestSuffix: '10' }],
    [['the-raven', 'the-raven-2', 'the-raven-02', 'the-raven-0'], 'the-raven', { taken: true, highestSuffix: '2' }],
    [['the-raven', 'the-raven-2b', 'the-raven-2-2', 'the-ravens-7'], 'the-raven', { taken: true, highestSuffix: null }],
    [['the-raven-5'], 'the-raven', { taken: false, highestSuffix: '5' }],
    [['chapter-2', 'chapter'], 'chapter', { taken: true, highestSuffix: '2' }],
    [['x', 'x-99999999999999999999', 'x-123'], 'x', { taken: true, highestSuffix: '99999999999999999999' }],
  ])('with ids %j finds for %j: %j', (ids, slug, use) => {
    for (const id of ids) addDocument(id);
    expect(documentSlugUse(db, slug)).toEqual(use);
  });

  it('looks the slug up with one query on the primary key index', () => {
    const plan = sqlite.prepare(`explain query plan select id from documents where id glob 'the-raven-[1-9]*'`).all() as Array<{
      detail: string;
    }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_documents_1/);
  });

  it('refuses a slug with GLOB wildcards', () => {
    expect(() => documentSlugUse(db, 'the-*')).toThrow();
  });
});

describe('importDocument', () => {
  it('gives texts with the same title the ids the-raven, the-raven-2, the-raven-3 …', () => {
    const ids = Array.from({ length: 5 }, () => importDocument(db, { title: 'The Raven', text: story }));
    expect(ids).toEqual(['the-raven', 'the-raven-2', 'the-raven-3', 'the-raven-4', 'the-raven-5']);
  });

  it('runs one id look-up for the first copy of a title and one for the 300th', () => {
    expect(lookUps(() => importDocument(db, { title: 'Untitled', text: story }))).toBe(1);
    for (let n = 2; n < 300; n++) importDocument(db, { title: 'Untitled', text: story });
    let id = '';
    expect(lookUps(() => (id = importDocument(db, { title: 'Untitled', text: story })))).toBe(1);
    expect(id).toBe('untitled-300');
  });

  it('cuts a title from the header to the title cap', () => {
    const id = importDocument(db, { text: `title: ${'Long '.repeat(100)}\n\n${story}` });
    const row = sqlite.prepare('select title from documents where id = ?').get(id) as { title: string };
    expect(row.title).toHaveLength(200);
    expect(row.title.endsWith('…')).toBe(true);
  });
});
