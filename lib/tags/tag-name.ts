/**
 * Tag names are the keys of the room's `tags` map and the values of tagging bodies. Readers type labels freely
 * ("The Chip", " the  chip "); one normal form keeps them from splitting into near-duplicates.
 */
import { annotationLimits } from '../annotations/limits.ts';

/** The key a typed label is stored under: trimmed, inner whitespace collapsed, lower case, bounded. */
export function tagNameOf(label: string): string {
  let name = label.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, annotationLimits.tagLength);
  // The cut may split a surrogate pair (UTF-8 storage would turn the half into U+FFFD) or end just after a space
  // (the name would not be its own normal form, and zod's trim would change it): both are taken off.
  if (/[\uD800-\uDBFF]$/.test(name)) name = name.slice(0, -1);
  return name.trimEnd();
}

/**
 * The theme names (tag keys) an annotation value carries, read from any JSON (the room's maps hold anyone's JSON
 * until judged): one per tagging body with a string value.
 */
export function themeNamesOf(value: unknown): string[] {
  const body = (value as { body?: unknown } | null)?.body;
  if (!Array.isArray(body)) return [];
  const names: string[] = [];
  for (const b of body) if (b?.purpose === 'tagging' && typeof b.value === 'string') names.push(tagNameOf(b.value));
  return names;
}
