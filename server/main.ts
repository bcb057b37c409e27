/**
 * Entry point of `npm start`: prepares the database (migrate, seed the sample story) and serves Glossa on PORT.
 * Prints one line `Glossa listening on <url>` that tests read to find a port chosen by the system (PORT=0).
 * A database that cannot be written is served read-only (no migration, no seed) if its schema is current.
 */
import { closeAllDatabases, databaseMode, databasePath, DatabaseUnavailableError, getDb, type GlossaDb } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { pendingMigrations } from '../db/migration-status.ts';
import { seedSampleText } from '../db/seed.ts';
import { startGlossaServer } from './index.ts';
import { log } from './log.ts';

// Glossa makes no network calls of its own; Next's usage telemetry would be one.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const root = process.cwd();
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(2);
}

let db: GlossaDb;
try {
  db = getDb();
} catch (err) {
  if (!(err instanceof DatabaseUnavailableError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const mode = databaseMode();
if (mode.readOnly) {
  const pending = pendingMigrations(db, root);
  if (pending.length) {
    console.error(
      `Glossa cannot start read-only: the database at ${databasePath()} cannot be written (${mode.reason}) and lacks ` +
        `migration(s) ${pending.join(', ')}. Make it writable once so Glossa can migrate it.`,
    );
    process.exit(1);
  }
  log.warn('serving read-only: notes and texts cannot be saved', { db: databasePath(), reason: mode.reason, access: mode.access });
} else {
  migrateDatabase(db, root);
  if (seedSampleText(db, root)) log.info('seeded the sample story', { db: databasePath() });
}

const server = await startGlossaServer({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  dev: process.env.GLOSSA_DEV === '1',
  dir: root,
  maxMessageBytes: process.env.GLOSSA_MAX_MESSAGE_BYTES ? Number(process.env.GLOSSA_MAX_MESSAGE_BYTES) : undefined,
  notesPerMinute: process.env.GLOSSA_NOTES_PER_MINUTE ? Number(process.env.GLOSSA_NOTES_PER_MINUTE) : undefined,
}).catch((err: unknown) => {
  // Next installs handlers that would otherwise let a failed start end the process with code 0.
  console.error(`Glossa could not start: ${String(err)}`);
  process.exit(1);
});
console.log(`Glossa listening on ${server.url} (database ${databasePath()}${mode.readOnly ? ', read-only' : ''})`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await server.close();
  closeAllDatabases();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
