/**
 * Find in the text: every occurrence of a query in the canonical text, ignoring case and diacritics ("eclair"
 * finds "Éclair"), and treating curly quotes and dashes as their plain forms. Pure and DOM-free, so it searches
 * the whole text whatever part of it the page has drawn. The text is folded once (`foldText`) and each query
 * is a plain `indexOf` loop over the folded copy, mapped back to offsets of the original text.
 */
import type { TextRange } from '../anchoring/types.ts';

/** A text folded for searching, with the way back to the original offsets. */
export interface FoldedText {
  /** The folded text: lower case, no combining marks, plain quotes and dashes. */
  folded: string;
  /** `toOriginal[i]` is the original offset of folded character `i`; one entry more, for the end. */
  toOriginal: Uint32Array;
}

const plain: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '\u00a0': ' ' };
const foldCache = new Map<string, string>();

/** The folded form of one character (a code point as a string): possibly empty (a combining mark) or longer. */
function foldChar(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    f = plain[c] ?? c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    foldCache.set(c, f);
  }
  return f;
}

/** Folds a query the same way as the text. */
export function foldQuery(query: string): string {
  let out = '';
  for (const c of query) out += c.charCodeAt(0) < 128 ? c.toLowerCase() : foldChar(c);
  return out;
}

/** Folds a whole text (linear; ASCII takes a fast path, other characters a cached per-character fold). */
export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  const map = new Uint32Array(text.length * 2 + 1);
  let length = 0;
  let runStart = 0;
  let i = 0;
  const flushAscii = (end: number) => {
    if (end > runStart) {
      parts.push(text.slice(runStart, end).toLowerCase());
      for (let k = runStart; k < end; k++) map[length++] = k;
    }
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      i++;
      continue;
    }
    flushAscii(i);
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldChar(text.slice(i, i + width));
    parts.push(f);
    for (let k = 0; k < f.length; k++) map[length++] = i;
    i += width;
    runStart = i;
  }
  flushAscii(text.length);
  map[length] = text.length;
  return { folded: parts.join(''), toOriginal: map.slice(0, length + 1) };
}

/**
 * The ranges of the original text where `query` occurs (folded), in order, at most `limit` of them. Matches do
 * not overlap and never span a paragraph break. An empty (or all-blank) query finds nothing.
 */
export function findInText(text: string | FoldedText, query: string, limit = 10_000): TextRange[] {
  const { folded, toOriginal } = typeof text === 'string' ? foldText(text) : text;
  const needle = foldQuery(query);
  if (!needle.trim()) return [];
  const out: TextRange[] = [];
  let at = folded.indexOf(needle);
  while (at !== -1 && out.length < limit) {
    const end = at + needle.length;
    const range = { start: toOriginal[at]!, end: end < toOriginal.length - 1 ? toOriginal[end]! : toOriginal[toOriginal.length - 1]! };
    // A character folded into several (e.g. "ß" is kept, "ﬁ" is not split) maps its pieces to one offset:
    // a match ending inside one is widened to the whole character.
    if (end < toOriginal.length - 1 && toOriginal[end] === toOriginal[end - 1]) range.end = nextOriginal(toOriginal, end);
    if (!folded.slice(at, end).includes('\n')) out.push(range);
    at = folded.indexOf(needle, end);
  }
  return out;
}

/** The original offset after the character that folded index `i` belongs to. */
function nextOriginal(map: Uint32Array, i: number): number {
  let k = i;
  while (k < map.length - 1 && map[k] === map[i - 1]) k++;
  return map[k]!;
}
