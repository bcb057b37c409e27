/**
 * Splits the optional header block off a raw text file. Fan-fiction archives and hand-made files often start
 * with `author: …`, `rating: …` lines before the story; that block is metadata, not text to annotate, so it must
 * be removed before the canonical text (whose offsets every annotation counts in) is built.
 */

/** A raw file split into its header metadata and the body that follows it. */
export interface ParsedHeader {
  /** Header fields keyed by lower-cased key; header lines that are not `key: value` are joined under `note`. */
  metadata: Record<string, string>;
  /** Everything after the blank line that ends the header (the whole file when there is no header). */
  body: string;
}

/**
 * A `key: value` header line: a key of 1–30 letters, digits, spaces, `_` or `-` starting with a letter, then a
 * colon and a space. Deliberately strict, so that prose such as "Well, Prince: ..." is not taken for a header.
 */
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9 _-]{0,29}): (.*)$/;

/** A line holding nothing but whitespace (the same whitespace `String.prototype.trim` removes). */
const BLANK_LINE = /^\s*$/;

/**
 * Normalises line endings (`\r\n` and lone `\r` become `\n`) and drops a leading byte-order mark, which editors on
 * Windows write but which is not part of the text.
 */
export function normalizeNewlines(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Separates a header block from the body of `raw`.
 *
 * The header is the lines before the first blank line, and only exists when the very first line looks like
 * `key: value` and a blank line follows the block (a file that is one `key: value` paragraph is all body). Each
 * `key: value` line becomes `metadata[key.trim().toLowerCase()] = value.trim()` (a repeated key keeps its last
 * value); other header lines (e.g. `set in/post AU season 7.`) are joined with a space under `note`. Without a
 * header, `metadata` is `{}` and `body` is the whole (newline-normalised) input.
 */
export function parseHeader(raw: string): ParsedHeader {
  const text = normalizeNewlines(raw);
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (!HEADER_LINE.test(firstLine)) return { metadata: {}, body: text };

  const lines: string[] = [];
  let lineStart = 0;
  let bodyStart = -1;
  while (lineStart <= text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const line = text.slice(lineStart, end);
    if (BLANK_LINE.test(line)) {
      bodyStart = lineEnd === -1 ? text.length : lineEnd + 1;
      break;
    }
    lines.push(line);
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  if (bodyStart === -1) return { metadata: {}, body: text };

  const metadata: Record<string, string> = {};
  const notes: string[] = [];
  for (const line of lines) {
    const match = HEADER_LINE.exec(line);
    if (match) metadata[match[1]!.trim().toLowerCase()] = match[2]!.trim();
    else notes.push(line.trim());
  }
  if (notes.length > 0) {
    const existing = metadata.note;
    metadata.note = (existing ? [existing, ...notes] : notes).join(' ');
  }
  return { metadata, body: text.slice(bodyStart) };
}
