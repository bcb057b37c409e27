/**
 * `npm run bench`: Glossa's room fan-out against the stock y-websocket server, both started here as child
 * processes on loopback and measured by the same clients in the same run, so the ratio means something on
 * whatever machine it runs. Prints a side-by-side table and writes bench/results/bench-<timestamp>.json and
 * bench/results/latest.json. Before the servers start, the admission bench (bench/admission.ts) measures in this
 * process what admitting an update costs next to applying it; its tables are printed and recorded too.
 *
 * Options (after `npm run bench --`): --readers 10,50  --notes 100  --interval 20  --rounds 3  --seed 100
 * --only admission|fanout|coldroom|reader|themes|search|export|reanchor|presence (any but fanout alone writes bench/results/<name>-latest.json, not latest.json).
 * The presence bench (bench/presence.ts) runs only when asked for (--only presence): 50 readers' presence in one room of
 * War and Peace through Glossa and the stock server (awareness per second, leader → follower p50/p99), and 50 moving
 * avatars in headless Chromium (long tasks, frames, a following page's scroll).
 * The re-anchoring bench (bench/reanchor.ts) runs only when asked for: 10,000 notes re-anchored on War and Peace after
 * 0 %, 1 % and 5 % of the characters were edited, against exact indexOf in the same run.
 * The export bench (bench/export.ts) runs only when asked for: 10,000 War and Peace notes exported to each format
 * (Markdown, CSV, JSON-LD, DOCX) in this process, against JSON.stringify of the same notes.
 * The search bench (bench/search.ts) runs only when asked for: full-text search of 10,000 War and Peace notes on the
 * server against the reader's own search and a bare loop.
 * The cold-room bench (bench/cold-room.ts) runs its own server on a database prepared with 10,000 notes.
 * The reader bench (bench/reader.ts) runs its own server and headless Chromium: War and Peace imported through
 * POST /api/documents, read with 0 / 1,000 / 10,000 notes next to a static HTML page of the same text
 * (--reader-notes 0,1000,10000  --reader-runs 3  --reader-budget 240 (s)  --text ../shared/texts/war-and-peace.txt);
 * cells and runs that do not fit its time budget are skipped and named.
 * The room is seeded with `--seed` notes first (kept), and each measured round deletes its own notes again, so
 * every round joins and syncs the same room.
 *
 * Exit code: 0 ok; 1 a server did not start or a run failed; 2 deliveries were lost; 3 the time budget ran out.
 */
import { formatExport, runExportBench } from './export.ts';
import { formatPresence, runPresenceBench } from './presence.ts';
import { formatReanchor, runReanchorBench } from './reanchor.ts';
import { formatSearch, runSearchBench } from './search.ts';
import { formatThemes, runThemesBench } from './themes.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formatAdmissionTables, runAdmissionBench, type AdmissionBenchResult } from './admission.ts';
import { formatColdRoom, runColdRoomBench, type ColdRoomResult } from './cold-room.ts';
import { formatReaderTable, runReaderBench, type ReaderBenchResult } from './reader.ts';
import { runFanout, type FanoutResult } from './fanout.ts';
import { noteFactory } from './notes.ts';
import { cpuMs, rssKiB } from './proc.ts';
import { formatTable } from './report.ts';
import { poolRounds, type PooledResult } from './rounds.ts';
import { killQuietly, startGlossa, startStock, type BenchServer } from './servers.ts';
import { fileURLToPath } from 'node:url';

const admissionBudgetMs = 45_000; // in-process admission cells; the bench skips what does not fit
const coldRoomBudgetMs = 60_000; // prepare 2 × 10,000 notes, one server start, four syncs
const roundsBudgetMs = 120_000; // from the first fan-out run: no new round after this, so the last one and the stops still fit
const documentId = 'should-have-known';
const writer = { id: 'bench-writer', name: 'Bench writer' };

