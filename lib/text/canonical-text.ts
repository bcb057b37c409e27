/**
 * Turns the body of a plain-text file into the canonical text that every annotation offset counts in. Files arrive
 * hard-wrapped (Project Gutenberg) or one line per paragraph (fan-fiction archives); both must give the same text,
 * and the paragraph spans are what the ProseMirror document is built from.
 */
import { normalizeNewlines } from './parse-header.ts';

/** Where one paragraph lies in the canonical text: UTF-16 offsets, `end` exclusive. */
export interface ParagraphSpan {
  start: number;
  end: number;
}

/** The canonical text of a document and its paragraphs, in order. */
export interface CanonicalText {
  /** The paragraphs joined by `"\n\n"`. */
  text: string;
  /** One span per paragraph; `text.slice(start, end)` is the paragraph's text, never empty. */
  paragraphs: ParagraphSpan[];
}

/** The separator between paragraphs in the canonical text. */
export const PARAGRAPH_SEPARATOR = '\n\n';

/**
 * Builds the canonical text of `body`.
 *
 * Paragraphs are separated by one or more blank (whitespace-only) lines. Inside a paragraph, hard-wrapped lines
 * are trimmed and joined with a single space; empty paragraphs are dropped; every other character (curly quotes,
 * dashes, accents, inner runs of spaces) is kept as is. Line endings may be `\n`, `\r\n` or `\r`.
 *
 * Linear in the input: lines are collected into arrays and joined once, never concatenated one by one.
 */
export function toCanonicalText(body: string): CanonicalText {
  const source = normalizeNewlines(body);
  const paragraphTexts: string[] = [];
  const paragraphs: ParagraphSpan[] = [];
  let offset = 0;
  let lines: string[] = [];

  const closeParagraph = (): void => {
    if (lines.length === 0) return;
    const paragraph = lines.length === 1 ? lines[0]! : lines.join(' ');
    if (paragraphTexts.length > 0) offset += PARAGRAPH_SEPARATOR.length;
    paragraphs.push({ start: offset, end: offset + paragraph.length });
    paragraphTexts.push(paragraph);
    offset += paragraph.length;
    lines = [];
  };

  let lineStart = 0;
  while (lineStart <= source.length) {
    const lineEnd = source.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? source.length : lineEnd;
    const line = source.slice(lineStart, end).trim();
    if (line.length === 0) closeParagraph();
    else lines.push(line);
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  closeParagraph();

  return { text: paragraphTexts.join(PARAGRAPH_SEPARATOR), paragraphs };
}
