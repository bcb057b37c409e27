/** Reading accounts (Better Auth writes them). */
import { asc, eq } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { users, type UserRow } from '../schema.ts';

export function userById(db: GlossaDb, id: string): UserRow | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

/** The instance owner: the first account created on this Glossa (null before anyone signed up). */
export function instanceOwnerId(db: GlossaDb): string | null {
  return db.select({ id: users.id }).from(users).orderBy(asc(users.createdAt), asc(users.id)).limit(1).get()?.id ?? null;
}
