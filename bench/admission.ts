/**
 * What admission costs per update, measured in-process: `admitUpdate` with `admissionRoomOf` on a Y.Doc, exactly as
 * the room calls it before applying, next to `Y.applyUpdate` of the same update on the same room state — the work
 * every Yjs server does anyway — so the ratio says what admission adds. Realistic updates (a new note, an edit, a
 * delete, a reconnecting client's sync step 2 of 100 offline notes) against rooms of 0, 1,000 and 10,000 notes;
 * and the cost of refusing 1 MB messages of hundreds of thousands of tiny structs, which must stay bounded.
 *
 * Each (room, update) cell runs until `iterations` samples or `cellBudgetMs`, whichever comes first, so the whole
 * bench is bounded whatever the machine. Updates of a cell are applied in order (each admitted against the room
 * as it is just before applying it, as in the server), so the room grows by the notes a cell writes: the table
 * reports the room's size when the cell started.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { allowedRootTypes } from '../lib/collab/shared-state.ts';
import { admissionRoomOf, admitUpdate, type AdmissionOptions } from '../lib/collab/update-admission.ts';
import { roomLimits } from '../lib/limits.ts';
import { importPlainText } from '../lib/text/import-text.ts';
import { noteFactory } from './notes.ts';
import { summarize, type Summary } from './stats.ts';

export interface AdmissionBenchOptions {
  roomSizes: number[];
  /** Samples per cell (step 2 cells take a tenth, at least 10). */
  iterations: number;
  cellBudgetMs: number;
  /** Everything must be done by then; remaining cells are skipped and reported so. */
  totalBudgetMs: number;
}

export interface AdmissionCell {
  roomNotes: number;
  update: 'new note' | 'edit' | 'delete' | 'step-2 of 100 notes';
  samples: number;
  updateBytes: number;
  admitUs: Summary;
  applyUs: Summary;
  /** p50 admission / p50 apply. */
  ratioP50: number;
  ratioP99: number;
}

export interface RefusalCell {
  what: string;
  messageBytes: number;
  samples: number;
  refuseUs: Summary;
  reason: string;
  /** `Y.applyUpdate` of the same bytes on an empty doc (what a server without the bounded pre-read would pay). */
  applyUs: Summary | null;
}

export interface AdmissionBenchResult {
  cells: AdmissionCell[];
  refusals: RefusalCell[];
  skipped: string[];
  buildMs: Record<string, number>;
  durationMs: number;
}

const liveBounds = { structs: roomLimits.structsPerUpdate, deleteRanges: roomLimits.deleteRangesPerUpdate };
const initialBounds = { structs: roomLimits.structsPerInitialSync, deleteRanges: roomLimits.deleteRangesPerInitialSync };
const optionsFor = (initial: boolean): AdmissionOptions => ({
  roots: allowedRootTypes,
  bounds: initial ? initialBounds : liveBounds,
  gcLength: roomLimits.gcLength,
  mayWrite: () => true,
});

const writer = { id: 'bench-admission', name: 'Bench admission' };

/** The story's canonical text, as the server seeds it. */
function storyText(): string {
  const raw = readFileSync(new URL('../db/seed/should-have-known.txt', import.meta.url), 'utf8');
  return importPlainText(raw, { fallbackTitle: 'Should Have Known' }).text;
}

/** A room of `notes` notes written by 20 readers (so the store holds many clients, as a real room does). */
function buildRoom(notes: number, makeNote: ReturnType<typeof noteFactory>): Y.Doc {
  const room = new Y.Doc();
  const writers = Array.from({ length: 20 }, () => new Y.Doc());
  for (let i = 0; i < notes; i++) {
    const w = writers[i % writers.length];
    const id = `room-note-${i}`;
    w.getMap('annotations').set(id, makeNote(id, i));
  }
  for (const w of writers) {
    if (notes) Y.applyUpdate(room, Y.encodeStateAsUpdate(w));
    w.destroy();
  }
  return room;
}

const us = (ms: number) => ms * 1000;
const WARM_UP = -1;

