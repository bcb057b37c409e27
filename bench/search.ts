/**
 * Searching the words of notes at scale (issue 9, point 5): War and Peace with 10,000 notes and 2,000 replies whose
 * comments are passages of the novel itself (so words are spread as in real notes, accents included: "Natásha").
 * For each query, side by side in the same run, each figure against the bare loop as the reference:
 * - the server's full-text search in this process (db/queries/note-search.ts: every hit, ordered, 50 snippets —
 *   the route's work without HTTP), and the route itself over HTTP on the real server (`GET …/search?q=`, 50
 *   results), both on the same prepared database;
 * - the reader's own search (`matchesFilter` of note-filter.ts with the words facet, over the notes and replies it
 *   holds), once cold (every note tokenized on the way) and warm (tokens cached per note object, as the reader
 *   keeps them between keystrokes);
 * - a bare loop: `toLowerCase().includes(word)` over each note's comment, passage and replies (no accents folded,
 *   no word starts: the floor of "look at every note").
 * Also what the index costs the write path: storing the 12,000 annotations in batches of 200 with the index's
 * triggers against the same with the triggers dropped. Medians of 5 (cold: one run on fresh copies).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase, type GlossaDb } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { getDocumentText } from '../db/queries/documents.ts';
import { importDocument } from '../db/queries/import-document.ts';
import { searchNoteHits, searchSnippets } from '../db/queries/note-search.ts';
import { storeRoomChange } from '../db/queries/room-store.ts';
import { buildReply } from '../lib/annotations/build-annotation.ts';
import { matchesFilter, noFilter } from '../lib/annotations/note-filter.ts';
import { orderHits, searchWords, seesEverything } from '../lib/annotations/note-search.ts';
import type { Annotation, PassageAnnotation, ReplyAnnotation } from '../lib/annotations/schema.ts';
import { startServer, tempDbPath } from '../tests/helpers/server-process.ts';
import { noteFactory } from './notes.ts';
import { timeMedian } from './stats.ts';

const root = new URL('..', import.meta.url).pathname;
const writer = { id: 'bench-writer', name: 'Bench Writer' };
const queries = ['natasha', 'Natásha Pierre', 'regiment', 'snuffbox', 'the'];

export interface SearchBenchResult {
  notes: number;
  replies: number;
  write: { withIndexMs: number; withoutIndexMs: number };
  queries: Array<{
    q: string;
    /** Notes each way finds (the bare loop folds no accents and matches inside words, so it may differ). */
    found: { server: number; reader: number; bare: number };
    serverQueryMs: number;
    routeMs: number;
    readerColdMs: number;
    readerWarmMs: number;
    bareMs: number;
  }>;
}

/** A passage of the novel as a comment: `length` characters from a spot that depends on `i`, on one line. */
function excerpt(text: string, i: number, length: number): string {
  const at = (i * 7919 + 104_729) % (text.length - length);
  return (
    text
      .slice(at, at + length)
      .replace(/\s+/g, ' ')
      .trim() || 'A note.'
  );
}

/** Stores `annotations` in batches of 200, as rooms do, and returns the time it took. */
function storeAll(db: GlossaDb, documentId: string, annotations: Annotation[]): number {
  const t0 = performance.now();
  for (let i = 0; i < annotations.length; i += 200)
    storeRoomChange(db, {
      documentId,
      update: new Uint8Array([0, 0]), // an empty Yjs update: the rows are what is measured
      upsertAnnotations: annotations.slice(i, i + 200),
      deleteAnnotations: [],
      upsertTags: [],
      deleteTags: [],
    });
  return performance.now() - t0;
}

