/**
 * Applies the Drizzle migrations in db/migrations. Run at server start, never from Next's bundle (the
 * migrations folder is found from the working directory, which is the project root for `npm start`).
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { join } from 'node:path';
import type { GlossaDb } from './client.ts';

/** Brings the database schema up to date. */
export function migrateDatabase(db: GlossaDb, root = process.cwd()): void {
  migrate(db, { migrationsFolder: join(root, 'db', 'migrations') });
}