/** A bench of one cell: `next()` makes the next update from the client's view (untimed), then it is admitted and applied. */
function measureCell(
  room: Y.Doc,
  roomNotes: number,
  update: AdmissionCell['update'],
  next: () => Uint8Array | null,
  initial: boolean,
  iterations: number,
  budgetMs: number,
): AdmissionCell | null {
  const admit: number[] = [];
  const apply: number[] = [];
  let bytes = 0;
  const options = optionsFor(initial);
  const end = performance.now() + budgetMs;
  while (admit.length < iterations && performance.now() < end) {
    const u = next();
    if (!u) break;
    bytes += u.length;
    const t0 = performance.now();
    const verdict = admitUpdate(u, admissionRoomOf(room), options);
    const t1 = performance.now();
    if (!verdict.ok) throw new Error(`admission refused a realistic ${update}: ${verdict.reason}`);
    Y.applyUpdate(room, u);
    const t2 = performance.now();
    admit.push(us(t1 - t0));
    apply.push(us(t2 - t1));
  }
  if (!admit.length) return null;
  const admitUs = summarize(admit);
  const applyUs = summarize(apply);
  return {
    roomNotes,
    update,
    samples: admit.length,
    updateBytes: Math.round(bytes / admit.length),
    admitUs,
    applyUs,
    ratioP50: admitUs.p50 / applyUs.p50,
    ratioP99: admitUs.p99 / applyUs.p99,
  };
}

/** A client that is in sync with `room` and whose own transactions are mirrored as updates. */
function clientOf(room: Y.Doc): { doc: Y.Doc; take(): Uint8Array | null } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
  let last: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') last = u;
  });
  return {
    doc,
    take() {
      const u = last;
      last = null;
      return u;
    },
  };
}

/** A 1 MB update of one client run claiming 500,000 garbage-collected structs of length 1 (2 bytes each). */
function oneRunOfTinyStructs(count: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, count);
  encoding.writeVarUint(e, 123_456);
  encoding.writeVarUint(e, 0);
  for (let i = 0; i < count; i++) encoding.writeUint8(e, 0), encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** About 1 MB of runs of one tiny struct each, every run under another client id (no per-run count to refuse). */
function manyRunsOfOneStruct(bytes: number): Uint8Array {
  const runs: Uint8Array[] = [];
  let total = 0;
  for (let client = 1_000_000; total < bytes; client++) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0); // clock
    encoding.writeUint8(e, 0); // GC
    encoding.writeVarUint(e, 1);
    const run = encoding.toUint8Array(e);
    runs.push(run);
    total += run.length;
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, runs.length);
  for (const run of runs) encoding.writeUint8Array(e, run);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

function measureRefusal(
  what: string,
  update: Uint8Array,
  room: Y.Doc,
  initial: boolean,
  iterations: number,
  budgetMs: number,
  withApply: boolean,
): RefusalCell {
  const samples: number[] = [];
  let reason = '';
  const end = performance.now() + budgetMs;
  while (samples.length < iterations && performance.now() < end) {
    const t0 = performance.now();
    const verdict = admitUpdate(update, admissionRoomOf(room), optionsFor(initial));
    samples.push(us(performance.now() - t0));
    if (verdict.ok) throw new Error(`admission admitted ${what}`);
    reason = verdict.reason;
  }
  let applyUs: Summary | null = null;
  if (withApply) {
    // A handful only: this is the cost admission spares the server, and it is large.
    const apply: number[] = [];
    for (let i = 0; i < 3; i++) {
      const doc = new Y.Doc();
      const t0 = performance.now();
      try {
        Y.applyUpdate(doc, update);
      } catch {
        /* a throw is an outcome too; its time still counts */
      }
      apply.push(us(performance.now() - t0));
      doc.destroy();
    }
    applyUs = summarize(apply);
  }
  return { what, messageBytes: update.length, samples: samples.length, refuseUs: summarize(samples), reason, applyUs };
}

