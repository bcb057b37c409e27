/** The passage a facilitator spotlighted in a document (`documents.spotlight`), kept so readers who join later see it. */
import { and, eq, isNull } from 'drizzle-orm';
import { type Spotlight, spotlightSchema } from '../../lib/meetings/spotlight.ts';
import type { GlossaDb } from '../client.ts';
import { documents } from '../schema.ts';

/** The standing spotlight, or null (none, an unknown document, or a stored value that does not parse). */
export function spotlightOf(db: GlossaDb, documentId: string): Spotlight | null {
  const row = db.select({ spotlight: documents.spotlight }).from(documents).where(eq(documents.id, documentId)).get();
  if (!row?.spotlight) return null;
  try {
    return spotlightSchema.safeParse(JSON.parse(row.spotlight)).data ?? null;
  } catch {
    return null;
  }
}

/** Sets (or clears, with null) the spotlight; false for an unknown or deleted document. */
export function setSpotlight(db: GlossaDb, documentId: string, spotlight: Spotlight | null): boolean {
  const result = db
    .update(documents)
    .set({ spotlight: spotlight ? JSON.stringify(spotlight) : null })
    .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
    .run();
  return result.changes > 0;
}
