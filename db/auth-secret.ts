/**
 * The secret Better Auth signs session cookies with. Read from `BETTER_AUTH_SECRET` when it is set (it must then be
 * at least 32 characters, or the server refuses to start rather than sign with a weak key); otherwise made once, on
 * the first start, into `auth-secret` beside the database (mode 0600) and read from there after, so every process
 * of one installation (the server and Next's route handlers) shares it and no secret is in the repository. The
 * file appears whole or not at all (written aside, then linked into place), so a process starting at the same
 * moment never reads half of it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from './client.ts';

const minLength = 32;

export class AuthSecretError extends Error {}

function readStored(file: string): string {
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < minLength)
    throw new AuthSecretError(`${file} holds no usable secret (under ${minLength} characters): remove it to make a new one`);
  return stored;
}

export function authSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < minLength) throw new AuthSecretError(`BETTER_AUTH_SECRET must be at least ${minLength} characters`);
    return fromEnv;
  }
  const file = join(dirname(databasePath()), 'auth-secret');
  if (existsSync(file)) return readStored(file);
  mkdirSync(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(aside, file); // atomic: fails if another process linked its secret first, and then that one is used
  } catch {
    /* another process won; its secret is read below */
  } finally {
    rmSync(aside, { force: true });
  }
  return readStored(file);
}
