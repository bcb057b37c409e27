/**
 * Plain-text files as bytes: decoded (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 — see
 * decode-text.ts), then imported as before (lib/text/import-text.ts: `key: value` header, canonical text, chapter
 * headings such as `CHAPTER I` and `BOOK ONE`).
 */
import { importPlainText, type ImportedText } from '../text/import-text.ts';
import { decodeText } from './decode-text.ts';

/** Imports a plain-text file from its bytes; `contentType` may declare a charset. */
export function importPlainTextBytes(bytes: Uint8Array, opts: { fallbackTitle: string; contentType?: string }): ImportedText {
  const { text, encoding } = decodeText(bytes, opts.contentType);
  const imported = importPlainText(text, opts);
  return encoding === 'utf-8' ? imported : { ...imported, metadata: { ...imported.metadata, encoding } };
}
