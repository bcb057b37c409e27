/**
 * In-text citations and reference entries in the three styles essays are written in — MLA 9, Chicago author-date
 * and APA 7 — for a passage located by chapter and paragraph (Glossa's texts have no pages). One module holds every
 * style rule, so the Markdown, DOCX and CSV writers cite a passage the same way, and the table test is the spec.
 */
import type { Locator } from '../text/locator.ts';

export const citationStyles = ['mla', 'chicago', 'apa'] as const;
export type CitationStyle = (typeof citationStyles)[number];

export const citationStyleLabels: Record<CitationStyle, string> = {
  mla: 'MLA 9',
  chicago: 'Chicago author-date',
  apa: 'APA 7',
};

/** What a citation names: the work's author (as written in the text's header) and title, and its year if known. */
export interface CitedWork {
  title: string;
  author: string | null;
  year: string | null;
}

/** The surname of an author as cited in text: "Leo Tolstoy" → "Tolstoy", "Tolstoy, Leo" → "Tolstoy", "Lucinda" → "Lucinda". */
export function citedName(author: string): string {
  const trimmed = author.trim().replace(/\s+/g, ' ');
  if (trimmed.includes(',')) return trimmed.slice(0, trimmed.indexOf(',')).trim();
  // Several authors ("A and B", "A & B"): the first one's surname, with "et al." left to the writer.
  const first = trimmed.split(/\s+(?:and|&)\s+/)[0] ?? trimmed;
  const words = first.split(' ');
  return words[words.length - 1] ?? first;
}

/** The year a text's metadata gives (`year`, `date`, `published`, `first published`), or null. */
export function yearOf(metadata: Record<string, string>): string | null {
  for (const key of Object.keys(metadata)) {
    if (!/^(year|date|published|first published|publication date)$/i.test(key.trim())) continue;
    const year = /\b(1[0-9]{3}|20[0-9]{2})\b/.exec(metadata[key] ?? '');
    if (year) return year[1]!;
  }
  return null;
}

/** A short title in quotation marks, which all three styles cite a work without an author by. */
function shortTitle(title: string): string {
  const words = title.trim().split(/\s+/);
  const short = words.length > 4 ? `${words.slice(0, 4).join(' ')}…` : title.trim();
  return `“${short}”`;
}

/**
 * The in-text citation of a passage at `locator`: MLA 9 `(Tolstoy, ch. 3, par. 12)`, Chicago author-date
 * `(Tolstoy 1869, chap. 3, para. 12)`, APA 7 `(Tolstoy, 1869, Chapter 3, para. 12)`; the chapter only when the text
 * has chapters, `n.d.` for Chicago and APA when no year is known, a short quoted title when no author is.
 */
export function inTextCitation(style: CitationStyle, work: CitedWork, locator: Locator): string {
  const who = work.author ? citedName(work.author) : shortTitle(work.title);
  const chapter = locator.chapter?.ordinal;
  const par = locator.paragraph;
  switch (style) {
    case 'mla': {
      const where = [chapter !== undefined ? `ch. ${chapter}` : null, par !== null ? `par. ${par}` : null].filter(Boolean);
      return where.length ? `(${who}, ${where.join(', ')})` : `(${who})`;
    }
    case 'chicago': {
      const where = [chapter !== undefined ? `chap. ${chapter}` : null, par !== null ? `para. ${par}` : null].filter(Boolean);
      return `(${who} ${work.year ?? 'n.d.'}${where.length ? `, ${where.join(', ')}` : ''})`;
    }
    case 'apa': {
      const where = [chapter !== undefined ? `Chapter ${chapter}` : null, par !== null ? `para. ${par}` : null].filter(Boolean);
      return `(${who}, ${work.year ?? 'n.d.'}${where.length ? `, ${where.join(', ')}` : ''})`;
    }
  }
}

/** The work's entry in the list of works cited / references, with the Glossa page it was read on. */
export function referenceEntry(style: CitationStyle, work: CitedWork, url: string): string {
  const author = work.author?.trim();
  switch (style) {
    case 'mla':
      return `${author ? `${invertName(author)}. ` : ''}*${work.title}*. ${url}.`;
    case 'chicago':
      return `${author ? `${invertName(author)}. ` : ''}${work.year ?? 'n.d.'}. *${work.title}*. ${url}.`;
    case 'apa':
      return `${author ? `${apaName(author)} ` : ''}(${work.year ?? 'n.d.'}). *${work.title}*. ${url}`;
  }
}

/** "Leo Tolstoy" → "Tolstoy, Leo" (names already inverted, or single names, are kept). */
function invertName(author: string): string {
  if (author.includes(',')) return author;
  const words = author.split(/\s+/);
  if (words.length < 2) return author;
  return `${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`;
}

/** APA: surname and initials, "Leo Tolstoy" → "Tolstoy, L.". */
function apaName(author: string): string {
  const inverted = invertName(author);
  const comma = inverted.indexOf(',');
  if (comma < 0) return `${inverted}.`;
  const initials = inverted
    .slice(comma + 1)
    .trim()
    .split(/\s+/)
    .map((w) => `${[...w][0]}.`)
    .join(' ');
  return `${inverted.slice(0, comma)}, ${initials}`;
}
