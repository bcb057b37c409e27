/**
 * One rule for every source of a document title (a JSON `title`, `?title=`, a `title:` header line, a file name):
 * titles are one line and at most {@link httpLimits.titleLength} UTF-16 code units. A longer title is cut rather
 * than refused, so a file whose header holds an over-long `title:` line still imports; the ellipsis shows the cut.
 */
import { httpLimits } from '../limits.ts';

/** The mark that ends a title that was cut. */
export const ELLIPSIS = '…';

/**
 * Collapses runs of whitespace (newlines included) to one space, trims, and cuts the result to `max` code units
 * ending with {@link ELLIPSIS} when it is longer. Never splits a surrogate pair. May return `''` (the caller decides
 * what an empty title means).
 */
export function clipTitle(title: string, max: number = httpLimits.titleLength): string {
  const line = title.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let end = max - ELLIPSIS.length;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut off
  return line.slice(0, end).trimEnd() + ELLIPSIS;
}
