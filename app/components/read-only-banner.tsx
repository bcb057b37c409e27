/**
 * The notice every page carries while the database cannot be written (see `databaseMode` in db/client.ts): readers
 * can still read everything, and learn at once that their new notes are not being saved. A server component; it
 * waits for a request so the notice reflects the running server, never the build.
 */
import { connection } from 'next/server';
import { databaseMode } from '../../db/client.ts';

export async function ReadOnlyBanner() {
  await connection();
  const mode = databaseMode();
  if (!mode.readOnly) return null;
  return (
    <aside className="read-only-banner" aria-label="Saving is off">
      <p role="status" data-testid="read-only-banner">
        <strong>Read-only:</strong> this Glossa cannot save changes right now ({mode.reason}). You can read the library and every note; new
        notes stay in your browser until saving works again.
      </p>
    </aside>
  );
}
