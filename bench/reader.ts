/**
 * The reader in headless Chromium against a static HTML page of the same text, in one run: a long novel imported
 * through POST /api/documents, read with 0, 1,000 and 10,000 notes in its room (written by a stock y-websocket
 * client, spread evenly over the text; each count adds to the last), and the same paragraphs as one plain HTML page
 * served by a tiny HTTP server in this process (the reference). Per page, in a fresh browser context each run:
 *
 * - first contentful paint (PerformanceObserver 'paint') and the frame in which the text is shown, then the frame in
 *   which highlights and margin cards are shown (a rAF loop started by an init script, so a busy main thread counts);
 * - JS heap after a forced GC (CDP Runtime.getHeapUsage) and DOM nodes (CDP Memory.getDOMCounters) once loaded;
 * - one remote note written by the Node client near the top: wall time until its highlight and card are in the DOM,
 *   and the main-thread time of the renderer's top-level tasks from just before it is sent to the frame after it
 *   shows (a Chromium trace);
 * - a click on a highlight on screen → the frame after its card is focused;
 * - on the first run only, a scroll top to bottom, 3,000 px per frame (three viewports) for at most `scrollBoundMs`:
 *   frames per second, frames over 50 ms, long tasks (PerformanceObserver 'longtask').
 *
 * Bounded: every wait is capped by what is left of `budgetMs`; a cell (a page at a note count) starts only when its
 * estimated cost fits and extra runs only when the rest still fits, and what was skipped is reported.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { buildPassageAnnotation } from '../lib/annotations/build-annotation.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { joinRoom, type TestRoomClient } from '../tests/helpers/room-clients.ts';
import { type BenchServer, startGlossa } from './servers.ts';

export interface ReaderBenchOptions {
  textPath: string;
  noteCounts: number[];
  /** Load runs per cell (each in a fresh context); the scroll runs once per cell. */
  runs: number;
  budgetMs: number;
  scrollBoundMs?: number;
  /** Each server as it starts (so a watchdog can kill it). */
  onServer?: (server: BenchServer) => void;
  log?: (line: string) => void;
}

export interface ScrollResult {
  ms: number;
  frames: number;
  fps: number;
  slowFrames: number;
  longTasks: number;
  longestTaskMs: number;
  longTasksMs: number;
  /** Share of the page scrolled before the bound (1 = reached the bottom). */
  reached: number;
}

export interface ReaderRun {
  fcpMs: number | null;
  textShownMs: number;
  /** Highlights and cards shown (null without notes). */
  notesShownMs: number | null;
  /** Long tasks from navigation until loaded (count and longest). */
  loadLongTasks: number;
  loadLongestTaskMs: number;
  heapMiB: number;
  domNodes: number;
  elements: number;
  highlights: number;
  cards: number;
  remoteWallMs: number | null;
  remoteMainThreadMs: number | null;
  remoteTasks: number | null;
  /** Of the main-thread time: style recalculation, layout, and pre-paint/paint/layerize/commit. */
  remoteStyleMs: number | null;
  remoteLayoutMs: number | null;
  remotePaintMs: number | null;
  clickToFocusMs: number | null;
  runMs: number;
}

export interface ReaderCell {
  page: 'static' | 'glossa';
  notes: number;
  runs: ReaderRun[];
  scroll: ScrollResult | null;
  error: string | null;
}

export interface ReaderBenchResult {
  text: { file: string; chars: number; paragraphs: number; documentId: string };
  viewport: { width: number; height: number };
  budgetMs: number;
  durationMs: number;
  noteWritesMs: Record<string, number>;
  cells: ReaderCell[];
  skipped: string[];
  medians: Record<string, Record<string, number | null>>;
  targets: Array<{ name: string; value: number | null; unit: string; limit: number; met: boolean | null }>;
}

const viewport = { width: 1400, height: 1000 };
const writer = { id: 'bench-writer', name: 'Bench Writer' };
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const nums = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null && Number.isFinite(x));

