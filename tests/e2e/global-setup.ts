/** Starts one real Glossa server for the browser tests and hands its URL to them through the environment. */
import { startServer, tempDbPath } from '../helpers/server-process.ts';

/** The per-minute quota of new notes per connection the browser tests' server runs with. */
export const notesPerMinute = 6;

export default async function globalSetup() {
  const { dbPath, cleanup } = tempDbPath();
  // A low per-minute quota, so a browser test can see the server's refusal explained (every other test writes fewer).
  // Every browser test signs its readers in from this one address: more sign-ins a minute than one person needs.
  const server = await startServer({
    dbPath,
    env: { GLOSSA_NOTES_PER_MINUTE: String(notesPerMinute), GLOSSA_SIGN_IN_PER_MINUTE: '1000' },
  });
  process.env.GLOSSA_E2E_URL = server.url;
  // Readers sign in as fixture accounts written into this database (tests/helpers/account-fixture.ts).
  process.env.GLOSSA_E2E_DB = dbPath;
  return async () => {
    await server.stop();
    cleanup();
  };
}
