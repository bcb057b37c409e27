/**
 * Full-text search of a document's shared notes and replies over the FTS5 index of migration 0009 (`note_search`,
 * kept by triggers on `annotations` in the room's own transaction). The meaning is lib/annotations/note-search.ts's,
 * which the reader also applies in the browser: a note is found when every word of the query is in its comment, its
 * tags, its passage or one of its replies; a note hidden by a facilitator offers only its passage to whoever neither
 * moderates nor wrote it. MATCH expressions come only from `wordMatchExpression`/`anyWordMatchExpression` (quoted
 * tokens), never from the reader's text.
 */
import {
  anyWordMatchExpression,
  type SearchHit,
  type SearchViewer,
  type SearchWord,
  wordMatchExpression,
} from '../../lib/annotations/note-search.ts';
import type { GlossaDb } from '../client.ts';

/** A hit with what a rule about who sees which note (moderation, reading blind) needs to judge it. */
export interface NoteSearchHit extends SearchHit {
  /** The writer of the annotation found. */
  creatorId: string;
  /** The writer of the note it belongs to. */
  rootCreatorId: string;
  /** Where the note's passage ends in the text. */
  rootEnd: number;
  /** Found by its quoted passage alone: the note is hidden and its text is not the searcher's to read. */
  passageOnly: boolean;
}

/** Whether the searcher may read the text of annotation `a` (the SQL form of `redactHidden`; never NULL). */
const readable = `(@moderator = 1 OR json_extract(a.json, '$.moderation.action') IS NOT 'hidden' OR a.creator_id IS @viewer)`;

/** Index rows of the document with their annotation, as `a` (the FTS table itself stays unaliased for MATCH). */
const indexed = `note_search
  JOIN note_search_rows AS k ON k.id = note_search.rowid
  JOIN annotations AS a ON a.document_id = k.document_id AND a.id = k.annotation_id`;

/** The SQL that finds every hit of `wordCount` words (parameters @w<i>/@q<i> per word; the statement is cached). */
function hitsSql(wordCount: number): string {
  // The notes (roots) each word is found in: through any readable text of the note or its replies, or its passage.
  const perWord = Array.from(
    { length: wordCount },
    (_, i) => `w${i}(root) AS (
      SELECT coalesce(a.parent_id, a.id) FROM ${indexed}
        WHERE note_search MATCH @w${i} AND k.document_id = @documentId AND ${readable}
      UNION
      SELECT coalesce(a.parent_id, a.id) FROM ${indexed}
        WHERE note_search MATCH @q${i} AND k.document_id = @documentId
    )`,
  );
  const roots = Array.from({ length: wordCount }, (_, i) => `SELECT root FROM w${i}`).join(' INTERSECT ');
  return `WITH ${perWord.join(',\n')},
    roots(root) AS (${roots}),
    hits AS (
      SELECT a.id AS id, coalesce(a.parent_id, a.id) AS root, note_search.rank AS rank, a.creator_id AS creatorId, 0 AS passageOnly
        FROM ${indexed}
        WHERE note_search MATCH @any AND k.document_id = @documentId AND ${readable}
      UNION ALL
      SELECT a.id, coalesce(a.parent_id, a.id), note_search.rank, a.creator_id, 1
        FROM ${indexed}
        WHERE note_search MATCH @anyQuote AND k.document_id = @documentId AND NOT ${readable}
    )
    SELECT h.id, h.root, h.rank, h.creatorId, h.passageOnly,
           r.start AS rootStart, r."end" AS rootEnd, r.creator_id AS rootCreatorId
      FROM hits AS h
      JOIN roots ON roots.root = h.root
      JOIN annotations AS r ON r.document_id = @documentId AND r.id = h.root
     WHERE r.parent_id IS NULL AND r.start IS NOT NULL`;
}

const snippetSql = `SELECT k.annotation_id AS id,
    CASE WHEN k.annotation_id IN (SELECT value FROM json_each(@passageOnly))
      THEN snippet(note_search, 2, '', '', '…', @tokens)
      ELSE snippet(note_search, -1, '', '', '…', @tokens) END AS snippet
  FROM note_search JOIN note_search_rows AS k ON k.id = note_search.rowid
  WHERE note_search MATCH @any AND k.document_id = @documentId
    AND k.annotation_id IN (SELECT value FROM json_each(@ids))`;

