/**
 * The SQLite connection. One per file per process: the custom server and Next's bundled route handlers both
 * import this module (as separate module instances), so the connection — and whether it is read-only — is cached
 * on globalThis by path.
 *
 * A database that exists but cannot be written (the file or its folder not writable, a read-only file system,
 * SQLite answering SQLITE_READONLY / SQLITE_CANTOPEN to a write) is opened read-only instead, so Glossa can still
 * serve the library and every note; `isReadOnly()` and `databaseMode()` say so to pages, HTTP writes and rooms.
 * A database that does not exist and cannot be created is a `DatabaseUnavailableError`.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as schema from './schema.ts';

// A WAL database in a folder we cannot write can only be read through an `immutable=1` URI (SQLite cannot create
// its -shm file there). better-sqlite3 reads this switch once, when its native addon loads on the first
// `new Database`, so it is set before any connection is made. Paths given to `openDatabase` are plain paths.
process.env.SQLITE_USE_URI ??= '1';

export type GlossaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Whether the database takes writes; when it does not, why (one short clause, fit for a page). */
export interface DatabaseMode {
  readOnly: boolean;
  /** Why the database is read-only, e.g. "the database file is not writable"; null when it is writable. */
  reason: string | null;
  /** How the read-only connection was opened: `shared` (a normal read-only open) or `immutable` (no -shm file). */
  access: 'read-write' | 'shared' | 'immutable';
}

/** The database is missing and cannot be created, or cannot be read at all. The message names the path. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const writable: DatabaseMode = { readOnly: false, reason: null, access: 'read-write' };

/** Where the database lives: `GLOSSA_DB`, or `./data/glossa.db` beside the working directory. */
export function databasePath(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.GLOSSA_DB || './data/glossa.db');
}

/** SQLite's extended code of an error (`SQLITE_READONLY_DIRECTORY` …), or '' for other errors. */
function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : '';
}

/** Errors that mean "this file cannot be written here", as opposed to a corrupt file or a full disk. */
function isNotWritable(err: unknown): boolean {
  const code = sqliteCode(err);
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM';
}

function errorText(err: unknown): string {
  const code = sqliteCode(err) || (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' && code ? `${message} (${code})` : message;
}

/** Why a file that SQLite would not write is not writable, in words for a reader. */
function notWritableReason(path: string, err: unknown): string {
  const check = (target: string): string | null => {
    try {
      accessSync(target, constants.W_OK);
      return null;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  };
  const file = check(path);
  if (file === 'EROFS') return 'the database is on a read-only file system';
  if (file) return 'the database file is not writable';
  if (check(dirname(path))) return 'the database folder is not writable';
  return `SQLite refused to write: ${errorText(err)}`;
}

function pragmas(sqlite: Database.Database, readOnly: boolean): void {
  if (!readOnly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (!readOnly) sqlite.pragma('synchronous = NORMAL');
}

/**
 * Opens an existing file for writing and proves it takes a write (re-setting `user_version` writes the header
 * without changing anything). When the file cannot be written, returns SQLite's refusal and leaves nothing open.
 */
function openWritable(path: string): { sqlite: Database.Database } | { refused: unknown } {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, { fileMustExist: true });
    pragmas(sqlite, false);
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    sqlite.pragma(`user_version = ${Number(version)}`);
    return { sqlite };
  } catch (err) {
    sqlite?.close();
    if (isNotWritable(err)) return { refused: err };
    throw new DatabaseUnavailableError(`Glossa cannot open its database at ${path}: ${errorText(err)}`, { cause: err });
  }
}

/**
 * Opens an existing file read-only. A WAL database needs its -shm file; when SQLite can neither find nor create it
 * (the folder is not writable), the file is opened `immutable`: SQLite then reads the main file without locks and
 * without the write-ahead log, which is sound because no one can write it.
 */
function openReadOnly(path: string): { sqlite: Database.Database; access: 'shared' | 'immutable' } {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    pragmas(sqlite, true);
    sqlite.prepare('select count(*) from sqlite_master').get(); // the first read is when the -shm file is needed
    return { sqlite, access: 'shared' };
  } catch (err) {
    sqlite?.close();
    if (!isNotWritable(err)) {
      throw new DatabaseUnavailableError(`Glossa cannot read its database at ${path}: ${errorText(err)}`, { cause: err });
    }
  }
  try {
    sqlite = new Database(`${pathToFileURL(path).href}?immutable=1`, { readonly: true });
    pragmas(sqlite, true);
    sqlite.prepare('select count(*) from sqlite_master').get();
    return { sqlite, access: 'immutable' };
  } catch (err) {
    sqlite?.close();
    throw new DatabaseUnavailableError(`Glossa cannot read its database at ${path}: ${errorText(err)}`, { cause: err });
  }
}

