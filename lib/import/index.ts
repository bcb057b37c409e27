/**
 * One entry point from an uploaded file to an {@link ImportedText}, whatever its format: the importer is chosen by
 * content type, then by file extension, then by sniffing (a zip is an EPUB). Every importer is pure and yields the
 * same shape: title, author, metadata, canonical text, blocks and chapters.
 */
import { TextImportError, type ImportedText } from '../text/import-text.ts';
import { titleFromFilename, UNTITLED } from '../text/title-from-filename.ts';
import { decodeText } from './decode-text.ts';
import { importEpub } from './epub.ts';
import { importHtml } from './html.ts';
import { importMarkdown } from './markdown.ts';
import { importPlainTextBytes } from './plain-text.ts';

/** The formats Glossa imports. */
export type ImportFormat = 'text' | 'markdown' | 'html' | 'epub';

const BY_TYPE: Record<string, ImportFormat> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/epub+zip': 'epub',
};
const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  epub: 'epub',
};
/** Types that say nothing about the format: the extension or the bytes decide. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-www-form-urlencoded']);

/** The content types accepted, for error messages and docs. */
export const acceptedContentTypes = Object.keys(BY_TYPE);

/**
 * The format of a file from its content type (parameters ignored), else its name's extension, else its first bytes
 * (`PK\x03\x04`: an EPUB); plain text when nothing says otherwise.
 * @throws TextImportError `unsupported` for a content type that names another format (e.g. `application/pdf`).
 */
export function detectFormat(contentType: string | undefined, filename: string | undefined, bytes: Uint8Array): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (BY_TYPE[type]) return BY_TYPE[type];
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename ?? '')?.[1]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'epub';
  if (UNINFORMATIVE.has(type)) return 'text';
  throw new TextImportError(
    'unsupported',
    `Files of type ${type} cannot be imported; Glossa imports plain text, Markdown, HTML and EPUB (${acceptedContentTypes.join(', ')}).`,
  );
}

/** A file to import. */
export interface ImportFileInput {
  bytes: Uint8Array;
  /** The content type the client gave (the part's, or the request's for a raw body). */
  contentType?: string;
  /** The file's name, for the format and the fallback title. */
  filename?: string;
}

/**
 * Imports a file of any supported format.
 * @throws TextImportError naming the problem (empty, encoding, corrupt, DRM, too large, unsupported …).
 */
export function importFile(input: ImportFileInput): ImportedText & { format: ImportFormat } {
  if (input.bytes.byteLength === 0) throw new TextImportError('empty', 'The file is empty.');
  const format = detectFormat(input.contentType, input.filename, input.bytes);
  const fallbackTitle = input.filename ? titleFromFilename(input.filename) : UNTITLED;
  switch (format) {
    case 'epub':
      return { ...importEpub(input.bytes, { fallbackTitle }), format };
    case 'markdown':
      return { ...importMarkdown(decodeText(input.bytes, input.contentType).text, { fallbackTitle }), format };
    case 'html':
      return { ...importHtml(decodeText(input.bytes, input.contentType).text, { fallbackTitle }), format };
    default:
      return { ...importPlainTextBytes(input.bytes, { fallbackTitle, contentType: input.contentType }), format };
  }
}

export { decodeText, type DecodedText } from './decode-text.ts';
export { importEpub } from './epub.ts';
export { importHtml, sanitizeForImport } from './html.ts';
export { importMarkdown } from './markdown.ts';
export { importPlainTextBytes } from './plain-text.ts';
