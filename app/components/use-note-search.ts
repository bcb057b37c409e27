/**
 * The words of the reader's filter searched on the server, for a room with more notes than the reader should search
 * at every keystroke (lib/limits.ts `searchLimits.serverSearchFromNotes`): debounced, the request before cancelled
 * when the words change, asked again (quietly) when the room's notes change. The result is the set of notes (roots)
 * the words find, with the same meaning as the browser's own search (lib/annotations/note-search.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { searchWords } from '../../lib/annotations/note-search.ts';
import { ApiRequestError } from './api-request.ts';
import { searchNotes } from './note-search-request.ts';

/** How long typing must pause before the server is asked. */
const debounceMs = 250;
/** How long the room's notes must stay unchanged before an answer is brought up to date. */
const refreshMs = 1000;

/**
 * - `off`: the server is not searching (a small room, or no words): the reader searches the notes it holds.
 * - `searching`: an answer for these words is on the way; `roots` are the last answer's (other words), or null.
 * - `done`: `roots` are the notes these words find (a fresher answer may be on the way after a change in the room).
 * - `error`: the search failed; `error` says why.
 */
export type NoteSearchState =
  | { status: 'off' }
  | { status: 'searching'; roots: ReadonlySet<string> | null }
  | { status: 'done'; roots: ReadonlySet<string> }
  | { status: 'error'; error: string };

interface Answer {
  key: string;
  roots: ReadonlySet<string> | null;
  error: string | null;
}

/**
 * The server's search of `q` in `documentId` while `enabled`; `revision` is anything that changes when the room's
 * notes change (its snapshot), so the answer follows the room.
 */
export function useNoteSearch(documentId: string, q: string, enabled: boolean, revision: unknown): NoteSearchState {
  const words = searchWords(q);
  // The words as the server reads them: typing a space or changing case asks nothing new.
  const key = enabled && words.length ? `${documentId}\n${JSON.stringify(words)}` : '';
  const [answer, setAnswer] = useState<Answer | null>(null);
  const answered = useRef<string | null>(null);
  answered.current = answer?.key ?? null;

  /** Asks the server after `delay` ms; the returned function cancels the wait or the request. */
  const ask = (delay: number) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchNotes(documentId, q, controller.signal).then(
        (found) => setAnswer({ key, roots: new Set(found.results.map((r) => r.root)), error: null }),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setAnswer({ key, roots: null, error: err instanceof ApiRequestError ? err.message : 'The search failed.' });
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  };

  // New words: asked once typing pauses; the request for the words before is cancelled.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `q` is asked for through `key` (its words)
  useEffect(() => (key ? ask(debounceMs) : undefined), [key]);
  // The room changed: the words answered already are asked again once the room is quiet for a moment, so a busy
  // room never keeps a first answer from arriving (a change does not cancel a request for new words).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` only says when to ask again; new words cancel a refresh of the old
  useEffect(() => (key && answered.current === key ? ask(refreshMs) : undefined), [revision, key]);

  if (!key) return { status: 'off' };
  if (answer?.key === key) return answer.roots ? { status: 'done', roots: answer.roots } : { status: 'error', error: answer.error ?? '' };
  return { status: 'searching', roots: answer?.roots ?? null };
}
