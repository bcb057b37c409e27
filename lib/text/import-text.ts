/**
 * The one entry point from an uploaded or seeded plain-text file to what is stored for a document: title, author,
 * header metadata and the canonical text with its paragraphs. Imported files are a trust boundary, so whatever
 * cannot become a readable document is refused here with a {@link TextImportError}.
 */
import { toCanonicalText, type ParagraphSpan } from './canonical-text.ts';
import { importLimits } from '../limits.ts';
import { detectPlainTextHeadings, isChapterHeading } from './chapter-headings.ts';
import { clipTitle } from './clip-title.ts';
import { chaptersFromBlocks, type Block, type Chapter } from './document-model.ts';
import { normalizeNewlines, parseHeader } from './parse-header.ts';

/** The longest canonical text accepted, in UTF-16 code units (War and Peace is about a third of it). */
export const MAX_TEXT_LENGTH = importLimits.textLength;

/**
 * Why an import was refused: no text, a binary file, too long a text, bytes in no encoding Glossa can read, a
 * corrupt or malformed file, a DRM-protected book, a file that would unpack past the limits, a format Glossa does
 * not import.
 */
export type TextImportErrorCode = 'empty' | 'nul' | 'too-long' | 'encoding' | 'corrupt' | 'malformed' | 'drm' | 'too-large' | 'unsupported';

/** A file that cannot become a document; `message` is fit to show to the person who uploaded it. */
export class TextImportError extends Error {
  /** A stable code for callers that map errors to responses. */
  readonly code: TextImportErrorCode;

  constructor(code: TextImportErrorCode, message: string) {
    super(message);
    this.name = 'TextImportError';
    this.code = code;
  }
}

/** A document ready to be stored. */
export interface ImportedText {
  /** `metadata.title` when the header has one, else the caller's fallback; cut to the title cap (`clipTitle`). */
  title: string;
  /** `metadata.author` when the header has one, else `null`. */
  author: string | null;
  /** The header fields (see `parseHeader`). */
  metadata: Record<string, string>;
  /** The canonical text. */
  text: string;
  /** The spans of every block of `text` (headings included), in order: what the reader draws one node per. */
  paragraphs: ParagraphSpan[];
  /** The typed blocks of `text`, over the same spans as `paragraphs`. */
  blocks: Block[];
  /** The outline (empty for a text without chapters). */
  chapters: Chapter[];
}

/** Refuses a canonical text that is empty or longer than {@link MAX_TEXT_LENGTH}; every importer ends with it. */
export function checkTextLength(text: string): void {
  if (text.length === 0) throw new TextImportError('empty', 'The file holds no text.');
  if (text.length > MAX_TEXT_LENGTH)
    throw new TextImportError('too-long', `The text is longer than ${MAX_TEXT_LENGTH.toLocaleString('en')} characters.`);
}

/** Options of {@link importPlainText}. */
export interface ImportOptions {
  /** The title to use when the header has none, typically from `titleFromFilename`. */
  fallbackTitle: string;
}

/**
 * Imports a raw plain-text file: splits off the header, builds the canonical text, finds chapter headings
 * (`CHAPTER I`, `BOOK ONE`, `PART II` … on a line of their own), and takes title and author from the header (an
 * empty header value counts as absent).
 *
 * @throws TextImportError when the file holds a NUL character (a binary file, not text), when no text is left
 * after import, or when the text is longer than {@link MAX_TEXT_LENGTH}.
 */
export function importPlainText(raw: string, opts: ImportOptions): ImportedText {
  if (raw.includes('\0')) throw new TextImportError('nul', 'The file holds a NUL character: it is not a plain-text file.');
  // `BOOK ONE: 1805` on the first line looks like `key: value`, but it is the novel's first heading.
  const firstLine = /^[^\n\r]*/.exec(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw)![0].trim();
  const { metadata, body } = isChapterHeading(firstLine) ? { metadata: {}, body: normalizeNewlines(raw) } : parseHeader(raw);
  const { text, paragraphs } = toCanonicalText(body);
  checkTextLength(text);
  const blocks = detectPlainTextHeadings(text, paragraphs);
  return {
    title: clipTitle(metadata.title || opts.fallbackTitle) || opts.fallbackTitle,
    author: metadata.author || null,
    metadata,
    text,
    paragraphs,
    blocks,
    chapters: chaptersFromBlocks(text, blocks, { firstHeadingIsTitle: false }),
  };
}
