/**
 * Personal access tokens: a script or a stock y-websocket client acts as the user who made the token
 * (`Authorization: Bearer <token>`, or `params: { token }` on the socket). The token is shown once, when made; only
 * its SHA-256 is stored, so a copy of the database gives no one a usable token. Revoking deletes the row.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import { accountLimits } from '../lib/limits.ts';
import type { GlossaDb } from './client.ts';
import { accessTokens, users, type UserRow } from './schema.ts';

/** Every token starts so; it tells a token from a session id at a glance (and to secret scanners). */
export const tokenPrefix = 'glossa_pat_';

/** What is stored of a token: its SHA-256, hex. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new token value: the prefix and 32 random bytes. */
export const newTokenValue = () => tokenPrefix + randomBytes(32).toString('base64url');

/** What a user sees of a token after it was made. */
export interface AccessTokenInfo {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export class TokenLimitError extends Error {}

/** Makes a token for `userId`; the only time its value is known. */
export function createAccessToken(db: GlossaDb, userId: string, label: string, now = new Date()): { token: string; info: AccessTokenInfo } {
  const [{ n }] = db.select({ n: count() }).from(accessTokens).where(eq(accessTokens.userId, userId)).all();
  if (n >= accountLimits.tokensPerUser)
    throw new TokenLimitError(`at most ${accountLimits.tokensPerUser} tokens per user; revoke one first`);
  const token = newTokenValue();
  const id = `tok-${randomUUID()}`;
  db.insert(accessTokens)
    .values({ id, userId, label, tokenHash: hashToken(token), createdAt: now })
    .run();
  return { token, info: { id, label, createdAt: now.toISOString(), lastUsedAt: null } };
}

/** The user's tokens, newest first (never their values). */
export function listAccessTokens(db: GlossaDb, userId: string): AccessTokenInfo[] {
  return db
    .select()
    .from(accessTokens)
    .where(eq(accessTokens.userId, userId))
    .orderBy(desc(accessTokens.createdAt))
    .all()
    .map((row) => ({
      id: row.id,
      label: row.label,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    }));
}

/** Revokes one of the user's tokens; false when the user has no such token. */
export function revokeAccessToken(db: GlossaDb, userId: string, id: string): boolean {
  const result = db
    .delete(accessTokens)
    .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, userId)))
    .run();
  return result.changes > 0;
}

/** Use is recorded at most this often per token (a busy script should not write on every request). */
const lastUsedEveryMs = 60_000;

/** The user a token stands for (and the token's id), or null for an unknown (or revoked) token. */
export function userOfToken(db: GlossaDb, token: string, now = new Date()): { user: UserRow; tokenId: string } | null {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const row = db
    .select({ user: users, tokenId: accessTokens.id, lastUsedAt: accessTokens.lastUsedAt })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(eq(accessTokens.tokenHash, hashToken(token)))
    .get();
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > lastUsedEveryMs) {
    try {
      db.update(accessTokens).set({ lastUsedAt: now }).where(eq(accessTokens.id, row.tokenId)).run();
    } catch {
      /* a read-only database still lets tokens in */
    }
  }
  return { user: row.user, tokenId: row.tokenId };
}