const { values: args } = parseArgs({
  options: {
    readers: { type: 'string', default: '10,50' },
    notes: { type: 'string', default: '100' },
    interval: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '100' },
    only: { type: 'string' },
    'reader-notes': { type: 'string', default: '0,1000,10000' },
    'reader-runs': { type: 'string', default: '3' },
    text: { type: 'string', default: fileURLToPath(new URL('../../shared/texts/war-and-peace.txt', import.meta.url)) },
    'reader-budget': { type: 'string', default: '240' },
  },
});
// import, 11,000 notes written, 4 pages × up to 3 loads and a scroll each; cells and runs that do not fit are skipped
const readerBudgetMs = Number(args['reader-budget']) * 1000;
// The whole run, stops included (15 s for building rooms, 20 s for the reader's own start and stop).
const budgetMs = 170_000 + admissionBudgetMs + coldRoomBudgetMs + readerBudgetMs + 15_000 + 20_000;
const readerNotes = args['reader-notes'].split(',').map(Number);
const readerRuns = Number(args['reader-runs']);
const readerCounts = args.readers.split(',').map(Number);
const notes = Number(args.notes);
const intervalMs = Number(args.interval);
const rounds = Number(args.rounds);
const seedNotes = Number(args.seed);
if (
  readerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 500) ||
  !Number.isInteger(notes) ||
  notes < 1 ||
  !(intervalMs >= 0) ||
  !Number.isInteger(rounds) ||
  rounds < 1 ||
  !Number.isInteger(seedNotes) ||
  seedNotes < 1 ||
  readerNotes.some((n) => !Number.isInteger(n) || n < 0 || n > 50_000) ||
  !Number.isInteger(readerRuns) ||
  readerRuns < 1 ||
  !(readerBudgetMs >= 10_000) ||
  (args.only !== undefined &&
    !['admission', 'fanout', 'coldroom', 'reader', 'themes', 'search', 'export', 'reanchor', 'presence'].includes(args.only))
) {
  console.error(
    'usage: npm run bench -- [--readers 10,50] [--notes 100] [--interval 20] [--rounds 3] [--seed 100] [--only admission|fanout|coldroom|reader|themes|search|export|reanchor|presence]\n' +
      '                       [--reader-notes 0,1000,10000] [--reader-runs 3] [--reader-budget 240 (s)] [--text war-and-peace.txt]',
  );
  process.exit(1);
}
// Every WebsocketProvider adds a process 'exit' listener (removed on destroy); N of them at once is expected.
process.setMaxListeners(Math.max(...readerCounts) + 20);

const started = new Date();
// The bench shares the machine: other work on these cores shows up as latency for both servers alike.
const loadAtStart = loadavg()[0];
const servers: BenchServer[] = [];
const watchdog = setTimeout(() => {
  console.error(`bench: time budget of ${budgetMs / 1000} s exceeded; killing the servers`);
  for (const s of servers) killQuietly(s.pid);
  process.exit(3);
}, budgetMs);
watchdog.unref();

/** The admission bench, printed at once (so its figures survive a fan-out failure). */
function runAdmission(): AdmissionBenchResult {
  const result = runAdmissionBench({
    roomSizes: [0, 1_000, 10_000],
    iterations: 300,
    cellBudgetMs: 3_000,
    totalBudgetMs: admissionBudgetMs,
  });
  console.log(
    `\nAdmission (in-process, µs per update): admitUpdate + admissionRoomOf vs Y.applyUpdate of the same update on the same ` +
      `room state; rooms built with 0 / 1,000 / 10,000 notes (the "room notes" column is the size when a row started)`,
  );
  console.log(formatAdmissionTables(result));
  if (result.skipped.length) console.log(`Skipped to stay within ${admissionBudgetMs / 1000} s: ${result.skipped.join(', ')}`);
  return result;
}

