/**
 * Accounts: Better Auth with its Drizzle adapter on Glossa's SQLite (email and password; httpOnly, SameSite=Lax
 * session cookies; passwords hashed by the library). One instance per module graph (the custom server and Next's
 * route handlers each make one); all state is in the database, so they agree.
 */
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { displayName } from '../lib/accounts/display-name.ts';
import { accountLimits } from '../lib/limits.ts';
import { authSecret } from './auth-secret.ts';
import { databasePath, getDb } from './client.ts';
import { accounts, sessions, users, verifications } from './schema.ts';

/** A display name as notes will carry it, or a 400 that says why not. */
function checkedName(raw: unknown): string {
  const result = displayName(raw);
  if (!result.ok) throw new APIError('BAD_REQUEST', { message: result.error });
  return result.name;
}

function signInPerMinute(): number {
  const fromEnv = Number(process.env.GLOSSA_SIGN_IN_PER_MINUTE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : accountLimits.signInPerMinute;
}

function createAuth() {
  return betterAuth({
    secret: authSecret(),
    database: drizzleAdapter(getDb(), {
      provider: 'sqlite',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: accountLimits.passwordMinLength,
      maxPasswordLength: accountLimits.passwordMaxLength,
      // No mail is sent from Glossa: an address is an account's name, not something it must prove.
      requireEmailVerification: false,
    },
    session: { expiresIn: accountLimits.sessionDays * 24 * 60 * 60 },
    user: { changeEmail: { enabled: false } },
    advanced: {
      // Cookies are httpOnly and SameSite=Lax. Secure only behind https (GLOSSA_PUBLIC_URL): a book club on a
      // laptop over plain http would otherwise never get its cookie back.
      cookiePrefix: 'glossa',
      useSecureCookies: (process.env.GLOSSA_PUBLIC_URL ?? '').startsWith('https:'),
    },
    // Better Auth checks Origin on its state-changing routes: the one origin trusted is the site the browser is on
    // (its Host), so a page elsewhere cannot sign anyone in or out. GLOSSA_PUBLIC_URL adds the public address.
    trustedOrigins: (request) => {
      const host = request?.headers.get('host');
      const origins = host ? [`http://${host}`, `https://${host}`] : [];
      if (process.env.GLOSSA_PUBLIC_URL) origins.push(new URL(process.env.GLOSSA_PUBLIC_URL).origin);
      return origins;
    },
    // Password guessing is slowed per address; a room full of readers behind one address may raise it.
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: signInPerMinute() },
        '/sign-up/email': { window: 60, max: signInPerMinute() },
        '/change-password': { window: 60, max: signInPerMinute() },
      },
    },
    // Names become every note's `creator.name`: normalised and bounded here, since Better Auth takes any string.
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: { ...user, name: checkedName(user.name) } }) },
        update: {
          before: async (user) => (user.name === undefined ? undefined : { data: { ...user, name: checkedName(user.name) } }),
        },
      },
    },
    telemetry: { enabled: false },
  });
}

export type GlossaAuth = ReturnType<typeof createAuth>;

const key = Symbol.for('glossa.auth');
type Holder = { [key]?: Map<string, GlossaAuth> };

/** The Better Auth instance of this process's database (made on first use; shared by both module graphs). */
export function getAuth(): GlossaAuth {
  const holder = globalThis as Holder;
  const byPath = (holder[key] ??= new Map());
  const path = databasePath();
  let auth = byPath.get(path);
  if (!auth) byPath.set(path, (auth = createAuth()));
  return auth;
}
