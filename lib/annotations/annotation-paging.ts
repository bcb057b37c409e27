/**
 * The paging, preferences and entity tags of the W3C Web Annotation Protocol's container (pure: no request, no
 * database), so the route handlers stay thin and the arithmetic is tested as tables. Pages are numbered from 0:
 * page `n` holds items `[n × size, (n + 1) × size)`; an empty container still has page 0 (empty), so `first` and
 * `last` always exist.
 */

/** LDP and annotation IRIs the protocol's `Prefer` header and `Link` headers use. */
export const protocolIris = {
  basicContainer: 'http://www.w3.org/ns/ldp#BasicContainer',
  resource: 'http://www.w3.org/ns/ldp#Resource',
  constrainedBy: 'http://www.w3.org/ns/ldp#constrainedBy',
  protocolSpec: 'http://www.w3.org/TR/annotation-protocol/',
  preferMinimalContainer: 'http://www.w3.org/ns/ldp#PreferMinimalContainer',
  preferContainedIris: 'http://www.w3.org/ns/oa#PreferContainedIRIs',
  preferContainedDescriptions: 'http://www.w3.org/ns/oa#PreferContainedDescriptions',
} as const;

/** How many pages `total` items fill at `size` per page (at least 1: the empty page 0). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The items of page `page` as a half-open index range, or null for a page past the last. */
export function pageRange(page: number, total: number, size: number): { start: number; end: number } | null {
  if (!Number.isInteger(page) || page < 0 || page >= pageCount(total, size)) return null;
  const start = page * size;
  return { start, end: Math.min(total, start + size) };
}

/** A `?page=` value: a non-negative decimal integer without sign or leading zeros; null otherwise. */
export function parsePageParam(value: string): number | null {
  if (!/^(0|[1-9][0-9]{0,8})$/.test(value)) return null;
  return Number(value);
}

/** What a container answer embeds, as the client's `Prefer` header asks. */
export interface ContainerPreference {
  /** Embed no page: `first` and `last` are IRIs only (PreferMinimalContainer). */
  minimal: boolean;
  /** Pages list their annotations as IRIs rather than descriptions (PreferContainedIRIs). */
  iris: boolean;
  /** Whether the header asked for `return=representation` (answered with `Preference-Applied`). */
  applied: boolean;
}

/**
 * Reads `Prefer: return=representation; include="<iri> <iri>"` (RFC 7240, the LDP include parameter). Without a
 * header, or with preferences Glossa does not know, the container embeds its first page of descriptions. When both
 * IRIs and descriptions are asked for, descriptions win (they carry the IRIs too).
 */
export function parsePrefer(header: string | null): ContainerPreference {
  const none = { minimal: false, iris: false, applied: false };
  if (!header) return none;
  // Several preferences may come comma-separated; only return=representation carries `include`.
  for (const preference of header.split(',')) {
    const [token, ...params] = preference.split(';').map((p) => p.trim());
    if (token.toLowerCase() !== 'return=representation') continue;
    const include = new Set<string>();
    for (const param of params) {
      const match = /^include\s*=\s*"?([^"]*)"?$/i.exec(param);
      if (match) for (const iri of match[1].split(/\s+/)) if (iri) include.add(iri);
    }
    const descriptions = include.has(protocolIris.preferContainedDescriptions);
    return {
      minimal: include.has(protocolIris.preferMinimalContainer),
      iris: include.has(protocolIris.preferContainedIris) && !descriptions,
      applied: true,
    };
  }
  return none;
}

/** JSON with object keys sorted, so the same value always gives the same text (and the same tag). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A strong entity tag of `value` (quoted, as HTTP sends it): a 64-bit hash of its canonical JSON. It names a version
 * for optimistic concurrency (`If-Match`), not a secret; two lanes of a multiply-xorshift hash keep accidental
 * collisions out of reach of any real edit history.
 */
export function entityTag(value: unknown): string {
  const text = canonicalJson(value);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `"${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}"`;
}

/**
 * Whether an `If-Match` header matches entity tag `etag` (strong comparison, RFC 9110 §13.1.1): `*` matches any
 * current version; a weak tag (`W/"…"`) never matches; a list matches if one member does.
 */
export function ifMatchAccepts(header: string, etag: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').some((tag) => tag.trim() === etag);
}