/** The cold-room bench, printed at once; null (and a message) if it failed. */
async function runColdRoom(): Promise<ColdRoomResult | null> {
  try {
    const result = await runColdRoomBench(10_000);
    console.log('\nCold room: a stock provider joins a document with 10,000 stored notes (no one else in the room)');
    console.log(formatColdRoom(result));
    return result;
  } catch (err) {
    console.error(`bench: the cold-room bench failed: ${(err as Error).message}`);
    return null;
  }
}

/** The reader bench, printed at once; null (and a message) if it failed. */
async function runReader(): Promise<ReaderBenchResult | null> {
  try {
    const result = await runReaderBench({
      textPath: args.text,
      noteCounts: [...readerNotes].sort((a, b) => a - b),
      runs: readerRuns,
      budgetMs: readerBudgetMs,
      onServer: (s) => servers.push(s),
      log: (line) => console.error(line),
    });
    console.log(
      `\nReader in headless Chromium (${result.viewport.width}×${result.viewport.height}): ${result.text.file.split('/').pop()} ` +
        `(${result.text.chars.toLocaleString('en')} characters, ${result.text.paragraphs.toLocaleString('en')} paragraphs) ` +
        `imported through POST /api/documents, notes written into its room, against the same paragraphs as a static HTML page ` +
        `served from this process; medians of the load runs, ms from navigation start; scroll 3,000 px a frame, once per page`,
    );
    console.log(formatReaderTable(result));
    return result;
  } catch (err) {
    console.error(`bench: the reader bench failed: ${(err as Error).stack ?? err}`);
    return null;
  }
}