/** Creates a new database file (and its folder), or fails naming the path. */
function create(path: string): Database.Database {
  let sqlite: Database.Database | null = null;
  try {
    mkdirSync(dirname(/*turbopackIgnore: true*/ path), { recursive: true });
    sqlite = new Database(path);
    pragmas(sqlite, false);
    return sqlite;
  } catch (err) {
    sqlite?.close();
    throw new DatabaseUnavailableError(`Glossa cannot create its database at ${path}: ${errorText(err)}`, { cause: err });
  }
}

/**
 * Opens a SQLite file with WAL, foreign keys and a busy timeout, creating it if needed; read-only (and said so in
 * the returned mode) when it exists but cannot be written. Throws `DatabaseUnavailableError` when it can neither
 * be created nor read.
 */
export function openDatabaseWithMode(path: string): { db: GlossaDb; mode: DatabaseMode } {
  let sqlite: Database.Database;
  let mode: DatabaseMode = writable;
  if (path === ':memory:') {
    sqlite = new Database(path);
    pragmas(sqlite, false);
  } else if (!existsSync(path)) {
    sqlite = create(path);
  } else {
    const rw = openWritable(path);
    if ('sqlite' in rw) {
      sqlite = rw.sqlite;
    } else {
      const reason = notWritableReason(path, rw.refused);
      const ro = openReadOnly(path);
      sqlite = ro.sqlite;
      const unapplied = ro.access === 'immutable' && walBytes(path) > 0;
      mode = {
        readOnly: true,
        reason: unapplied ? `${reason}; changes still in its write-ahead log are not shown` : reason,
        access: ro.access,
      };
    }
  }
  return { db: drizzle({ client: sqlite, schema }) as GlossaDb, mode };
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Opens a SQLite file as `openDatabaseWithMode` does, for callers that do not need the mode. */
export function openDatabase(path: string): GlossaDb {
  return openDatabaseWithMode(path).db;
}

interface ConnectionCache {
  __glossaDb?: Map<string, GlossaDb>;
  __glossaDbMode?: Map<string, DatabaseMode>;
}
const cache = globalThis as typeof globalThis & ConnectionCache;

/** The shared connection to the configured database (opened on first use; see `openDatabaseWithMode`). */
export function getDb(): GlossaDb {
  cache.__glossaDb ??= new Map();
  cache.__glossaDbMode ??= new Map();
  const path = databasePath();
  let db = cache.__glossaDb.get(path);
  if (!db) {
    const opened = openDatabaseWithMode(path);
    db = opened.db;
    cache.__glossaDb.set(path, db);
    cache.__glossaDbMode.set(path, opened.mode);
  }
  return db;
}

/** Whether the configured database takes writes, and why not (opens it if no one has yet). */
export function databaseMode(): DatabaseMode {
  getDb();
  return cache.__glossaDbMode?.get(databasePath()) ?? writable;
}

/**
 * True when the configured database was opened read-only: pages show a banner, HTTP writes answer 503 and rooms
 * should pause saving rather than treat each refused write as a storage failure.
 */
export function isReadOnly(): boolean {
  return databaseMode().readOnly;
}

/** Closes every cached connection (server shutdown). */
export function closeAllDatabases(): void {
  for (const db of cache.__glossaDb?.values() ?? []) db.$client.close();
  cache.__glossaDb?.clear();
  cache.__glossaDbMode?.clear();
}