/** A passage of about `length` characters starting at a word of `text` at or after `at`, within one line. */
function rangeNear(text: string, at: number, length: number) {
  let start = at;
  while (start < text.length && /\s/.test(text[start])) start++;
  let end = Math.min(text.length, start + length);
  const nl = text.slice(start, end).indexOf('\n');
  if (nl > 0) end = start + nl;
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The i-th of `max` bench notes, spread evenly over the text (the set for a smaller count is every k-th one). */
function benchNote(documentId: string, text: string, i: number, max: number): PassageAnnotation {
  let at = Math.floor(((i + 0.5) / max) * (text.length - 80));
  let range = rangeNear(text, at, 20 + (i % 5) * 10);
  // A one-letter line (a chapter's roman numeral) is too short: take the next line.
  while (range.end - range.start < 2 && at < text.length - 80) {
    at = range.end + 1;
    range = rangeNear(text, at, 20 + (i % 5) * 10);
  }
  return buildPassageAnnotation({
    id: `bench-${i}`,
    documentId,
    creator: writer,
    text,
    range,
    comment: `Bench note ${i}: a line worth a second look.`,
    tags: [],
    now: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)),
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The reference page: the same paragraphs in plain <p>s, styled like the reader's text column, no script. */
function staticPage(title: string, text: string): { html: string; paragraphs: number } {
  const paras = text.split(/\n\s*\n/).filter((p) => p.trim());
  const body = paras.map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('\n');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(title)}</title><style>body{margin:0;font-family:Georgia,serif}` +
    'main{max-width:65ch;margin:2rem auto;font-size:1.16rem;line-height:1.75;white-space:pre-wrap}p{margin:0 0 1.1em}</style>' +
    `</head><body><main><h1>${escapeHtml(title)}</h1>\n${body}</main></body></html>`;
  return { html, paragraphs: paras.length };
}

/** Serves one HTML page on a free loopback port. */
async function serveStatic(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const bytes = Buffer.from(html);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.byteLength });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Installed before any page script: records paint entries, long tasks, and (in a rAF loop) the frame in which the
 * text, a highlight and a card first exist. Plain JS in a string so nothing tsx adds ends up in the page.
 */
const probeScript = (sel: { text: string; hl: string | null; card: string | null }) => `(() => {
  const b = (window.__bench = { fcp: null, text: null, notes: null, longTasks: [] });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime; })
    .observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  const sel = ${JSON.stringify(sel)};
  const tick = () => {
    const now = performance.now();
    if (b.text === null && document.querySelector(sel.text)) b.text = now;
    if (sel.hl && b.notes === null && document.querySelector(sel.hl) && document.querySelector(sel.card)) b.notes = now;
    if (b.text === null || (sel.hl && b.notes === null)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Budget {
  left(): number;
  cap(ms: number): number;
}

export async function runReaderBench(options: ReaderBenchOptions): Promise<ReaderBenchResult> {
  const t0 = Date.now();
  const deadline = t0 + options.budgetMs;
  const log = options.log ?? (() => {});
  const budget: Budget = {
    left: () => deadline - Date.now(),
    cap: (ms) => {
      const left = deadline - Date.now();
      if (left < 1000) throw new Error('the time budget ran out');
      return Math.min(ms, left);
    },
  };
  const scrollBoundMs = options.scrollBoundMs ?? 20_000;
  const skipped: string[] = [];
  const cells: ReaderCell[] = [];
  const noteWritesMs: Record<string, number> = {};

  const source = readFileSync(options.textPath, 'utf8');
  const glossa = await startGlossa();
  options.onServer?.(glossa);
  let browser: Browser | null = null;
  let statik: Awaited<ReturnType<typeof serveStatic>> | null = null;
  let client: TestRoomClient | null = null;
  try {
    const title = 'War and Peace';
    const res = await fetch(`${glossa.url}/api/documents?title=${encodeURIComponent(title)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: source,
      signal: AbortSignal.timeout(budget.cap(60_000)),
    });
    if (res.status !== 201) throw new Error(`POST /api/documents answered ${res.status}: ${await res.text()}`);
    const documentId = ((await res.json()) as { id: string }).id;
    const textRes = await fetch(`${glossa.url}/api/documents/${documentId}/text`, { signal: AbortSignal.timeout(30_000) });
    const text = await textRes.text();
    const page = staticPage(title, text);
    statik = await serveStatic(page.html);
    log(`reader bench: imported ${text.length.toLocaleString('en')} characters as ${documentId} in ${Date.now() - t0} ms`);

    browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
    client = await joinRoom(glossa.wsBase.replace(/\/collab$/, ''), documentId, writer);
    const maxNotes = Math.max(0, ...options.noteCounts);
    const allNotes: PassageAnnotation[] = Array.from({ length: maxNotes }, (_, i) => benchNote(documentId, text, i, maxNotes));
    const remoteRange = rangeNear(text, 300, 25);

    // One unreported load of the reader first, so the server's first render (JIT, caches) is not put on the 0 cell.
    {
      const context = await newContext(browser, probeScript({ text: '.reader-text .para', hl: null, card: null }));
      try {
        const warm = await context.newPage();
        await warm.goto(`${glossa.url}/d/${documentId}`, { waitUntil: 'commit', timeout: budget.cap(60_000) });
        await warm.waitForSelector('.reader-text .para', { state: 'attached', timeout: budget.cap(60_000) });
      } finally {
        await context.close();
      }
    }

    // Estimated cost of a cell, from what the cells before it took (refined as they run).
    const measured: Array<{ notes: number; runMs: number; scrollMs: number }> = [];
    let writeMsPerNote = 3;
    const estimate = (notes: number, runs: number) => {
      const last = measured.at(-1);
      const prev = measured.at(-2);
      let runMs = 15_000 + notes * 2;
      if (last && prev && last.notes !== prev.notes) {
        const slope = Math.max(0, (last.runMs - prev.runMs) / (last.notes - prev.notes));
        runMs = last.runMs + slope * (notes - last.notes);
      } else if (last) runMs = last.runMs * (1 + Math.max(0, notes - last.notes) / 2_000);
      const scrollMs = Math.min(scrollBoundMs, last?.scrollMs ?? scrollBoundMs) + 3_000;
      return runMs * runs + scrollMs;
    };

    let written = 0;
    const order: Array<{ page: 'static' | 'glossa'; notes: number }> = [
      { page: 'static', notes: 0 },
      ...options.noteCounts.map((n) => ({ page: 'glossa' as const, notes: n })),
    ];
    const visited = new Set<number>();
    for (const [k, cell] of order.entries()) {
      if (budget.left() < 1000) break;
      visited.add(k);
      const name = cell.page === 'static' ? 'static page' : `${cell.notes.toLocaleString('en')} notes`;
      const later = order.slice(k + 1).filter((c) => c.page === 'glossa');
      const reserveFor = (from: number) =>
        later.reduce(
          (sum, c, j) => sum + estimate(c.notes, 1) + Math.max(0, c.notes - (j === 0 ? from : later[j - 1].notes)) * writeMsPerNote,
          0,
        );
      const newNotes = cell.page === 'glossa' ? Math.max(0, cell.notes - written) : 0;
      const need = newNotes * writeMsPerNote + (cell.page === 'static' ? 8_000 : estimate(cell.notes, 1));
      if (need > budget.left()) {
        skipped.push(`${name} (needs ~${Math.round(need / 1000)} s, ${Math.max(0, Math.round(budget.left() / 1000))} s left)`);
        continue;
      }
      const result: ReaderCell = { page: cell.page, notes: cell.page === 'static' ? 0 : cell.notes, runs: [], scroll: null, error: null };
      cells.push(result);
      try {
        if (cell.page === 'glossa' && cell.notes > written) {
          const started = Date.now();
          const step = maxNotes / cell.notes;
          const wanted = new Set<number>();
          for (let j = 0; j < cell.notes; j++) wanted.add(Math.floor(j * step));
          const batch = allNotes.filter((n, i) => wanted.has(i) && !client!.annotations.has(n.id));
          for (let i = 0; i < batch.length; i += 200)
            client.doc.transact(() => {
              for (const n of batch.slice(i, i + 200)) client!.annotations.set(n.id, n);
            });
          const expected = wanted.size;
          await waitStored(glossa.url, documentId, expected, budget);
          written = cell.notes;
          result.notes = expected;
          noteWritesMs[String(cell.notes)] = Date.now() - started;
          writeMsPerNote = Math.max(0.5, (Date.now() - started) / Math.max(1, batch.length));
          log(`reader bench: ${expected.toLocaleString('en')} notes in the room (${batch.length} written in ${Date.now() - started} ms)`);
        }
        for (let run = 0; run < options.runs; run++) {
          const last = result.runs.at(-1);
          if (run > 0 && last && last.runMs * 1.2 + reserveFor(written) > budget.left()) {
            skipped.push(`${name}: runs ${run + 1}-${options.runs} of ${options.runs}`);
            break;
          }
          const started = Date.now();
          const out = await measurePage(browser, {
            url: cell.page === 'static' ? statik.url : `${glossa.url}/d/${documentId}`,
            glossa: cell.page === 'glossa',
            notes: result.notes,
            scroll: run === 0 ? scrollBoundMs : 0,
            budget,
            remote:
              cell.page === 'glossa'
                ? (id) =>
                    client!.annotations.set(
                      id,
                      buildPassageAnnotation({
                        id,
                        documentId,
                        creator: writer,
                        text,
                        range: remoteRange,
                        comment: 'Remote bench note',
                        tags: [],
                        now: new Date(),
                      }),
                    )
                : null,
            dropRemote: (id) => client!.annotations.delete(id),
            remoteId: `bench-remote-${cell.notes}-${run}`,
          });
          if (out.scroll) result.scroll = out.scroll;
          const runMs = Date.now() - started - (out.scroll?.ms ?? 0);
          result.runs.push({ ...out.run, runMs });
          log(
            `reader bench: ${name} run ${run + 1}: text ${out.run.textShownMs.toFixed(0)} ms` +
              (out.run.notesShownMs !== null ? `, notes ${out.run.notesShownMs.toFixed(0)} ms` : '') +
              (out.run.clickToFocusMs !== null ? `, click→card ${out.run.clickToFocusMs.toFixed(0)} ms` : '') +
              (out.run.remoteMainThreadMs !== null ? `, remote note ${out.run.remoteMainThreadMs.toFixed(1)} ms main thread` : '') +
              (out.scroll ? `, scroll ${out.scroll.fps.toFixed(1)} fps, ${out.scroll.longTasks} long tasks` : '') +
              ` (${(runMs / 1000).toFixed(1)} s + scroll)`,
          );
        }
        if (cell.page === 'glossa')
          measured.push({
            notes: cell.notes,
            runMs: median(result.runs.map((r) => r.runMs)) ?? 0,
            scrollMs: result.scroll?.ms ?? scrollBoundMs,
          });
      } catch (err) {
        result.error = (err as Error).message.split('\n')[0];
        log(`reader bench: ${name} failed: ${result.error}`);
      }
    }
    for (const [k, c] of order.entries())
      if (!visited.has(k))
        skipped.push(`${c.page === 'static' ? 'static page' : `${c.notes.toLocaleString('en')} notes`} (the budget ran out)`);

    const medians: ReaderBenchResult['medians'] = {};
    for (const c of cells) {
      const key = c.page === 'static' ? 'static' : String(c.notes);
      const m = (f: (r: ReaderRun) => number | null) => median(nums(c.runs.map(f)));
      medians[key] = {
        fcpMs: m((r) => r.fcpMs),
        textShownMs: m((r) => r.textShownMs),
        notesShownMs: m((r) => r.notesShownMs),
        clickToFocusMs: m((r) => r.clickToFocusMs),
        heapMiB: m((r) => r.heapMiB),
        domNodes: m((r) => r.domNodes),
        elements: m((r) => r.elements),
        loadLongestTaskMs: m((r) => r.loadLongestTaskMs),
        remoteWallMs: m((r) => r.remoteWallMs),
        remoteMainThreadMs: m((r) => r.remoteMainThreadMs),
        remoteStyleMs: m((r) => r.remoteStyleMs),
        remoteLayoutMs: m((r) => r.remoteLayoutMs),
        remotePaintMs: m((r) => r.remotePaintMs),
      };
    }
    const big = cells.filter((c) => c.page === 'glossa' && c.runs.length).at(-1);
    const bm = big ? medians[String(big.notes)] : undefined;
    const at = big ? ` (${big.notes.toLocaleString('en')} notes)` : '';
    const target = (name: string, value: number | null | undefined, unit: string, limit: number, above = false) => ({
      name: name + at,
      value: value ?? null,
      unit,
      limit,
      met: value === null || value === undefined ? null : above ? value >= limit : value < limit,
    });
    const targets = [
      target('text, highlights and cards shown < 1500 ms', bm?.notesShownMs, 'ms', 1500),
      target('click on a highlight → focused card < 100 ms', bm?.clickToFocusMs, 'ms', 100),
      target('no task over 50 ms while scrolling', big?.scroll?.longTasks, 'long tasks', 1),
      target('≥ 50 fps while scrolling', big?.scroll?.fps, 'fps', 50, true),
      target('main-thread work to show one remote note < 16 ms', bm?.remoteMainThreadMs, 'ms', 16),
    ];
    return {
      text: { file: options.textPath, chars: text.length, paragraphs: page.paragraphs, documentId },
      viewport,
      budgetMs: options.budgetMs,
      durationMs: Date.now() - t0,
      noteWritesMs,
      cells,
      skipped,
      medians,
      targets,
    };
  } finally {
    client?.destroy();
    await browser?.close().catch(() => {});
    await statik?.close();
    await glossa.stop();
  }
}

/** Polls the annotations API until `expected` notes are stored. */
async function waitStored(url: string, documentId: string, expected: number, budget: Budget): Promise<void> {
  const until = Date.now() + budget.cap(180_000);
  for (;;) {
    const res = await fetch(`${url}/api/documents/${documentId}/annotations?limit=1`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { total: number };
    if (body.total >= expected) return;
    if (Date.now() > until) throw new Error(`only ${body.total}/${expected} notes stored in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface PageOptions {
  url: string;
  glossa: boolean;
  notes: number;
  scroll: number;
  budget: Budget;
  remote: ((id: string) => void) | null;
  dropRemote: (id: string) => void;
  remoteId: string;
}

async function newContext(browser: Browser, probe: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => localStorage.setItem('glossa.reader', JSON.stringify({ id: 'bench-reader', name: 'Bench Reader' })));
  // tsx keeps function names with a `__name` helper that the page lacks.
  await context.addInitScript('window.__name = (f) => f');
  await context.addInitScript(probe);
  return context;
}

/** One load of a page with everything measured on it. */
async function measurePage(browser: Browser, o: PageOptions): Promise<{ run: Omit<ReaderRun, 'runMs'>; scroll: ScrollResult | null }> {
  const withNotes = o.glossa && o.notes > 0;
  const probe = probeScript(
    o.glossa
      ? { text: '.reader-text .para', hl: withNotes ? '.reader-text .hl' : null, card: withNotes ? '.margin .note-card' : null }
      : { text: 'main p', hl: null, card: null },
  );
  const context = await newContext(browser, probe);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(o.url, { waitUntil: 'commit', timeout: o.budget.cap(60_000) });
    const b0 = await page.waitForFunction(
      (withNotes) => {
        const b = (
          window as unknown as {
            __bench: { fcp: number | null; text: number | null; notes: number | null; longTasks: Array<{ start: number; ms: number }> };
          }
        ).__bench;
        return b.text !== null && b.fcp !== null && (!withNotes || b.notes !== null) && JSON.parse(JSON.stringify(b));
      },
      withNotes,
      { polling: 100, timeout: o.budget.cap(120_000) },
    );
    const b = (await b0.jsonValue()) as {
      fcp: number | null;
      text: number;
      notes: number | null;
      longTasks: Array<{ start: number; ms: number }>;
    };
    // Let the page settle (late requests, the first layout of the margin) before reading memory.
    await page.waitForTimeout(1000);
    const loadedAt = withNotes ? b.notes! : b.text;
    const loadTasks = b.longTasks.filter((t) => t.start <= loadedAt);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const counters = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
    const counts = await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      highlights: document.querySelectorAll('.reader-text .hl').length,
      cards: document.querySelectorAll('.margin .note-card').length,
    }));

    let remote: RemoteResult | null = null;
    if (o.remote) remote = await remoteNote(browser, page, o);
    const clickToFocusMs = withNotes ? await clickToFocus(page, o.budget) : null;
    const scroll = o.scroll > 0 ? await scrollDown(page, Math.min(o.scroll, o.budget.cap(o.scroll) - 500)) : null;
    return {
      run: {
        fcpMs: b.fcp,
        // A frame can run before the first one is presented (a static page's first frames come mid-parse).
        textShownMs: Math.max(b.text, b.fcp ?? 0),
        notesShownMs: withNotes ? Math.max(b.notes!, b.fcp ?? 0) : null,
        loadLongTasks: loadTasks.length,
        loadLongestTaskMs: Math.max(0, ...loadTasks.map((t) => t.ms)),
        heapMiB: heap.usedSize / 1024 / 1024,
        domNodes: counters.nodes,
        ...counts,
        remoteWallMs: remote?.wallMs ?? null,
        remoteMainThreadMs: remote?.mainThreadMs ?? null,
        remoteTasks: remote?.tasks ?? null,
        remoteStyleMs: remote?.styleMs ?? null,
        remoteLayoutMs: remote?.layoutMs ?? null,
        remotePaintMs: remote?.paintMs ?? null,
        clickToFocusMs,
      },
      scroll,
    };
  } finally {
    await context.close();
  }
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

/**
 * Writes one note from the Node client and measures, in a Chromium trace, the renderer main thread's top-level
 * tasks from a mark set just before the write to a mark two frames after its highlight and card are in the DOM.
 */
/** The time covered by the union of `events` clipped to [from, to] (µs in, ms out), and how many took part. */
function unionMs(events: TraceEvent[], from: number, to: number): { ms: number; count: number } {
  // A union, so nested events (a run loop inside a task, a forced layout inside a script) are not counted twice.
  const spans = events
    .map((e) => [Math.max(e.ts, from), Math.min(e.ts + (e.dur ?? 0), to)] as const)
    .filter(([a, z]) => z > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [a, z] of spans) {
    if (z <= reach) continue;
    total += z - Math.max(a, reach);
    reach = z;
  }
  return { ms: total / 1000, count: spans.length };
}

interface RemoteResult {
  wallMs: number;
  mainThreadMs: number;
  tasks: number;
  styleMs: number;
  layoutMs: number;
  paintMs: number;
}

async function remoteNote(browser: Browser, page: Page, o: PageOptions): Promise<RemoteResult> {
  const id = o.remoteId;
  await browser.startTracing(page, {
    categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing', 'toplevel'],
  });
  try {
    await page.evaluate((id) => {
      const w = window as unknown as { __seen?: number; __remote?: Promise<number> };
      w.__seen = undefined;
      // A promise awaited once by the bench, not polled: polling would put its own tasks into the measured window.
      w.__remote = new Promise<number>((resolve) => {
        const mo = new MutationObserver(() => {
          if (w.__seen) return;
          if (
            document.querySelector(`.reader-text [data-annotation-id="${id}"]`) &&
            document.querySelector(`.margin .note-card[data-annotation-id="${id}"]`)
          ) {
            w.__seen = Date.now();
            mo.disconnect();
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                performance.mark('glossa-bench-remote-end');
                resolve(w.__seen!);
              }),
            );
          }
        });
        mo.observe(document.body, { childList: true, subtree: true });
      });
      performance.mark('glossa-bench-remote-start');
    }, id);
    const before = Date.now();
    o.remote!(id);
    const seen = await page.evaluate(
      (ms) =>
        Promise.race([
          (window as unknown as { __remote: Promise<number> }).__remote,
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the remote note was not shown in time')), ms)),
        ]),
      o.budget.cap(30_000),
    );
    const wallMs = seen - before;
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const mark = (name: string) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
    const start = mark('glossa-bench-remote-start');
    const end = mark('glossa-bench-remote-end');
    if (!start || !end) throw new Error('the trace lacks the bench marks');
    const onMain = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.dur !== undefined);
    let tasks = onMain.filter((e) => e.name === 'RunTask');
    if (!tasks.length) tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    const within = (names: string[]) =>
      unionMs(
        onMain.filter((e) => names.includes(e.name)),
        start.ts,
        end.ts,
      );
    const total = unionMs(tasks, start.ts, end.ts);
    const style = within(['UpdateLayoutTree', 'RecalculateStyles']);
    const layout = within(['Layout']);
    const paint = within(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit']);
    o.dropRemote(id);
    return {
      wallMs,
      mainThreadMs: total.ms,
      tasks: total.count,
      styleMs: style.ms,
      layoutMs: layout.ms,
      paintMs: paint.ms,
    };
  } catch (err) {
    await browser.stopTracing().catch(() => {});
    throw err;
  }
}

