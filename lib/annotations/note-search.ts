/**
 * Searching the words of notes: one meaning for the reader's instant search over the room it holds and for the
 * server's full-text index (SQLite FTS5, migration 0009), so a large room searched on the server finds exactly
 * what a small room finds in the browser.
 *
 * - A query is split into words at whitespace; each word into tokens the way FTS5's `unicode61` tokenizer with
 *   `remove_diacritics` splits text: runs of letters and digits, lower case, accents removed ("Café" → `cafe`,
 *   "weren't" → `weren t`). Punctuation alone (`"`, `*`, `-`, `NEAR(`'s parenthesis) is no word at all.
 * - A word matches a text when its tokens occur there in order, the last one as the start of a word ("lett"
 *   finds "letter"; "weren't the" finds "weren't them").
 * - A note matches a query when every word matches one of its texts: its comment, its tags, its quoted passage or
 *   a reply's text. A note hidden by a facilitator offers only its passage to readers who neither moderate nor
 *   wrote it (what `redactHidden` leaves them).
 *
 * The user's words never reach FTS5's query syntax raw: the server's MATCH expressions are built here from the
 * tokens, each quoted, so no input can be an operator (`AND`, `NEAR`, `-`, `:` or a column filter).
 */
import { redactHidden } from './moderation.ts';
import type { Annotation } from './schema.ts';

/** A word of a query: its tokens, matched in order, the last as a prefix. */
export type SearchWord = readonly string[];

/** Who searches: hidden notes keep their text for moderators and for their author. */
export interface SearchViewer {
  id: string | null;
  moderator: boolean;
}

/** A reader who sees every note's text (moderators; the default where no reader is known). */
export const seesEverything: SearchViewer = { id: null, moderator: true };

/** Lower case without accents, as `unicode61` with `remove_diacritics` folds text. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The tokens of `text`: runs of letters, digits and private-use characters, folded (FTS5 `unicode61`'s token characters). */
export function searchTokens(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter(Boolean);
}

/** The words of a query, each a non-empty list of tokens; words without a letter or digit are dropped. */
export function searchWords(query: string): SearchWord[] {
  return query
    .split(/\s+/)
    .map(searchTokens)
    .filter((tokens) => tokens.length > 0);
}

/** A word as an FTS5 phrase: its tokens quoted (any `"` doubled, although tokens hold none) and a prefix on the last. */
function phrase(word: SearchWord): string {
  return `"${word.join(' ').replaceAll('"', '""')}"*`;
}

/**
 * The FTS5 MATCH expression that finds rows where `word` matches, in any column or, with `column`, in that one.
 * Only quoted tokens and fixed syntax: nothing the reader typed is read as an operator.
 */
export function wordMatchExpression(word: SearchWord, column?: 'comment' | 'tags' | 'quote'): string {
  return column ? `{${column}} : ${phrase(word)}` : phrase(word);
}

/** The FTS5 MATCH expression of rows where any of `words` matches (any column, or `column` alone). */
export function anyWordMatchExpression(words: readonly SearchWord[], column?: 'comment' | 'tags' | 'quote'): string {
  const any = words.map(phrase).join(' OR ');
  return column ? `{${column}} : (${any})` : any;
}

/** Whether `word` occurs in the tokens of a text: its tokens in a row, the last one as a prefix. */
export function wordMatchesTokens(word: SearchWord, tokens: readonly string[]): boolean {
  const last = word.length - 1;
  outer: for (let i = 0; i + last < tokens.length; i++) {
    for (let j = 0; j < last; j++) if (tokens[i + j] !== word[j]) continue outer;
    if (tokens[i + last].startsWith(word[last])) return true;
  }
  return false;
}

/** The texts of one annotation the search reads, as the server's index holds them (the view `note_search_source`). */
export interface SearchableTexts {
  comment: string;
  tags: string;
  quote: string;
}

/**
 * What of `annotation` `viewer` may find it by: its comment and reply bodies (joined by newlines), its tag names
 * (joined by newlines) and its quoted passage; a hidden note's bodies are left out for whoever may not read them.
 * Reactions have no searchable text.
 */
export function searchableTexts(annotation: Annotation, viewer: SearchViewer = seesEverything): SearchableTexts {
  const seen = redactHidden(annotation, viewer);
  const values = (purposes: readonly string[]) =>
    seen.body
      .filter((b) => purposes.includes(b.purpose))
      .map((b) => b.value)
      .join('\n');
  if (typeof seen.target === 'string' && seen.motivation === 'assessing') return { comment: '', tags: '', quote: '' };
  return {
    comment: values(['commenting', 'replying']),
    tags: values(['tagging']),
    quote: typeof seen.target === 'string' ? '' : seen.target.selector[0].exact,
  };
}

/** Token lists per annotation object (notes are immutable snapshots; each is tokenized once per viewer kind). */
const tokenCache = new WeakMap<object, { key: string; texts: string[][] }>();

function tokensOfTexts(annotation: Annotation, viewer: SearchViewer): string[][] {
  const redacted = annotation.moderation?.action === 'hidden' && !viewer.moderator && annotation.creator.id !== viewer.id;
  const key = redacted ? 'passage-only' : 'all';
  const cached = tokenCache.get(annotation);
  if (cached?.key === key) return cached.texts;
  const t = searchableTexts(annotation, viewer);
  const texts = [searchTokens(t.comment), searchTokens(t.tags), searchTokens(t.quote)];
  tokenCache.set(annotation, { key, texts });
  return texts;
}

/**
 * Whether `note` (with its `replies`) matches every one of `words` for `viewer`: each word in the note's comment,
 * tags or passage, or in one of its replies. No words match everything.
 */
export function noteMatchesWords(
  note: Annotation,
  replies: readonly Annotation[],
  words: readonly SearchWord[],
  viewer: SearchViewer = seesEverything,
): boolean {
  if (words.length === 0) return true;
  const texts = [note, ...replies].flatMap((a) => tokensOfTexts(a, viewer));
  return words.every((word) => texts.some((tokens) => wordMatchesTokens(word, tokens)));
}

/** One annotation the server found, with the place of the note it belongs to. */
export interface SearchHit {
  /** The annotation found: a note, or a reply. */
  id: string;
  /** The note it belongs to (itself for a note; the note replied to for a reply). */
  root: string;
  /** Where the root note's passage starts in the text. */
  rootStart: number;
  /** FTS5's bm25 rank: lower is a better match. */
  rank: number;
}

/**
 * Hits in the order a reader meets them: by where their note's passage starts in the text, one note's hits
 * together (the note's id breaks a tie between two notes on the same place), then best match first.
 */
export function orderHits<T extends SearchHit>(hits: readonly T[]): T[] {
  return [...hits].sort(
    (a, b) =>
      a.rootStart - b.rootStart ||
      (a.root < b.root ? -1 : a.root > b.root ? 1 : 0) ||
      a.rank - b.rank ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
