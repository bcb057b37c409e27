/**
 * Tag names are the keys of the room's `tags` map and the values of tagging bodies. Readers type labels freely
 * ("The Chip", " the  chip "); one normal form keeps them from splitting into near-duplicates.
 */
import { annotationLimits } from '../annotations/limits.ts';

/** The key a typed label is stored under: trimmed, inner whitespace collapsed, lower case, bounded. */
export function tagNameOf(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, annotationLimits.tagLength);
}
