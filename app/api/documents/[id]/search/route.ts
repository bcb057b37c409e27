/**
 * `GET /api/documents/<id>/search?q=…&limit=…&snippets=0` (anyone who may read it): the shared notes and replies whose words
 * match, from the SQLite full-text index (db/queries/note-search.ts) — for rooms too large to search in the browser.
 * → `{ query, total, results: [{ id, root, score, snippet }] }`: `root` is the note a reply belongs to (a note's own
 * id for a note), results in the text order of their note's passage and then best match first, `total` counts every
 * result before `limit`, `snippet` is plain text around the words (left out with `snippets=0`). A query without a letter or digit, too long or
 * of too many words is 400 `{ error }`; 401/403/404 as every document route.
 */
import { getDb } from '../../../../../db/client.ts';
import { type NoteSearchHit, searchNoteHits, searchSnippets } from '../../../../../db/queries/note-search.ts';
import { can } from '../../../../../lib/access/roles.ts';
import { orderHits } from '../../../../../lib/annotations/note-search.ts';
import { searchLimits } from '../../../../../lib/limits.ts';
import { visibleIdsFor } from '../../../blind-filter.ts';
import { type DocumentCaller, documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';
import { searchQuerySchema } from './schema.ts';

export const dynamic = 'force-dynamic';

/**
 * The hits `caller` may see. Moderation is already applied by the query (a hidden note is found by its passage
 * alone for whoever may not read its text, which changes what a note matches, not only whether it shows); every
 * other rule about who sees which note — a room set blind (lib/annotations/blind.ts) — filters here, before
 * results are counted and cut to the limit. A thread is found by words anywhere in it, so a hit stands only when its
 * note shows too: a blind reader's own reply to a note they may not see yet would otherwise be found by that note's
 * words, one guessed word (or prefix) at a time.
 */
function visibleToCaller(hits: NoteSearchHit[], documentId: string, caller: DocumentCaller): NoteSearchHit[] {
  const visible = visibleIdsFor(getDb(), documentId, caller);
  return visible ? hits.filter((h) => visible.has(h.id) && visible.has(h.root)) : hits;
}

/** Whether SQLite refused the search expression itself (an FTS5 syntax error), as opposed to failing. */
function isQueryRefusal(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_ERROR' && typeof message === 'string' && /fts5|MATCH/i.test(message);
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const url = new URL(request.url);
  const parsed = searchQuerySchema.safeParse({
    q: url.searchParams.get('q') ?? undefined,
    limit: url.searchParams.get('limit') ?? undefined,
    snippets: url.searchParams.get('snippets') ?? undefined,
  });
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'not a search');
  const { q, limit, words, snippets: withSnippets } = parsed.data;
  const viewer = { id: caller.value.principal?.userId ?? null, moderator: can(caller.value.role, 'moderate') };
  const db = getDb();
  try {
    const hits = orderHits(visibleToCaller(searchNoteHits(db, id.value, words, viewer), id.value, caller.value));
    const page = hits.slice(0, limit);
    // Snippets cost as much as finding the hits; a client that only filters by ids (the reader) goes without.
    const snippets = withSnippets ? searchSnippets(db, id.value, words, page, searchLimits.snippetTokens) : null;
    return Response.json({
      query: q,
      total: hits.length,
      results: page.map((h) => ({
        id: h.id,
        root: h.root,
        score: Number((-h.rank).toPrecision(4)),
        ...(snippets ? { snippet: snippets.get(h.id) ?? '' } : {}),
      })),
    });
  } catch (err) {
    // The expressions are built from quoted tokens, so FTS5 should never refuse one; if it does, it is the query's
    // fault, not the server's state.
    if (isQueryRefusal(err)) return jsonError(400, 'the words could not be searched for');
    throw err;
  }
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
