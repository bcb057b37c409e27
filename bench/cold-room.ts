/**
 * Cold room: how long the first reader of a document with 10,000 stored notes waits until a stock
 * WebsocketProvider is synced, against the floor of reading the same notes' rows from SQLite in this process.
 * Two documents with the same notes are prepared in one database before the server starts: one whose update log
 * holds each note as its own update (as a room that never compacted would leave it), one compacted to a single
 * update (what a live room now keeps). The first open of the uncompacted one compacts it, so it is measured once;
 * the compacted one is opened cold three times (the room is dropped when its reader leaves).
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { listAnnotations } from '../db/queries/annotations.ts';
import { getDocument, insertDocument } from '../db/queries/documents.ts';
import { storeRoomChange } from '../db/queries/room-store.ts';
import { seedSampleText, sampleDocumentId } from '../db/seed.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { tempDbPath, startServer } from '../tests/helpers/server-process.ts';
import { noteFactory } from './notes.ts';

export interface ColdRoomResult {
  notes: number;
  /** Stock provider created → synced, first open of a document whose log holds one update per note (ms). */
  uncompactedSyncMs: number;
  /** The same for a compacted log, each a cold open (ms). */
  compactedSyncMs: number[];
  /** Reading the same notes' rows from SQLite in-process (ms), the floor. */
  sqliteReadMs: number[];
  stepTwoBytes: number;
}

const root = new URL('..', import.meta.url).pathname;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Builds a database with two copies of the story holding `notes` notes each (one log per note, one compacted). */
function prepare(dbPath: string, notes: number): { uncompacted: string; compacted: string } {
  const db = openDatabase(dbPath);
  try {
    migrateDatabase(db, root);
    seedSampleText(db, root);
    const story = getDocument(db, sampleDocumentId)!;
    const compacted = 'cold-compacted';
    insertDocument(db, { ...story, id: compacted, title: `${story.title} (compacted copy)`, createdAt: undefined });
    const writers = Array.from({ length: 5 }, (_, i) => ({ doc: new Y.Doc(), writer: { id: `bench-reader-${i}`, name: `Reader ${i}` } }));
    const makers = writers.map((w) => ({
      uncompacted: noteFactory(sampleDocumentId, story.text, w.writer),
      compacted: noteFactory(compacted, story.text, w.writer),
    }));
    const rows: Record<'uncompacted' | 'compacted', PassageAnnotation[]> = { uncompacted: [], compacted: [] };
    const perNote: Uint8Array[] = [];
    const whole = new Y.Doc();
    for (let i = 0; i < notes; i++) {
      const w = writers[i % writers.length];
      const before = Y.encodeStateVector(w.doc);
      const note = makers[i % writers.length].uncompacted(`cold-${i}`, i);
      w.doc.getMap('annotations').set(note.id, note);
      perNote.push(Y.encodeStateAsUpdate(w.doc, before));
      rows.uncompacted.push(note);
      const copy = makers[i % writers.length].compacted(`cold-${i}`, i);
      whole.getMap('annotations').set(copy.id, copy);
      rows.compacted.push(copy);
    }
    db.transaction(() => {
      perNote.forEach((update, i) =>
        storeRoomChange(db, {
          documentId: sampleDocumentId,
          update,
          upsertAnnotations: [rows.uncompacted[i]],
          deleteAnnotations: [],
          upsertTags: [],
          deleteTags: [],
        }),
      );
      storeRoomChange(db, {
        documentId: compacted,
        update: Y.encodeStateAsUpdate(whole),
        upsertAnnotations: rows.compacted,
        deleteAnnotations: [],
        upsertTags: [],
        deleteTags: [],
      });
    });
    return { uncompacted: sampleDocumentId, compacted };
  } finally {
    db.$client.close();
  }
}

/** Joins `documentId` with a stock provider and resolves with the time to synced and the doc's size. */
async function timeSync(wsBase: string, documentId: string, expected: number): Promise<{ ms: number; bytes: number }> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const provider = new WebsocketProvider(wsBase, documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${documentId} did not sync in 30 s`)), 30_000);
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        resolve();
      });
    });
    const ms = performance.now() - t0;
    const size = doc.getMap('annotations').size;
    if (size !== expected) throw new Error(`${documentId}: synced ${size} notes, expected ${expected}`);
    return { ms, bytes: Y.encodeStateAsUpdate(doc).byteLength };
  } finally {
    provider.destroy();
    doc.destroy();
    await new Promise((r) => setTimeout(r, 300)); // the server drops (and compacts) the room once its reader left
  }
}

/** Runs the cold-room bench with its own Glossa server. */
export async function runColdRoomBench(notes = 10_000): Promise<ColdRoomResult> {
  const temp = tempDbPath();
  try {
    const ids = prepare(temp.dbPath, notes);
    const sqliteReadMs: number[] = [];
    {
      const db = openDatabase(temp.dbPath);
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const read = listAnnotations(db, ids.compacted);
        sqliteReadMs.push(performance.now() - t0);
        if (read.length !== notes) throw new Error(`read ${read.length} rows, expected ${notes}`);
      }
      db.$client.close();
    }
    const server = await startServer({ dbPath: temp.dbPath, env: { GLOSSA_LOG: 'silent' } });
    try {
      const wsBase = `${server.wsUrl}/collab`;
      const first = await timeSync(wsBase, ids.uncompacted, notes);
      const compacted: Array<{ ms: number; bytes: number }> = [];
      for (let i = 0; i < 3; i++) compacted.push(await timeSync(wsBase, ids.compacted, notes));
      return {
        notes,
        uncompactedSyncMs: first.ms,
        compactedSyncMs: compacted.map((c) => c.ms),
        sqliteReadMs,
        stepTwoBytes: compacted[0].bytes,
      };
    } finally {
      await server.stop();
    }
  } finally {
    temp.cleanup();
  }
}

/** The cold-room table. */
export function formatColdRoom(r: ColdRoomResult): string {
  const floor = median(r.sqliteReadMs);
  const rows: Array<[string, number]> = [
    [`first reader synced, log of ${r.notes.toLocaleString('en')} updates`, r.uncompactedSyncMs],
    ['first reader synced, compacted log (median of 3 cold opens)', median(r.compactedSyncMs)],
    [`floor: the same ${r.notes.toLocaleString('en')} rows read from SQLite`, floor],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`${'case'.padEnd(width)}  ${'ms'.padStart(8)}  ${'/ floor'.padStart(8)}`, '-'.repeat(width + 20)];
  for (const [label, ms] of rows)
    lines.push(`${label.padEnd(width)}  ${ms.toFixed(0).padStart(8)}  ${(ms / floor).toFixed(1).padStart(8)}`);
  lines.push(`(sync step 2 of ${(r.stepTwoBytes / 1024 / 1024).toFixed(1)} MiB; target < 300 ms with a compacted log)`);
  return lines.join('\n');
}
