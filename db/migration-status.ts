/**
 * Which of the project's migrations a database has not had yet, read without writing anything: a read-only
 * database cannot be migrated, so the server checks it is current before serving it. Mirrors Drizzle's migrator,
 * which applies every journal entry newer than the newest `created_at` in `__drizzle_migrations`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { GlossaDb } from './client.ts';

const journalSchema = z.object({
  entries: z.array(z.object({ tag: z.string(), when: z.number() })),
});

/** The tags of the migrations in `db/migrations` that `db` lacks, oldest first (empty when it is current). */
export function pendingMigrations(db: GlossaDb, root = process.cwd()): string[] {
  const journalPath = join(root, 'db', 'migrations', 'meta', '_journal.json');
  const journal = journalSchema.parse(JSON.parse(readFileSync(journalPath, 'utf8')));
  const sqlite = db.$client;
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  const newest = table
    ? (sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | string | null }).at
    : null;
  const appliedUpTo = newest === null ? -Infinity : Number(newest);
  return journal.entries.filter((e) => e.when > appliedUpTo).map((e) => e.tag);
}
