/**
 * Web hygiene on the real server: every response says nosniff, same-origin referrers and no framing; pages carry a
 * Content Security Policy whose script nonce is fresh per request and is on every script Next renders; state-changing
 * account routes refuse another origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../helpers/accounts.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
});

afterAll(async () => {
  await server?.dispose();
});

describe('security headers', () => {
  it.each(['/', '/d/should-have-known', '/sign-in', '/api/documents', '/api/nope', '/api/me'])('are on %s', async (path) => {
    const res = await fetch(base + path);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('give each page a CSP with a fresh script nonce that every rendered script carries', async () => {
    const nonces: string[] = [];
    for (const path of ['/d/should-have-known', '/d/should-have-known', '/']) {
      const res = await fetch(base + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.push(nonce!);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe('cross-site requests', () => {
  it('cannot sign anyone up, in or out from another origin', async () => {
    const res = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'Mallory', email: 'mallory@example.test', password: 'long enough password' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toHaveProperty('error');
  });

  it('cannot make a token with a victim session from another origin', async () => {
    const victim = await signUp(base, 'Victim');
    const res = await fetch(`${base}/api/tokens`, {
      method: 'POST',
      headers: { cookie: victim.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });
});