export async function runSearchBench(count = 10_000, log: (line: string) => void = () => {}): Promise<SearchBenchResult> {
  const source = readFileSync(new URL('../../shared/texts/war-and-peace.txt', import.meta.url), 'utf8');
  const withIndex = tempDbPath();
  const withoutIndex = tempDbPath();
  try {
    const db = openDatabase(withIndex.dbPath);
    const bare = openDatabase(withoutIndex.dbPath);
    let documentId: string;
    let notes: PassageAnnotation[];
    let replies: ReplyAnnotation[];
    let write: SearchBenchResult['write'];
    try {
      migrateDatabase(db, root);
      migrateDatabase(bare, root);
      for (const trigger of ['note_search_after_insert', 'note_search_after_update', 'note_search_after_delete'])
        bare.$client.exec(`DROP TRIGGER ${trigger}`);
      documentId = importDocument(db, { title: 'War and Peace', text: source });
      importDocument(bare, { title: 'War and Peace', text: source });
      const text = getDocumentText(db, documentId) ?? '';
      const make = noteFactory(documentId, text, writer);
      notes = Array.from({ length: count }, (_, i) => {
        const note = make(`s-${i}`, i);
        return { ...note, body: note.body.map((b) => (b.purpose === 'commenting' ? { ...b, value: excerpt(text, i, 160) } : b)) };
      });
      const now = new Date();
      replies = Array.from({ length: count / 5 }, (_, i) =>
        buildReply({ id: `r-${i}`, parentId: notes[i * 5].id, creator: writer, text: excerpt(text, count + i, 120), now }),
      );
      log(`bench: search: storing ${notes.length + replies.length} annotations twice`);
      write = {
        withIndexMs: storeAll(db, documentId, [...notes, ...replies]),
        withoutIndexMs: storeAll(bare, documentId, [...notes, ...replies]),
      };
    } finally {
      bare.$client.close();
    }

    const repliesOf = new Map<string, ReplyAnnotation[]>();
    for (const r of replies) repliesOf.set(r.target, [...(repliesOf.get(r.target) ?? []), r]);
    const results: SearchBenchResult['queries'] = [];
    const readerFinds = (list: PassageAnnotation[], q: string) =>
      list.filter((n) => matchesFilter(n, repliesOf.get(n.id) ?? [], { ...noFilter, q })).length;
    const bareFinds = (q: string) => {
      const words = q.toLowerCase().split(/\s+/);
      return notes.filter((n) => {
        const hay = [n.body[0]?.value ?? '', n.target.selector[0].exact, ...(repliesOf.get(n.id) ?? []).map((r) => r.body[0]?.value ?? '')]
          .join('\n')
          .toLowerCase();
        return words.every((w) => hay.includes(w));
      }).length;
    };
    const serverQuery = (q: string) => {
      const words = searchWords(q);
      const hits = orderHits(searchNoteHits(db, documentId, words, seesEverything));
      searchSnippets(db, documentId, words, hits.slice(0, 50));
      return hits;
    };
    for (const q of queries) {
      const hits = serverQuery(q);
      const fresh = structuredClone(notes);
      const t0 = performance.now();
      const readerCount = readerFinds(fresh, q);
      const readerColdMs = performance.now() - t0;
      results.push({
        q,
        found: { server: new Set(hits.map((h) => h.root)).size, reader: readerCount, bare: bareFinds(q) },
        serverQueryMs: await timeMedian(() => serverQuery(q)),
        routeMs: 0,
        readerColdMs,
        readerWarmMs: await timeMedian(() => readerFinds(notes, q)),
        bareMs: await timeMedian(() => bareFinds(q)),
      });
    }
    db.$client.close();

    // The route over HTTP, on the same database.
    log('bench: search: starting the server on the prepared database');
    const server = await startServer({ dbPath: withIndex.dbPath, env: { GLOSSA_LOG: 'silent' } });
    try {
      for (const r of results) {
        const url = `${server.url}/api/documents/${documentId}/search?${new URLSearchParams({ q: r.q, limit: '50' })}`;
        r.routeMs = await timeMedian(async () => {
          const res = await fetch(url);
          if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
          await res.json();
        });
      }
    } finally {
      await server.stop();
    }
    return { notes: notes.length, replies: replies.length, write, queries: results };
  } finally {
    withIndex.cleanup();
    withoutIndex.cleanup();
  }
}

/** The table `npm run bench -- --only search` prints; ratios are against the bare loop of the same query. */
export function formatSearch(result: SearchBenchResult): string {
  const lines = [
    `Search of notes: War and Peace, ${result.notes.toLocaleString('en')} notes and ${result.replies.toLocaleString('en')} replies ` +
      '(comments are passages of the novel); ms, medians of 5; x = figure / bare loop of the same query',
    'query            found s/r/b        FTS query       HTTP route      reader cold     reader warm     bare loop',
  ];
  const cell = (ms: number, ref: number) => `${ms.toFixed(2).padStart(8)} ${`${(ms / ref).toFixed(1)}x`.padStart(6)}`;
  for (const q of result.queries)
    lines.push(
      `${q.q.padEnd(17)}${`${q.found.server}/${q.found.reader}/${q.found.bare}`.padEnd(19)}${cell(q.serverQueryMs, q.bareMs)} ${cell(q.routeMs, q.bareMs)} ${cell(q.readerColdMs, q.bareMs)} ${cell(q.readerWarmMs, q.bareMs)} ${q.bareMs.toFixed(2).padStart(8)}`,
    );
  const w = result.write;
  lines.push(
    `Storing all ${(result.notes + result.replies).toLocaleString('en')} annotations in batches of 200: ${w.withIndexMs.toFixed(0)} ms with the index, ` +
      `${w.withoutIndexMs.toFixed(0)} ms without (${(w.withIndexMs / w.withoutIndexMs).toFixed(2)}x)`,
  );
  lines.push('found s/r/b: notes the server, the reader and the bare loop find (the bare loop folds no accents and matches inside words).');
  return lines.join('\n');
}
