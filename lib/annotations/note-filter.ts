/**
 * Filters over a room's notes — by theme, reader, note type, thread state, "has replies", and words in the note,
 * its replies or its passage — and their form in a URL, so a filtered view can be shared as a link
 * (`/d/<id>?theme=guilt&type=question&q=letter`). Pure: the reader applies the result to highlights, cards and
 * the list view alike.
 */
import { tagsOf } from './build-annotation.ts';
import { noteMatchesWords, type SearchViewer, type SearchWord, searchWords, seesEverything } from './note-search.ts';
import { noteTypeOf, noteTypes, type NoteType } from './note-types.ts';
import type { PassageAnnotation, ReplyAnnotation } from './schema.ts';

export type ThreadFilter = 'any' | 'open' | 'resolved';

export interface NoteFilter {
  /** Any of these themes. */
  themes: string[];
  /** All of these themes together (a cell of the co-occurrence table). */
  together: string[];
  /** Creator ids. */
  readers: string[];
  types: NoteType[];
  thread: ThreadFilter;
  hasReplies: boolean;
  /**
   * Words to find (case- and accent-insensitive, each as the start of a word) in the comment, the tags, the replies or
   * the quoted passage: the meaning of lib/annotations/note-search.ts, which the server's search shares.
   */
  q: string;
}

export const noFilter: NoteFilter = { themes: [], together: [], readers: [], types: [], thread: 'any', hasReplies: false, q: '' };

/** Whether `filter` narrows anything. */
export function isFiltering(filter: NoteFilter): boolean {
  return (
    filter.themes.length > 0 ||
    filter.together.length > 0 ||
    filter.readers.length > 0 ||
    filter.types.length > 0 ||
    filter.thread !== 'any' ||
    filter.hasReplies ||
    filter.q.trim() !== ''
  );
}

/** The words of the last query read (a filter is applied to every note of a room with the same query). */
let lastQuery: { q: string; words: SearchWord[] } = { q: '', words: [] };

function wordsOf(q: string): SearchWord[] {
  if (lastQuery.q !== q) lastQuery = { q, words: searchWords(q) };
  return lastQuery.words;
}

/**
 * Whether `note` (with its `replies`) passes `filter`: every facet that is set must hold (themes: any of them).
 * `viewer` decides what of a hidden note its words may be found in (only its passage, unless they moderate or wrote
 * it); without one, every text counts. `words` skips the words facet (the server searched them).
 */
export function matchesFilter(
  note: PassageAnnotation,
  replies: readonly ReplyAnnotation[],
  filter: NoteFilter,
  viewer: SearchViewer = seesEverything,
  words = true,
): boolean {
  if (filter.themes.length && !tagsOf(note).some((t) => filter.themes.includes(t))) return false;
  if (filter.together.length && !filter.together.every((t) => tagsOf(note).includes(t))) return false;
  if (filter.readers.length && !filter.readers.includes(note.creator.id)) return false;
  if (filter.types.length) {
    const type = noteTypeOf(note);
    if (!type || !filter.types.includes(type)) return false;
  }
  if (filter.thread === 'open' && note.thread) return false;
  if (filter.thread === 'resolved' && !note.thread) return false;
  if (filter.hasReplies && replies.length === 0) return false;
  return !words || noteMatchesWords(note, replies, wordsOf(filter.q), viewer);
}

/** The filter a URL's query holds (unknown values are ignored). */
export function filterFromParams(params: URLSearchParams): NoteFilter {
  const thread = params.get('thread');
  return {
    themes: params.getAll('theme').filter(Boolean),
    together: params.getAll('with').filter(Boolean),
    readers: params.getAll('reader').filter(Boolean),
    types: params.getAll('type').filter((t): t is NoteType => (noteTypes as readonly string[]).includes(t)),
    thread: thread === 'open' || thread === 'resolved' ? thread : 'any',
    hasReplies: params.get('replies') === '1',
    q: params.get('q') ?? '',
  };
}

/** `params` with the filter's keys replaced by `filter` (other keys kept). */
export function filterToParams(filter: NoteFilter, params = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const key of ['theme', 'with', 'reader', 'type', 'thread', 'replies', 'q']) out.delete(key);
  for (const t of filter.themes) out.append('theme', t);
  for (const t of filter.together) out.append('with', t);
  for (const r of filter.readers) out.append('reader', r);
  for (const t of filter.types) out.append('type', t);
  if (filter.thread !== 'any') out.set('thread', filter.thread);
  if (filter.hasReplies) out.set('replies', '1');
  if (filter.q.trim()) out.set('q', filter.q.trim());
  return out;
}

/** How many of `notes` carry each theme, come from each reader and have each type (the facets' counts). */
export function facetCounts(notes: Iterable<PassageAnnotation>): {
  themes: Map<string, number>;
  readers: Map<string, { name: string; count: number }>;
  types: Map<NoteType, number>;
} {
  const themes = new Map<string, number>();
  const readers = new Map<string, { name: string; count: number }>();
  const types = new Map<NoteType, number>();
  for (const note of notes) {
    for (const t of tagsOf(note)) themes.set(t, (themes.get(t) ?? 0) + 1);
    const r = readers.get(note.creator.id) ?? { name: note.creator.name, count: 0 };
    r.count++;
    readers.set(note.creator.id, r);
    const type = noteTypeOf(note);
    if (type) types.set(type, (types.get(type) ?? 0) + 1);
  }
  return { themes, readers, types };
}
