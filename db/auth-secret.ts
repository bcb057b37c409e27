/**
 * The secret Better Auth signs session cookies with. Read from `BETTER_AUTH_SECRET` when it is set; otherwise made
 * once, on the first start, into `auth-secret` beside the database (mode 0600) and read from there after, so every
 * process of one installation (the server and Next's route handlers) shares it and no secret is in the repository.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from './client.ts';

const minLength = 32;

export function authSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv && fromEnv.length >= minLength) return fromEnv;
  const file = join(dirname(databasePath()), 'auth-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= minLength) return stored;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // `wx`: two processes starting together must not each write their own; the loser reads the winner's.
  try {
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