type Statement = ReturnType<GlossaDb['$client']['prepare']>;
const statements = new WeakMap<GlossaDb, Map<string, Statement>>();

function prepared(db: GlossaDb, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.$client.prepare(sql)));
  return statement;
}

/**
 * Every annotation of `documentId` that `words` find for `viewer`, unordered (see `orderHits`): the notes that
 * hold every word (in themselves or their replies), and in them each note or reply that holds any of the words.
 * Replies whose note was deleted are not found (the reader lists them apart, without search).
 */
export function searchNoteHits(db: GlossaDb, documentId: string, words: readonly SearchWord[], viewer: SearchViewer): NoteSearchHit[] {
  if (words.length === 0) return [];
  const params: Record<string, string | number | null> = {
    documentId,
    moderator: viewer.moderator ? 1 : 0,
    viewer: viewer.id,
    any: anyWordMatchExpression(words),
    anyQuote: anyWordMatchExpression(words, 'quote'),
  };
  words.forEach((word, i) => {
    params[`w${i}`] = wordMatchExpression(word);
    params[`q${i}`] = wordMatchExpression(word, 'quote');
  });
  const rows = prepared(db, hitsSql(words.length)).all(params) as Array<Omit<NoteSearchHit, 'passageOnly'> & { passageOnly: number }>;
  return rows.map((r) => ({ ...r, passageOnly: r.passageOnly === 1 }));
}

/**
 * A plain-text excerpt around the words for each of `hits` (by id): from the best-matching column, or from the
 * passage alone for a hit found by its passage only, so a snippet never shows text its reader may not read.
 */
export function searchSnippets(
  db: GlossaDb,
  documentId: string,
  words: readonly SearchWord[],
  hits: readonly NoteSearchHit[],
  tokens = 16,
): Map<string, string> {
  if (hits.length === 0 || words.length === 0) return new Map();
  const rows = prepared(db, snippetSql).all({
    documentId,
    any: anyWordMatchExpression(words),
    ids: JSON.stringify(hits.map((h) => h.id)),
    passageOnly: JSON.stringify(hits.filter((h) => h.passageOnly).map((h) => h.id)),
    tokens,
  }) as Array<{ id: string; snippet: string | null }>;
  return new Map(rows.map((r) => [r.id, r.snippet ?? '']));
}

/**
 * The annotations whose index row differs from what the index should hold (missing, stale, or left behind by a
 * deleted annotation), as `document_id\nannotation_id`; empty when the index is in step with the rows.
 */
export function searchIndexDrift(db: GlossaDb): string[] {
  const rows = db.$client
    .prepare(
      `SELECT s.document_id AS documentId, s.annotation_id AS annotationId
         FROM note_search_source AS s
         LEFT JOIN note_search_rows AS k ON k.document_id = s.document_id AND k.annotation_id = s.annotation_id
         LEFT JOIN note_search AS n ON n.rowid = k.id
        WHERE n.rowid IS NULL OR n.comment IS NOT s.comment OR n.tags IS NOT s.tags OR n.quote IS NOT s.quote
       UNION
       SELECT k.document_id, k.annotation_id
         FROM note_search_rows AS k
         LEFT JOIN note_search_source AS s ON s.document_id = k.document_id AND s.annotation_id = k.annotation_id
        WHERE s.annotation_id IS NULL
       UNION
       SELECT '', n.rowid FROM note_search AS n LEFT JOIN note_search_rows AS k ON k.id = n.rowid WHERE k.id IS NULL`,
    )
    .all() as Array<{ documentId: string; annotationId: string }>;
  return rows.map((r) => `${r.documentId}\n${r.annotationId}`);
}

/**
 * Rebuilds the whole index from the annotation rows (what migration 0009's backfill does), in one transaction: the
 * repair for an index that `searchIndexDrift` finds out of step.
 */
export function rebuildSearchIndex(db: GlossaDb): void {
  db.$client.transaction(() => {
    db.$client.exec(`DELETE FROM note_search;
      DELETE FROM note_search_rows;
      INSERT INTO note_search_rows (document_id, annotation_id)
        SELECT document_id, annotation_id FROM note_search_source ORDER BY document_id, annotation_id;
      INSERT INTO note_search (rowid, comment, tags, quote)
        SELECT k.id, s.comment, s.tags, s.quote
          FROM note_search_source AS s
          JOIN note_search_rows AS k ON k.document_id = s.document_id AND k.annotation_id = s.annotation_id;`);
  })();
}
