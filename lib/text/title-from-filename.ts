/**
 * Derives a readable title from an uploaded file's name, used when the file's header gives no `title:`.
 */

/** The title used when a file name yields no words at all. */
export const UNTITLED = 'Untitled';

/** Upper-cases the first character (code point) of `word`, keeping the rest as written. */
function capitalise(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

/**
 * `'should-have-known.txt'` → `'Should Have Known'`: drops any directory part, leading dots and the extension,
 * splits on `-`, `_` and whitespace, and capitalises each word. Returns {@link UNTITLED} when no word is left.
 */
export function titleFromFilename(filename: string): string {
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).replace(/^\.+/, '');
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const words = stem.split(/[-_\s]+/).filter((word) => word.length > 0);
  return words.length > 0 ? words.map(capitalise).join(' ') : UNTITLED;
}