async function main(): Promise<number> {
  const admission = args.only === undefined || args.only === 'admission' ? runAdmission() : null;
  if (args.only === 'admission') {
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('admission-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), admission }, null, 2)}\n`);
    console.log('Wrote bench/results/admission-latest.json');
    return 0;
  }
  const coldRoom = args.only === undefined || args.only === 'coldroom' ? await runColdRoom() : null;
  if (args.only === 'coldroom') {
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('coldroom-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), coldRoom }, null, 2)}\n`);
    console.log('Wrote bench/results/coldroom-latest.json');
    return coldRoom ? 0 : 1;
  }
  if (args.only === 'themes') {
    const themes = await runThemesBench();
    console.log(formatThemes(themes));
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('themes-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), themes }, null, 2)}\n`);
    console.log('Wrote bench/results/themes-latest.json');
    return 0;
  }
  if (args.only === 'presence') {
    const presence = await runPresenceBench({ textPath: args.text, onServer: (s) => servers.push(s), log: (line) => console.error(line) });
    console.log(`\n${formatPresence(presence)}`);
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('presence-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), presence }, null, 2)}\n`);
    console.log('Wrote bench/results/presence-latest.json');
    return 0;
  }
  if (args.only === 'reanchor') {
    const reanchor = runReanchorBench(args.text);
    console.log(formatReanchor(reanchor));
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('reanchor-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), reanchor }, null, 2)}\n`);
    console.log('Wrote bench/results/reanchor-latest.json');
    return 0;
  }
  if (args.only === 'export') {
    const exported = await runExportBench(10_000, args.text);
    console.log(formatExport(exported));
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      new URL('export-latest.json', dir),
      `${JSON.stringify({ startedAt: started.toISOString(), export: exported }, null, 2)}\n`,
    );
    console.log('Wrote bench/results/export-latest.json');
    return 0;
  }
  if (args.only === 'search') {
    const search = await runSearchBench(10_000, (line) => console.error(line));
    console.log(`\n${formatSearch(search)}`);
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('search-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), search }, null, 2)}\n`);
    console.log('Wrote bench/results/search-latest.json');
    return 0;
  }
  const reader = args.only === undefined || args.only === 'reader' ? await runReader() : null;
  if (args.only === 'reader') {
    const dir = new URL('results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('reader-latest.json', dir), `${JSON.stringify({ startedAt: started.toISOString(), reader }, null, 2)}\n`);
    console.log('Wrote bench/results/reader-latest.json');
    return reader ? 0 : 1;
  }
  const fanoutStarted = Date.now();
  let glossa: Awaited<ReturnType<typeof startGlossa>>;
  let stock: BenchServer;
  try {
    // One at a time: two cold tsx/Next starts at once on 2 cores would only slow both.
    glossa = await startGlossa();
    servers.push(glossa);
    stock = await startStock();
    servers.push(stock);
  } catch (err) {
    console.error(`bench: a server failed to start: ${(err as Error).message}`);
    return 1;
  }
  const idleRssKiB = { glossa: rssKiB(glossa.pid), stock: rssKiB(stock.pid) };

  const response = await fetch(`${glossa.url}/api/documents/${documentId}/text`, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) {
    console.error(`bench: GET /api/documents/${documentId}/text answered ${response.status}`);
    return 1;
  }
  const makeNote = noteFactory(documentId, await response.text(), writer);

  const run = (server: BenchServer, readers: number, count: number, runTag: string, keepNotes: boolean) =>
    runFanout({
      server: server.name,
      wsBase: server.wsBase,
      room: documentId,
      readers,
      notes: count,
      intervalMs,
      runTag,
      writer,
      makeNote,
      serverRss: () => rssKiB(server.pid),
      serverCpu: () => cpuMs(server.pid),
      syncTimeoutMs: 15_000,
      drainTimeoutMs: 5_000 + count * 2,
      keepNotes,
    });

  // Unreported warm-up that also seeds the room (kept): JIT in both servers and in these clients, so the first
  // measured run is not penalised, and readers sync a room that holds notes, as a real one does.
  for (const server of [glossa, stock]) {
    const seeded = await run(server, 2, seedNotes, `seed-${server.name}-${started.getTime()}`, true);
    if (seeded.delivered < seeded.expected) {
      console.error(`bench: seeding ${server.name} delivered ${seeded.delivered}/${seeded.expected} (refused ${seeded.refused})`);
      console.error(server.logs().split('\n').slice(-10).join('\n'));
      return 2;
    }
  }

  const runs: FanoutResult[] = [];
  const failures: Array<{ server: string; readers: number; round: number; error: string }> = [];
  let skippedRounds = 0;
  for (const [k, n] of readerCounts.entries()) {
    for (let round = 0; round < rounds; round++) {
      if (Date.now() - fanoutStarted > roundsBudgetMs) {
        skippedRounds++;
        continue;
      }
      // Alternate which server goes first, so drift in the machine's load does not favour one side.
      const order = (k + round) % 2 === 0 ? [glossa, stock] : [stock, glossa];
      for (const server of order) {
        let result: FanoutResult;
        try {
          result = await run(server, n, notes, `${server.name}-${n}-${round}-${started.getTime()}`, false);
        } catch (err) {
          // One failed run (e.g. a sync timeout) should not hide the others; it still fails the bench.
          const error = (err as Error).message;
          failures.push({ server: server.name, readers: n, round: round + 1, error });
          console.error(`bench: ${server.name} N=${n} round ${round + 1}/${rounds} failed: ${error}`);
          console.error(server.logs().split('\n').slice(-6).join('\n'));
          continue;
        }
        runs.push(result);
        console.error(
          `bench: ${server.name} N=${n} round ${round + 1}/${rounds}: ${result.delivered}/${result.expected} delivered, ` +
            `p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms`,
        );
      }
    }
  }
  if (skippedRounds) console.error(`bench: skipped ${skippedRounds} round(s) to stay within the time budget`);

  const results: PooledResult[] = [];
  for (const n of readerCounts)
    for (const name of ['glossa', 'stock']) {
      const of = runs.filter((r) => r.server === name && r.readers === n);
      if (of.length) results.push(poolRounds(of));
    }
  const at = (server: string, n: number) => results.find((r) => r.server === server && r.readers === n);

  const loadAtEnd = loadavg()[0];
  const g50 = at('glossa', 50);
  const s50 = at('stock', 50);
  const target =
    g50 && s50
      ? {
          name: 'fan-out p99 at 50 readers <= stock',
          glossaMs: g50.latencyMs.p99,
          stockMs: s50.latencyMs.p99,
          met: g50.latencyMs.p99 <= s50.latencyMs.p99,
        }
      : null;

  console.log(
    `\nFan-out: ${notes} notes per round, one every ${intervalMs} ms, from 1 writer to N readers on loopback, in a room ` +
      `seeded with ${seedNotes} notes; ${rounds} round(s) pooled; ${cpus().length} cores, Node ${process.version}`,
  );
  console.log(formatTable(results, readerCounts, idleRssKiB));
  const busy = Math.max(loadAtStart, loadAtEnd) > cpus().length;
  console.log(
    `Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end` +
      (busy ? ' -- the machine was busy; tails are inflated for both servers, compare with a quiet run.' : '.'),
  );
  if (target)
    console.log(
      `Target ${target.name}: ${target.met ? 'met' : 'NOT met'} (${target.glossaMs.toFixed(2)} vs ${target.stockMs.toFixed(2)} ms)`,
    );
  console.log(
    'Glossa validates each note and stores it in SQLite (synchronously) before broadcasting; the stock server keeps notes in memory only.',
  );

  const lost = results.filter((r) => r.delivered < r.expected);
  for (const r of lost)
    console.error(
      `bench: ${r.server} N=${r.readers} lost ${r.expected - r.delivered} deliveries (notes refused ${r.refused}, sockets closed by the server ${r.closedByServer})`,
    );
  for (const r of results.filter((x) => x.notCleanedUp > 0))
    console.error(
      `bench: ${r.server} N=${r.readers}: ${r.notCleanedUp} round(s) could not delete their notes; later rounds synced a larger room`,
    );
  if (lost.some((r) => r.server === 'glossa')) console.error(glossa.logs().split('\n').slice(-10).join('\n'));

  const record = {
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverage1m: { start: loadAtStart, end: loadAtEnd },
    },
    config: {
      documentId,
      readerCounts,
      notes,
      intervalMs,
      rounds,
      seedNotes,
      skippedRounds,
      writer: 'one extra connection besides the N readers',
      percentiles: 'nearest-rank over all (note, reader) deliveries',
    },
    idleRssKiB,
    admission,
    coldRoom,
    reader,
    results,
    failures,
    ratios: readerCounts.map((n) => {
      const g = at('glossa', n);
      const s = at('stock', n);
      return {
        readers: n,
        p50: g && s ? g.latencyMs.p50 / s.latencyMs.p50 : null,
        p99: g && s ? g.latencyMs.p99 / s.latencyMs.p99 : null,
        rss: g?.rssKiBAfterConnect && s?.rssKiBAfterConnect ? g.rssKiBAfterConnect / s.rssKiBAfterConnect : null,
      };
    }),
    target,
  };
  const dir = new URL('results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(record, null, 2)}\n`;
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(new URL(`bench-${stamp}.json`, dir), json);
  writeFileSync(new URL('latest.json', dir), json);
  console.log(`Wrote bench/results/bench-${stamp}.json and bench/results/latest.json`);

  for (const f of failures) console.error(`bench: failed: ${f.server} N=${f.readers} round ${f.round}: ${f.error}`);
  return failures.length ? 1 : lost.length ? 2 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`bench: ${(err as Error).stack ?? err}`);
  code = 1;
} finally {
  await Promise.all(servers.map((s) => s.stop().catch(() => killQuietly(s.pid))));
  clearTimeout(watchdog);
}
process.exitCode = code;
// Everything is stopped; if some handle still held the loop, do not hang the caller.
setTimeout(() => {
  console.error('bench: an open handle kept the process alive; exiting');
  process.exit(code);
}, 2000).unref();
