/**
 * Applies the Drizzle migrations in db/migrations. Run at server start, never from Next's bundle (the
 * migrations folder is found from the working directory, which is the project root for `npm start`).
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { join } from 'node:path';
import type { GlossaDb } from './client.ts';

/**
 * Brings the database schema up to date. Migrations that rebuild a table (SQLite cannot alter a primary key) must
 * run with foreign keys off, or dropping the old table would cascade-delete the rows that reference it; the pragma
 * is ignored inside a transaction, and Drizzle's migrator wraps every migration in one, so it is switched here
 * (SQLite's documented procedure for schema changes) and the keys are checked before they are switched back on.
 */
export function migrateDatabase(db: GlossaDb, root = process.cwd()): void {
  const sqlite = db.$client;
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: join(root, 'db', 'migrations') });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length)
      throw new Error(`migration left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`);
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
}