/** Runs the admission bench; bounded by `totalBudgetMs` (cells past it are skipped and named in `skipped`). */
export function runAdmissionBench(o: AdmissionBenchOptions): AdmissionBenchResult {
  const started = performance.now();
  const overBudget = () => performance.now() - started > o.totalBudgetMs;
  const text = storyText();
  const makeNote = noteFactory('should-have-known', text, writer);
  const cells: AdmissionCell[] = [];
  const skipped: string[] = [];
  const buildMs: Record<string, number> = {};
  let serial = 0;

  // Unreported warm-up on a small room, so the first reported cell does not pay for the JIT.
  for (const size of [WARM_UP, ...o.roomSizes]) {
    const warmUp = size === WARM_UP;
    if (overBudget()) {
      if (!warmUp) skipped.push(`room of ${size} notes`);
      continue;
    }
    const t0 = performance.now();
    const room = buildRoom(warmUp ? 200 : size, makeNote);
    const client = clientOf(room);
    if (!warmUp) buildMs[String(size)] = Math.round(performance.now() - t0);
    const notes = client.doc.getMap('annotations');
    const roomSize = () => room.getMap('annotations').size;
    const run = (update: AdmissionCell['update'], next: () => Uint8Array | null, initial = false, iterations = o.iterations) => {
      if (overBudget()) return void skipped.push(`${update} in a room of ${size}`);
      const cell = measureCell(room, roomSize(), update, next, initial, warmUp ? Math.min(iterations, 100) : iterations, o.cellBudgetMs);
      if (cell && !warmUp) cells.push(cell);
    };

    // A new note: one map entry with a root parent, under the client's own id.
    run('new note', () => {
      const id = `bench-new-${serial++}`;
      notes.set(id, makeNote(id, serial));
      return client.take();
    });
    // An edit: the entry is replaced, so the new item carries an origin (the old value) and no parent.
    const keys = [...notes.keys()];
    let k = 0;
    run('edit', () => {
      const id = keys[(k++ * 7919) % keys.length];
      notes.set(id, { ...(notes.get(id) as object), modified: new Date().toISOString() });
      return client.take();
    });
    // A delete: a delete set only.
    const deletable = [...notes.keys()];
    run('delete', () => {
      if (deletable.length <= 1) return null;
      const id = deletable.splice((k++ * 7919) % deletable.length, 1)[0];
      notes.delete(id);
      return client.take();
    });
    // A reconnecting client's sync step 2: 100 notes written offline, one transaction each, as one update.
    run(
      'step-2 of 100 notes',
      () => {
        const offline = new Y.Doc();
        const map = offline.getMap('annotations');
        for (let i = 0; i < 100; i++) {
          const id = `bench-offline-${serial++}`;
          map.set(id, makeNote(id, serial));
        }
        const update = Y.encodeStateAsUpdate(offline);
        offline.destroy();
        return update;
      },
      true,
      Math.max(20, Math.round(o.iterations / 10)),
    );
    client.doc.destroy();
    room.destroy();
  }

  const refusals: RefusalCell[] = [];
  const empty = new Y.Doc();
  if (!overBudget()) {
    refusals.push(
      measureRefusal(
        '1 MB: one run of 500k GC structs (live update)',
        oneRunOfTinyStructs(500_000),
        empty,
        false,
        o.iterations,
        o.cellBudgetMs,
        true,
      ),
    );
    const runs = manyRunsOfOneStruct(1_000_000);
    refusals.push(measureRefusal('1 MB: ~140k runs of 1 struct (live update)', runs, empty, false, o.iterations, o.cellBudgetMs, true));
    refusals.push(
      measureRefusal(
        '1 MB: ~140k runs of 1 struct (initial sync cap)',
        runs,
        empty,
        true,
        Math.max(10, o.iterations / 10),
        o.cellBudgetMs,
        false,
      ),
    );
  } else skipped.push('refusals');
  empty.destroy();

  return { cells, refusals, skipped, buildMs, durationMs: Math.round(performance.now() - started) };
}

const f = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');

/** The admission table (µs) and the refusal table. */
export function formatAdmissionTables(result: AdmissionBenchResult): string {
  const rows: string[][] = [
    ['room notes', 'update', 'bytes', 'n', 'admit p50 µs', 'admit p99 µs', 'apply p50 µs', 'apply p99 µs', 'admit/apply p50', 'p99'],
  ];
  for (const c of result.cells)
    rows.push([
      String(c.roomNotes),
      c.update,
      String(c.updateBytes),
      String(c.samples),
      f(c.admitUs.p50),
      f(c.admitUs.p99),
      f(c.applyUs.p50),
      f(c.applyUs.p99),
      c.ratioP50.toFixed(2),
      c.ratioP99.toFixed(2),
    ]);
  const refusalRows: string[][] = [
    ['refused message', 'bytes', 'n', 'refuse p50 µs', 'refuse p99 µs', 'Y.applyUpdate µs (median of 3)', 'reason'],
  ];
  for (const r of result.refusals)
    refusalRows.push([
      r.what,
      String(r.messageBytes),
      String(r.samples),
      f(r.refuseUs.p50),
      f(r.refuseUs.p99),
      r.applyUs ? f(r.applyUs.p50) : '-',
      r.reason,
    ]);
  return `${table(rows, 2)}\n\n${table(refusalRows, 1, 6)}`;
}

function table(rows: string[][], leftColumns: number, rightFrom = rows[0].length): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c < leftColumns || c >= rightFrom ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}
