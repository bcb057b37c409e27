/** Reading accounts (Better Auth writes them). */
import { eq } from 'drizzle-orm';
import type { GlossaDb } from '../client.ts';
import { users, type UserRow } from '../schema.ts';

export function userById(db: GlossaDb, id: string): UserRow | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}
