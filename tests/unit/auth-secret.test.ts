import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthSecretError, authSecret } from '../../db/auth-secret.ts';

describe('authSecret', () => {
  let dir: string;
  const saved = { db: process.env.GLOSSA_DB, secret: process.env.BETTER_AUTH_SECRET };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glossa-secret-'));
    process.env.GLOSSA_DB = join(dir, 'glossa.db');
    delete process.env.BETTER_AUTH_SECRET;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    process.env.GLOSSA_DB = saved.db;
    if (saved.secret === undefined) delete process.env.BETTER_AUTH_SECRET;
    else process.env.BETTER_AUTH_SECRET = saved.secret;
  });

  it('makes one secret beside the database, private to its owner, and reads the same one after', () => {
    const first = authSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(authSecret()).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('takes BETTER_AUTH_SECRET when set, and refuses a short one', () => {
    process.env.BETTER_AUTH_SECRET = 's'.repeat(40);
    expect(authSecret()).toBe('s'.repeat(40));
    process.env.BETTER_AUTH_SECRET = 'short';
    expect(() => authSecret()).toThrow(AuthSecretError);
  });

  it('refuses an emptied secret file instead of signing with nothing', () => {
    writeFileSync(join(dir, 'auth-secret'), '\n');
    expect(() => authSecret()).toThrow(/no usable secret/);
  });
});
