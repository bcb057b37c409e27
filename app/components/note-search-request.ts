/**
 * The reader's request to the server's search of notes (`GET /api/documents/<id>/search`), for rooms too large to
 * search in the browser at every keystroke.
 */
import { searchLimits } from '../../lib/limits.ts';
import { apiRequest } from './api-request.ts';

/** One note or reply the server found; `root` is the note it belongs to. */
export interface NoteSearchResult {
  id: string;
  root: string;
  score?: number;
  /** Absent when asked without snippets (`snippets=0`), as the reader asks. */
  snippet?: string;
}

/** The server's answer. */
export interface NoteSearchAnswer {
  query: string;
  total: number;
  results: NoteSearchResult[];
}

/**
 * Every note and reply of `documentId` that `q` finds (up to the largest room, so a filter can keep all of them);
 * rejects with an `ApiRequestError` saying why, or with the abort reason when `signal` aborts.
 */
export function searchNotes(documentId: string, q: string, signal?: AbortSignal): Promise<NoteSearchAnswer> {
  // Every result (the filter keeps them all), and no snippets: the reader shows its own excerpts.
  const query = new URLSearchParams({ q, limit: String(searchLimits.maxResults), snippets: '0' });
  return apiRequest<NoteSearchAnswer>(`/api/documents/${encodeURIComponent(documentId)}/search?${query}`, 'GET', undefined, signal);
}
