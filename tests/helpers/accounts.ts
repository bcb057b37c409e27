/**
 * Signing in from tests: a real account made through Better Auth's routes on the running server, its session
 * cookie, and a personal access token for sockets and scripts.
 */
import { randomUUID } from 'node:crypto';

export interface TestAccount {
  id: string;
  name: string;
  email: string;
  password: string;
  /** The `cookie` header value of the account's session. */
  cookie: string;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a `cookie` request header. */
export function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs a new account up (and so in) on the server at `baseUrl`. */
export async function signUp(baseUrl: string, name: string, options: { email?: string; password?: string } = {}): Promise<TestAccount> {
  const email = options.email ?? `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}@example.test`;
  const password = options.password ?? `pw-${randomUUID()}`;
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ name, email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string; name: string } };
  return { id: body.user.id, name: body.user.name, email, password, cookie: cookieHeader(res) };
}

/** Makes a personal access token for a signed-in account. */
export async function createToken(baseUrl: string, account: TestAccount, label = 'test'): Promise<{ token: string; id: string }> {
  const res = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: account.cookie, origin: baseUrl },
    body: JSON.stringify({ label }),
  });
  if (res.status !== 201) throw new Error(`POST /api/tokens answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { token: string; id: string };
}
