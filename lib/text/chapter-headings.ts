/**
 * Chapter headings in plain text. Novels from Project Gutenberg and the like mark their structure with a line of
 * its own — `BOOK TWO: 1805`, `CHAPTER XII`, `Part II`, `Chapter One. The Storm`, `FIRST EPILOGUE` — and nothing
 * else. Such a line is already a paragraph of the canonical text, so finding headings changes no offset: it only
 * retypes blocks. Patterns are strict (a keyword in capitals or title case, then a number, then at most a short
 * subtitle) so that prose such as "Part of me knew." is never taken for a heading.
 */
import type { ParagraphSpan } from './canonical-text.ts';
import type { Block } from './document-model.ts';

const UNITS = 'ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE';
const NUMBER_WORD = `(?:TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|${UNITS}|(?:TWENTY|THIRTY|FORTY|FIFTY|SIXTY|SEVENTY|EIGHTY|NINETY)(?:[- ](?:${UNITS}))?)`;
const ORDINAL = 'FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|FINAL|LAST';
/** An optional subtitle: a separator, then at most 80 characters. */
const SUBTITLE = '(?:\\s*[.:—–-]\\s*.{0,80})?';

/** `CHAPTER XII`, `Book One: 1805`, `PART 2. The Return`; case is checked apart (see {@link wellCased}). */
const NUMBERED = new RegExp(`^(VOLUME|BOOK|PART|CHAPTER)\\s+([IVXLCDM]+|\\d{1,4}|${NUMBER_WORD}|${ORDINAL})\\.?${SUBTITLE}$`, 'i');
/** `EPILOGUE`, `SECOND EPILOGUE: 1813 - 20`, `Prologue`. */
const FRAME = new RegExp(`^(?:(${ORDINAL})\\s+)?(EPILOGUE|PROLOGUE)${SUBTITLE}$`, 'i');

/** How deep each keyword sits before levels are renumbered from 1. */
const DEPTH: Record<string, number> = { VOLUME: 1, BOOK: 2, PART: 3, CHAPTER: 4 };

/** Whether `word` is written in capitals or title case (`CHAPTER`, `Chapter`), not `chapter` or `cHAPTER`. */
function wellCased(word: string): boolean {
  return word === word.toUpperCase() || word === word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

/** The depth of a heading line (see {@link DEPTH}; 0 for a prologue or epilogue), or null when it is not one. */
function headingDepth(line: string): number | null {
  if (line.length > 100) return null;
  const numbered = NUMBERED.exec(line);
  if (numbered) {
    const [, keyword, number] = numbered;
    if (!wellCased(keyword!) || !wellCased(number!)) return null;
    if (/^[ivxlcdm]+$/i.test(number!) && number !== number!.toUpperCase()) return null; // "Part mix" is not Part MIX
    return DEPTH[keyword!.toUpperCase()]!;
  }
  const frame = FRAME.exec(line);
  if (frame && wellCased(frame[2]!) && (!frame[1] || wellCased(frame[1]))) return 0;
  return null;
}

/** Whether one line of plain text is a chapter heading (`CHAPTER XII`, `BOOK TWO: 1805`, `Second Epilogue` …). */
export function isChapterHeading(line: string): boolean {
  return headingDepth(line) !== null;
}

/**
 * The blocks of a plain text: its paragraphs, with the ones that are chapter headings typed `heading`. Levels are
 * renumbered from 1 in the order volume > book > part > chapter over the keywords present; a prologue or epilogue
 * takes the top level in use (War and Peace: books and epilogues 1, chapters 2).
 */
export function detectPlainTextHeadings(text: string, paragraphs: readonly ParagraphSpan[]): Block[] {
  const depths = paragraphs.map((p) => headingDepth(text.slice(p.start, p.end)));
  const used = [...new Set(depths.filter((d): d is number => d !== null && d > 0))].sort((a, b) => a - b);
  const levelOf = (depth: number) => (depth === 0 ? 1 : used.indexOf(depth) + 1);
  return paragraphs.map((p, i) => {
    const depth = depths[i];
    return depth === null || depth === undefined
      ? { type: 'paragraph', start: p.start, end: p.end }
      : { type: 'heading', level: levelOf(depth), start: p.start, end: p.end };
  });
}
