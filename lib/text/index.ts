/**
 * The public API of text import: raw plain-text file → header metadata + canonical text + paragraph spans.
 */
export { toCanonicalText, PARAGRAPH_SEPARATOR, type CanonicalText, type ParagraphSpan } from './canonical-text.ts';
export {
  importPlainText,
  MAX_TEXT_LENGTH,
  TextImportError,
  type ImportedText,
  type ImportOptions,
  type TextImportErrorCode,
} from './import-text.ts';
export { normalizeNewlines, parseHeader, type ParsedHeader } from './parse-header.ts';
export { titleFromFilename, UNTITLED } from './title-from-filename.ts';
