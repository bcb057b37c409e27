/**
 * `npm run db:check`: replays every document's Yjs update log and compares it with the annotation and tag rows
 * (see db/check.ts). Reads the database the server uses (`GLOSSA_DB`, default `./data/glossa.db`) read-only, so it
 * can run beside a live server. Prints a report; exits 1 on any problem, 2 when the database cannot be read.
 */
import { existsSync } from 'node:fs';
import { checkDatabase, formatCheckReport, openDatabaseForCheck } from '../db/check.ts';
import { databasePath } from '../db/client.ts';

const path = databasePath();
if (!existsSync(path)) {
  console.error(`db:check: no database at ${path} (set GLOSSA_DB, or run npm start once to create it)`);
  process.exit(2);
}

const db = openDatabaseForCheck(path);
try {
  console.log(`db:check ${path}`);
  const report = checkDatabase(db);
  console.log(formatCheckReport(report));
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  const hint = /no such (table|column)/.test(message)
    ? ' (the database predates the current schema: run npm start once to migrate it)'
    : '';
  console.error(`db:check: cannot read ${path}: ${message}${hint}`);
  process.exitCode = 2;
} finally {
  db.$client.close();
}
