/**
 * The composer's `@` autocomplete, as pure steps: which `@…` the caret is in ({@link mentionQueryAt}), which people
 * it offers and in what order ({@link rankCandidates}), and the text once one is picked ({@link insertMention}).
 * Compared as mentions are found (lib/mentions/find-mentions.ts): without case or accents, whitespace as one space.
 */
import { accountLimits } from '../limits.ts';
import { foldText } from './find-mentions.ts';

/** The `@…` being typed: the `@`'s offset and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

const wordChar = /[\p{L}\p{N}\p{M}_.+@]/u;

/**
 * The mention being typed at `caret` in `text`, or null: an `@` at the start of the text or after a character that
 * does not continue a word (so not in an e-mail address), followed by at most a name's length of characters on the
 * same line.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const from = Math.max(0, caret - accountLimits.nameLength - 1);
  for (let i = caret - 1; i >= from; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return null;
    if (ch !== '@') continue;
    const low = i >= 2 && /[\udc00-\udfff]/.test(text[i - 1]);
    const prev = i > 0 ? String.fromCodePoint(text.codePointAt(low ? i - 2 : i - 1) ?? 0) : '';
    if (prev && wordChar.test(prev)) return null;
    return { start: i, query: text.slice(i + 1, caret) };
  }
  return null;
}

/** Someone who may be mentioned. */
export interface Candidate {
  id: string;
  name: string;
}

/**
 * The candidates a query offers, best first, at most `limit`: names that start with the query, then names with a
 * later word that starts with it ("li" offers "Ada Lindqvist"); ties in alphabetical order. An empty query offers
 * everyone. `exclude` (the writer's own id) is left out.
 */
export function rankCandidates<C extends Candidate>(
  query: string,
  candidates: readonly C[],
  options: { limit?: number; exclude?: string } = {},
): C[] {
  const q = foldText(query).folded.replace(/^ /, '');
  const ranked: Array<{ c: C; rank: number }> = [];
  for (const c of candidates) {
    if (c.id === options.exclude) continue;
    const key = foldText(c.name).folded.trim();
    let rank = -1;
    if (key.startsWith(q)) rank = 0;
    else if (key.split(' ').some((_word, i, words) => i > 0 && words.slice(i).join(' ').startsWith(q))) rank = 1;
    if (rank >= 0) ranked.push({ c, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name) || a.c.id.localeCompare(b.c.id));
  return ranked.slice(0, options.limit ?? 8).map((r) => r.c);
}

/** `text` with the `@…` of `query` (typed up to `caret`) replaced by `@<name> `, and the caret after it. */
export function insertMention(text: string, query: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  // A space already after the caret is not doubled.
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, query.start) + inserted + rest, caret: query.start + inserted.length };
}
