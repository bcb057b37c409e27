/**
 * The SQLite connection. One per file per process: the custom server and Next's bundled route handlers both
 * import this module (as separate module instances), so the connection is cached on globalThis by path.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema.ts';

export type GlossaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the database lives: `GLOSSA_DB`, or `./data/glossa.db` beside the working directory. */
export function databasePath(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.GLOSSA_DB || './data/glossa.db');
}

/** Opens (creating if needed) a SQLite file with WAL, foreign keys and a busy timeout. */
export function openDatabase(path: string): GlossaDb {
  if (path !== ':memory:') mkdirSync(dirname(/*turbopackIgnore: true*/ path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle({ client: sqlite, schema }) as GlossaDb;
}

const cache = globalThis as typeof globalThis & { __glossaDb?: Map<string, GlossaDb> };

/** The shared connection to the configured database. */
export function getDb(): GlossaDb {
  cache.__glossaDb ??= new Map();
  const path = databasePath();
  let db = cache.__glossaDb.get(path);
  if (!db) {
    db = openDatabase(path);
    cache.__glossaDb.set(path, db);
  }
  return db;
}

/** Closes every cached connection (server shutdown). */
export function closeAllDatabases(): void {
  for (const db of cache.__glossaDb?.values() ?? []) db.$client.close();
  cache.__glossaDb?.clear();
}
