/**
 * Password guessing is slowed: after `accountLimits.signInPerMinute` attempts a minute from one address, sign-in
 * answers 429 `{ error }`, even with the right password; reading (and signed-in readers' tokens) go on.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountLimits } from '../../../lib/limits.ts';
import { createToken, signUp } from '../../helpers/accounts.ts';
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

it('answers 429 past the per-minute sign-in attempts of one address', async () => {
  const victim = await signUp(base, 'Guessed');
  const { token } = await createToken(base, victim);
  const attempt = (password: string) =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      // A made-up address on every guess changes nothing: the server takes the address from the socket.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` },
      body: JSON.stringify({ email: victim.email, password }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < accountLimits.signInPerMinute + 2; i++) statuses.push((await attempt(`guess-${i}`)).status);
  expect(statuses.slice(0, accountLimits.signInPerMinute - 1).every((s) => s === 401)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  const right = await attempt(victim.password);
  expect(right.status).toBe(429);
  expect(await right.json()).toHaveProperty('error');
  // The library and a token's requests are not slowed.
  expect((await fetch(`${base}/api/documents`)).status).toBe(200);
  expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});
