/**
 * Test readers as real accounts. A test names its readers (`{ id: 'reader-ann', name: 'Ann' }`) and builds notes
 * with them as `creator`; this fixture gives each such reader an account with exactly that id and name in the
 * server's database, and a personal access token for it, so the test's socket signs in the way any script does
 * (`params: { token }`) and the server binds it to that account. Rows are written the way the app stores them: a
 * user row and the token's SHA-256. A reader joined again reuses its token (renamed if the test renamed it).
 */
import { hashPassword } from 'better-auth/crypto';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { hashToken, newTokenValue } from '../../db/access-tokens.ts';
import { serverDatabases } from './server-process.ts';

/** Tokens made so far, by database and reader id, with the name the reader's account had when last written. */
const tokens = new Map<string, { token: string; name: string }>();

/** Writes the reader's user row (its id, name and fixture email), renaming it if the test renamed the reader. */
function upsertUser(db: Database.Database, reader: { id: string; name: string }): number {
  const now = Date.now();
  db.prepare(
    'INSERT INTO users (id, name, email, email_verified, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE users.name <> excluded.name',
  ).run(reader.id, reader.name, credentialsOf(reader).email, now, now);
  return now;
}

/**
 * A token for `reader` on the server at `wsUrl`, or null when this process did not start that server. On a database
 * the tests may not or cannot write (a server run as another user, a file made read-only, a full disk), the token
 * made for the reader earlier in that file is reused when the reader still has the name it was made with; without
 * one the result is null and the reader joins with its claimed identity instead. A test that needs a signed-in
 * writer there calls this while the database is still writable.
 */
export function tokenForReader(wsUrl: string, reader: { id: string; name: string }): string | null {
  const server = serverDatabases.get(wsUrl);
  if (!server) return null;
  const key = `${server.dbPath}\n${reader.id}`;
  const known = tokens.get(key);
  const reusable = known && known.name === reader.name ? known.token : null;
  if (!server.writable) return reusable;
  let db: Database.Database | undefined;
  try {
    db = new Database(server.dbPath, { timeout: 10_000 });
    const now = upsertUser(db, reader);
    let token = known?.token;
    if (!token) {
      token = newTokenValue();
      db.prepare('INSERT INTO access_tokens (id, user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        `tok-fixture-${randomBytes(8).toString('hex')}`,
        reader.id,
        'test fixture',
        hashToken(token),
        now,
      );
    }
    tokens.set(key, { token, name: reader.name });
    return token;
  } catch {
    // A database the test made unwritable: the token made before, if the account still has the reader's name.
    return reusable;
  } finally {
    db?.close();
  }
}

/** The email and password of a reader's fixture account (deterministic, so a reader signs in again anywhere). */
export function credentialsOf(reader: { id: string }): { email: string; password: string } {
  const digest = createHash('sha1').update(reader.id).digest('hex');
  return { email: `${digest}@readers.test`, password: `pw-${digest}` };
}

/**
 * Makes sure `reader` has an account with its id and name and a password (Better Auth's hash, as sign-up stores it)
 * in the database at `dbPath`, so a browser can sign in as the reader through the real sign-in route.
 */
export async function ensurePasswordAccount(
  dbPath: string,
  reader: { id: string; name: string },
): Promise<{ email: string; password: string }> {
  const { email, password } = credentialsOf(reader);
  const hash = await hashPassword(password);
  const db = new Database(dbPath, { timeout: 10_000 });
  try {
    const now = upsertUser(db, reader);
    db.prepare(
      "INSERT INTO accounts (id, account_id, provider_id, user_id, password, created_at, updated_at) SELECT ?, ?, 'credential', ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE user_id = ? AND provider_id = 'credential')",
    ).run(`acc-fixture-${randomBytes(8).toString('hex')}`, reader.id, reader.id, hash, now, now, reader.id);
  } finally {
    db.close();
  }
  return { email, password };
}
