/**
 * Readable, stable ids for new documents: `The Raven` → `the-raven`, then `the-raven-2`, `the-raven-3` … for later
 * texts with the same title. The store finds the highest suffix in use with one query; choosing the next id from
 * what it found is pure and lives here.
 */
import { httpLimits } from '../limits.ts';

/** The slug used when a title has no letter or digit that survives (e.g. `„…“`). */
export const FALLBACK_SLUG = 'text';

/** Lower-case ASCII letters and digits of `title`, joined by single hyphens, at most {@link httpLimits.slugLength}. */
export function documentSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e, not e-
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, httpLimits.slugLength)
    .replace(/-$/, '');
  return slug || FALLBACK_SLUG;
}

/** What the store knows about the ids a slug could take. */
export interface SlugUse {
  /** Whether a document has the bare slug as its id. */
  taken: boolean;
  /**
   * The numerically largest `n` (decimal digits, no leading zero) among ids `<slug>-<n>` in use, or null. A string,
   * because ids are text and a hand-made suffix may be longer than a safe integer.
   */
  highestSuffix: string | null;
}

/**
 * The id for a new document with slug `slug`: the slug itself when free, else `<slug>-<highest suffix + 1>`
 * (at least `-2`). Higher than every suffix in use, so it is free without another look-up.
 */
export function nextDocumentId(slug: string, use: SlugUse): string {
  if (!use.taken) return slug;
  const next = use.highestSuffix === null ? 2n : BigInt(use.highestSuffix) + 1n;
  return `${slug}-${next < 2n ? 2n : next}`;
}