/** Clicks a highlight on screen (scrolling one into view if none is) and returns ms until the frame after its card is focused. */
async function clickToFocus(page: Page, budget: Budget): Promise<number> {
  const onScreen = () =>
    page.evaluate(() => {
      const spans = [...document.querySelectorAll<HTMLElement>('.reader-text .hl:not(.hl-focus)')];
      const span = spans.find((s) => {
        const r = s.getBoundingClientRect();
        return r.top > 100 && r.bottom < window.innerHeight - 100 && r.width > 10;
      });
      if (span) return true;
      spans[0]?.scrollIntoView({ block: 'center' });
      return false;
    });
  if (!(await onScreen())) {
    await page.waitForTimeout(1000); // the cards of the band around the new viewport
    if (!(await onScreen())) throw new Error('no highlight on screen');
  }
  const point = await page.evaluate(() => {
    const w = window as unknown as { __down?: number; __focused?: number };
    w.__down = undefined;
    w.__focused = undefined;
    const span = [...document.querySelectorAll<HTMLElement>('.reader-text .hl:not(.hl-focus)')].find((s) => {
      const r = s.getBoundingClientRect();
      return r.top > 100 && r.bottom < window.innerHeight - 100 && r.width > 10;
    })!;
    const r = span.getClientRects()[0];
    window.addEventListener('mousedown', (e) => (w.__down = e.timeStamp), { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (w.__down !== undefined && document.querySelector('.note-card.focused')) {
        mo.disconnect();
        // The frame that shows it: after its rAF callbacks, a task runs once it has been produced.
        requestAnimationFrame(() => setTimeout(() => (w.__focused = performance.now())));
      }
    });
    mo.observe(document.querySelector('.margin')!, { attributes: true, subtree: true, childList: true, attributeFilter: ['class'] });
    return { x: r.left + Math.min(4, r.width / 2), y: r.top + r.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
  const h = await page.waitForFunction(
    () => {
      const w = window as unknown as { __down?: number; __focused?: number };
      return w.__focused !== undefined && w.__down !== undefined && w.__focused - w.__down;
    },
    undefined,
    { polling: 50, timeout: budget.cap(30_000) },
  );
  return (await h.jsonValue()) as number;
}

/** Scrolls from the top to the bottom, 3,000 px a frame, for at most `boundMs`. */
async function scrollDown(page: Page, boundMs: number): Promise<ScrollResult> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  return page.evaluate(
    (boundMs) =>
      new Promise<ScrollResult>((resolve) => {
        let longTasks = 0;
        let longTasksMs = 0;
        let longestTaskMs = 0;
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            longTasks++;
            longTasksMs += e.duration;
            longestTaskMs = Math.max(longestTaskMs, e.duration);
          }
        });
        po.observe({ type: 'longtask', buffered: false });
        const start = performance.now();
        let last = start;
        let frames = 0;
        let slowFrames = 0;
        const step = () => {
          const now = performance.now();
          if (now - last > 50) slowFrames++;
          last = now;
          frames++;
          const end = document.documentElement.scrollHeight - window.innerHeight;
          if (window.scrollY >= end - 1 || now - start > boundMs) {
            // Long tasks are reported after they end; one more frame lets the last of them arrive.
            requestAnimationFrame(() => {
              po.disconnect();
              const ms = now - start;
              resolve({
                ms,
                frames,
                fps: (frames / ms) * 1000,
                slowFrames,
                longTasks,
                longestTaskMs,
                longTasksMs,
                reached: end > 0 ? Math.min(1, window.scrollY / end) : 1,
              });
            });
            return;
          }
          window.scrollBy(0, 3000);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    boundMs,
  );
}

const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** The side-by-side table: the static reference, then Glossa per note count, then Glossa ÷ static. */
export function formatReaderTable(r: ReaderBenchResult): string {
  const statik = r.cells.find((c) => c.page === 'static');
  const glossa = r.cells.filter((c) => c.page === 'glossa' && c.runs.length);
  const med = (c: ReaderCell | undefined) => (c ? r.medians[c.page === 'static' ? 'static' : String(c.notes)] : undefined);
  const head = ['metric', 'static', ...glossa.map((c) => `${c.notes.toLocaleString('en')} notes`), 'Glossa / static'];
  const rows: string[][] = [head];
  const row = (label: string, pick: (c: ReaderCell) => number | null | undefined, digits: number, ratio: boolean) => {
    const s = statik ? pick(statik) : null;
    const values = glossa.map(pick);
    const ratios =
      ratio && s ? values.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : (v / s).toFixed(1))).join(' / ') : '';
    rows.push([label, statik ? fmt(s, digits) : '-', ...values.map((v) => fmt(v, digits)), ratios]);
  };
  row('first contentful paint ms', (c) => med(c)?.fcpMs, 0, true);
  row('text shown ms', (c) => med(c)?.textShownMs, 0, true);
  row('highlights + cards shown ms', (c) => med(c)?.notesShownMs, 0, false);
  row('longest task while loading ms', (c) => med(c)?.loadLongestTaskMs, 0, false);
  row('click on highlight → focused card ms', (c) => med(c)?.clickToFocusMs, 0, false);
  row('JS heap after load MiB (after GC)', (c) => med(c)?.heapMiB, 1, true);
  row('DOM nodes after load', (c) => med(c)?.domNodes, 0, true);
  row('DOM elements after load', (c) => med(c)?.elements, 0, true);
  row('highlight elements', (c) => (c.page === 'static' ? null : median(c.runs.map((x) => x.highlights))), 0, false);
  row('cards in the margin', (c) => (c.page === 'static' ? null : median(c.runs.map((x) => x.cards))), 0, false);
  row('scroll top→bottom: fps', (c) => c.scroll?.fps, 1, true);
  row('scroll: frames over 50 ms', (c) => c.scroll?.slowFrames, 0, false);
  row('scroll: long tasks', (c) => c.scroll?.longTasks, 0, false);
  row('scroll: longest task ms', (c) => c.scroll?.longestTaskMs, 0, false);
  row('scroll: time ms (share of page)', (c) => c.scroll?.ms, 0, false);
  rows
    .at(-1)!
    .splice(
      1,
      rows.at(-1)!.length - 2,
      ...[statik, ...glossa].map((c) => (c?.scroll ? `${c.scroll.ms.toFixed(0)} (${Math.round(c.scroll.reached * 100)}%)` : '-')),
    );
  row('remote note: main-thread ms', (c) => med(c)?.remoteMainThreadMs, 1, false);
  row('  of which style recalc ms', (c) => med(c)?.remoteStyleMs, 1, false);
  row('  of which layout ms', (c) => med(c)?.remoteLayoutMs, 1, false);
  row('  of which paint/commit ms', (c) => med(c)?.remotePaintMs, 1, false);
  row('remote note: wall ms until shown', (c) => med(c)?.remoteWallMs, 0, false);
  row('runs (load / scroll)', (c) => c.runs.length, 0, false);
  rows.at(-1)!.splice(1, rows.at(-1)!.length - 2, ...[statik, ...glossa].map((c) => (c ? `${c.runs.length} / ${c.scroll ? 1 : 0}` : '-')));
  const widths = head.map((_, c) => Math.max(...rows.map((x) => (x[c] ?? '').length)));
  const lines = rows.map((x, i) => {
    const line = x.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
  });
  for (const c of r.cells.filter((x) => x.error))
    lines.push(`${c.page === 'static' ? 'static page' : `${c.notes.toLocaleString('en')} notes`}: failed: ${c.error}`);
  if (r.skipped.length) lines.push(`Skipped to stay within ${r.budgetMs / 1000} s: ${r.skipped.join('; ')}`);
  for (const t of r.targets)
    lines.push(
      `Target ${t.name}: ${t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met'}` +
        (t.value === null ? '' : ` (${t.value.toFixed(t.unit === 'long tasks' || t.value >= 100 ? 0 : 1)} ${t.unit})`),
    );
  return lines.join('\n');
}
