/**
 * The sample story every unit test reads: db/seed/should-have-known.txt imported exactly as the server imports it,
 * so offsets in tests are offsets of the real canonical text, not of a toy string.
 */
import { readFileSync } from 'node:fs';
import type { TextRange } from '../../lib/anchoring/types.ts';
import { importPlainText } from '../../lib/text/import-text.ts';

/** The imported story: canonical text and paragraph spans. */
export const story = importPlainText(readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8'), {
  fallbackTitle: 'Should Have Known',
});

/** The canonical text of the story. */
export const storyText = story.text;

/** The document id the story's room uses in tests. */
export const storyDocumentId = 'should-have-known';

/** The range of the `n`th (0-based) occurrence of `needle` in the story; throws when there is none. */
export function rangeOf(needle: string, n = 0): TextRange {
  let start = storyText.indexOf(needle);
  for (let i = 0; i < n && start !== -1; i++) start = storyText.indexOf(needle, start + 1);
  if (start === -1) throw new Error(`no occurrence ${n} of ${JSON.stringify(needle)} in the story`);
  return { start, end: start + needle.length };
}
