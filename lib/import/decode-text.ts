/**
 * Bytes of a text file → a string, decoded correctly or refused. UTF-8 (with or without a byte-order mark) and
 * UTF-16 with a byte-order mark are read as such; bytes that are not valid UTF-8 are read as Windows-1252 (what
 * older Windows editors and many Gutenberg-era files use) when every byte then gives a printable character, and are
 * refused otherwise — never decoded into U+FFFD replacement characters that would end up in the canonical text.
 */
import { TextImportError } from '../text/import-text.ts';

/** Which encoding the bytes were read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A decoded file. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** C0 controls other than tab, line feed, form feed and carriage return, and the C1 controls: never in real text. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;

/** The encoding a `charset=` parameter names, when it is one Glossa reads; null otherwise. */
function declaredCharset(contentType: string | undefined): string | null {
  const match = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Decodes `bytes`. A byte-order mark wins; then a declared `charset` of windows-1252/iso-8859-1/latin1 in
 * `contentType`; then strict UTF-8; then Windows-1252 as described above.
 * @throws TextImportError `encoding` when the bytes are in no encoding Glossa can read (e.g. UTF-16 without a
 * byte-order mark, or binary data).
 */
export function decodeText(bytes: Uint8Array, contentType?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strictDecode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strictDecode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strictDecode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  const charset = declaredCharset(contentType);
  if (charset === 'windows-1252' || charset === 'iso-8859-1' || charset === 'latin1' || charset === 'cp1252')
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

function strictDecode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new TextImportError(
      'encoding',
      `The file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}.`,
    );
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the rest of the code page is Latin-1); `\u0081` etc. mark the five
 * undefined bytes. Decoded by hand: Node 20's TextDecoder('windows-1252') gives Latin-1 (C1 controls) for these.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252, refused when it yields control characters (the five undefined bytes among them): not text. */
function windows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    chars.push(String.fromCharCode(...codes));
  }
  const text = chars.join('');
  const bad = CONTROL.exec(text);
  if (bad)
    throw new TextImportError(
      'encoding',
      'The file is not valid UTF-8, and read as Windows-1252 it holds control characters: save it as UTF-8 (or UTF-16 with a byte-order mark) and import it again.',
    );
  return text;
}
