/**
 * Presence at book-club scale (issue 11): 50 readers in one room of War and Peace, each saying where it reads through
 * the reader's own presence channel (lib/presence/presence-channel.ts, paced under the room's awareness rate).
 *
 * 1. Throughput: every reader scrolls (a new reading position every 100 ms) for a few seconds: awareness changes sent
 *    and received per second and the server's CPU, for Glossa (which parses and gates every state) and for the stock
 *    y-websocket server relaying the same awareness (the reference), in the same run.
 * 2. Leader → follower: one reader moves every 200 ms while the other 48 keep scrolling at 2 Hz; the time from the
 *    leader's `set` to the follower seeing that position (p50/p99), on both servers; and the same for a leader
 *    scrolling every frame (16 ms), where the pacer holds the leader to its rate: the follower's lag behind the leader.
 * 3. In headless Chromium, a reader's page on Glossa with the 50 readers moving around it: long tasks over 50 ms
 *    (PerformanceObserver) and frame times while their avatars are redrawn, against the same page with nobody moving;
 *    and the page following a reader: the leader's `set` to the page's first scroll event (p50/p99).
 *
 * Bounded: every phase has a fixed duration, and the whole bench stops by itself.
 */
import { readFileSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PresenceChannel, sendOwnPresenceOnly } from '../lib/presence/presence-channel.ts';
import { tokenForReader } from '../tests/helpers/account-fixture.ts';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { serverDatabases } from '../tests/helpers/server-process.ts';
import { cpuMs } from './proc.ts';
import { type BenchServer, startGlossa, startStock } from './servers.ts';
import { type Summary, summarize } from './stats.ts';

export interface PresenceBenchOptions {
  textPath: string;
  readers?: number;
  onServer?(server: BenchServer): void;
  log?(line: string): void;
}

export interface ServerPresenceResult {
  server: 'glossa' | 'stock';
  /** Glossa's presence channel, or stock providers that re-send every presence change they apply. */
  clients: string;
  readers: number;
  /** Reading positions the readers set, per second (what scrolling asked for). */
  setPerSecond: number;
  /** Awareness changes the readers sent, per second (after the pacer). */
  sentPerSecond: number;
  /** Awareness updates the readers received, per second (the fan-out). */
  receivedPerSecond: number;
  /** Server CPU while everyone scrolled, as a share of one core. */
  serverCpuShare: number | null;
  /** Leader moves every 200 ms → follower sees it, ms. */
  followMs: Summary;
  /** Leader moves every frame → how far behind the follower's view of it is, ms. */
  lagMs: Summary;
}

export interface BrowserPresenceResult {
  /** Long tasks over 50 ms in the page while 50 avatars moved, and with nobody moving. */
  longTasksMoving: number;
  longTasksIdle: number;
  longestTaskMs: number;
  /** Frame times (rAF to rAF), ms. */
  framesMoving: Summary;
  framesIdle: Summary;
  /** Leader's `set` → the following page's first scroll event, ms. */
  followScrollMs: Summary;
}

export interface PresenceBenchResult {
  text: { chars: number };
  servers: ServerPresenceResult[];
  browser: BrowserPresenceResult | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SimReader {
  doc: Y.Doc;
  provider: WebsocketProvider;
  channel: PresenceChannel;
  received: number;
  /** Awareness messages this reader sent (its own state). */
  sent: number;
  destroy(): void;
}

function colorOf(i: number): string {
  return `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(-6)}`;
}

/** Joins `n` readers; `tokenOf(i)` signs reader i in (Glossa names its presence after the account), or null. */
async function joinReaders(
  wsBase: string,
  room: string,
  n: number,
  tokenOf: (i: number) => string | null = () => null,
  echo = false,
): Promise<SimReader[]> {
  const readers: SimReader[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsBase, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: tokenOf(i) ? { token: tokenOf(i)! } : {},
    });
    // As the reader's room client does (lib/collab/room-client.ts): no echo of the others' presence.
    if (!echo) sendOwnPresenceOnly(provider);
    const channel = new PresenceChannel(provider.awareness, { id: `bench-reader-${i}`, name: `Reader ${i}`, color: colorOf(i) });
    const r: SimReader = {
      doc,
      provider,
      channel,
      received: 0,
      sent: 0,
      destroy() {
        channel.destroy();
        provider.destroy();
        doc.destroy();
      },
    };
    provider.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === 'local') r.sent++;
      else r.received++;
    });
    readers.push(r);
  }
  const deadline = Date.now() + 20_000;
  while (readers.some((r) => !r.provider.synced)) {
    if (Date.now() > deadline) throw new Error('readers did not sync in 20 s');
    await sleep(50);
  }
  return readers;
}

/** Everyone scrolls: a new reading position every `everyMs` for `ms`, from a spread of starting points. */
function scrollAll(readers: SimReader[], textLength: number, everyMs: number, ms: number, skip = new Set<number>()): Promise<number> {
  let sent = 0;
  const positions = readers.map((_, i) => Math.floor((textLength / readers.length) * i));
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      readers.forEach((r, i) => {
        if (skip.has(i)) return;
        positions[i] = (positions[i]! + 40 + ((i * 7) % 50)) % textLength;
        r.channel.set({ reading: positions[i] });
        sent++;
      });
    }, everyMs);
    setTimeout(() => {
      clearInterval(timer);
      resolve(sent);
    }, ms);
  });
}

async function runServer(
  server: BenchServer,
  room: string,
  textLength: number,
  n: number,
  tokenOf: (i: number) => string | null,
  log: (l: string) => void,
  echo = false,
): Promise<ServerPresenceResult> {
  const readers = await joinReaders(server.wsBase, room, n, tokenOf, echo);
  try {
    await sleep(500);
    // 1. Throughput.
    const before = readers.reduce((s, r) => s + r.received, 0);
    const sentBefore = readers.reduce((s, r) => s + r.sent, 0);
    const cpu0 = cpuMs(server.pid);
    const t0 = performance.now();
    const calls = await scrollAll(readers, textLength, 100, 5_000);
    await sleep(300);
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuMs(server.pid);
    const received = readers.reduce((s, r) => s + r.received, 0) - before;
    const sent = readers.reduce((s, r) => s + r.sent, 0) - sentBefore;
    log(
      `presence bench: ${server.name}: ${calls} positions set, ${sent} states sent (paced), ${received} awareness updates received in ${seconds.toFixed(1)} s`,
    );

    if (echo)
      return {
        server: server.name,
        clients: 'stock y-websocket (echoing)',
        readers: n,
        setPerSecond: calls / seconds,
        sentPerSecond: sent / seconds,
        receivedPerSecond: received / seconds,
        serverCpuShare: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / 1000 / seconds : null,
        followMs: summarize([]),
        lagMs: summarize([]),
      };
    // 2. Leader → follower, with the others scrolling at 2 Hz. Glossa names readers itself (anonymous ids); the
    //    stock server passes the client's id on. Either way the leader is the only one whose positions are odd.
    const [leader, follower] = [readers[0]!, readers[1]!];
    const arrivals = new Map<number, number>();
    follower.provider.awareness.on('change', () => {
      const s = follower.provider.awareness.getStates().get(leader.doc.clientID) as { reading?: number } | undefined;
      if (typeof s?.reading === 'number' && !arrivals.has(s.reading)) arrivals.set(s.reading, performance.now());
    });
    const background = scrollAll(readers, textLength, 500, 9_000, new Set([0, 1]));
    const sentAt = new Map<number, number>();
    let pos = 1_000_001;
    for (let k = 0; k < 20; k++) {
      pos += 2;
      sentAt.set(pos, performance.now());
      leader.channel.set({ reading: pos });
      await sleep(200);
    }
    await sleep(300);
    const followMs = [...sentAt].filter(([p]) => arrivals.has(p)).map(([p, t]) => arrivals.get(p)! - t);
    // Every frame for 3 s: the follower's lag is, at each of its arrivals, how long ago the leader set that value.
    const frameSent = new Map<number, number>();
    const end = performance.now() + 3_000;
    pos = 2_000_001;
    while (performance.now() < end) {
      pos += 2;
      frameSent.set(pos, performance.now());
      leader.channel.set({ reading: pos });
      await sleep(16);
    }
    await sleep(500);
    await background;
    // The lag of the follower's view at each moment the leader moved: the time until a value at least that new arrived.
    const arrivedFrame = [...arrivals].filter(([p]) => p > 2_000_000).sort((a, b) => a[0] - b[0]);
    const lagMs: number[] = [];
    for (const [p, t] of frameSent) {
      const next = arrivedFrame.find(([q]) => q >= p);
      if (next) lagMs.push(next[1] - t);
    }
    return {
      server: server.name,
      clients: 'Glossa',
      readers: n,
      setPerSecond: calls / seconds,
      sentPerSecond: sent / seconds,
      receivedPerSecond: received / seconds,
      serverCpuShare: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / 1000 / seconds : null,
      followMs: summarize(followMs),
      lagMs: summarize(lagMs),
    };
  } finally {
    for (const r of readers) r.destroy();
    await sleep(300);
  }
}

async function runBrowser(
  url: string,
  wsBase: string,
  documentId: string,
  textLength: number,
  n: number,
  tokenOf: (i: number) => string | null,
  log: (l: string) => void,
) {
  let browser: Browser | null = null;
  const readers = await joinReaders(wsBase, documentId, n, tokenOf);
  try {
    browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // tsx keeps function names with a `__name` helper that the page lacks.
    await context.addInitScript('window.__name = (f) => f');
    const page = await context.newPage();
    await page.goto(`${url}/d/${documentId}`);
    await page.getByTestId('room-status').filter({ hasText: 'Live' }).waitFor({ timeout: 60_000 });
    // The page reads a passage in the middle of the novel; the readers move around it.
    const middle = Math.floor(textLength / 2);
    const measure = async (moving: boolean) => {
      await page.evaluate(() => {
        const w = window as unknown as { __bench: { long: number[]; frames: number[]; stop: boolean } };
        w.__bench = { long: [], frames: [], stop: false };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__bench.long.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
        let last = performance.now();
        const tick = (t: number) => {
          w.__bench.frames.push(t - last);
          last = t;
          if (!w.__bench.stop) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      if (moving) {
        // Each reader wanders over ~60 paragraphs around the page's passage (many avatars on screen), 5 moves a second.
        const base = middle;
        const positions = readers.map((_, i) => base + i * 300);
        const timer = setInterval(() => {
          readers.forEach((r, i) => {
            positions[i] = base + ((positions[i]! - base + 97 + i * 13) % 30_000);
            r.channel.set({ reading: positions[i] });
          });
        }, 200);
        await sleep(8_000);
        clearInterval(timer);
      } else await sleep(8_000);
      return page.evaluate(() => {
        const w = window as unknown as { __bench: { long: number[]; frames: number[]; stop: boolean } };
        w.__bench.stop = true;
        return { long: w.__bench.long, frames: w.__bench.frames.slice(2), stacks: document.querySelectorAll('.presence-stack').length };
      });
    };
    // Put the page in the middle first, so its passage is where the readers are.
    await scrollPageToOffset(page, middle);
    const idle = await measure(false);
    const moving = await measure(true);
    log(
      `presence bench: ${moving.stacks} avatar stacks drawn at the end; long tasks ${moving.long.length} moving, ${idle.long.length} idle`,
    );

    // Following: the page follows reader 0 and the leader jumps around; time to the page's first scroll event.
    const leader = readers[0]!;
    leader.channel.set({ reading: middle + 50 });
    await sleep(500);
    await page.locator('.reader-text [aria-label^="Follow Reader 0"]').first().click({ timeout: 10_000 });
    await page.getByTestId('follow-bar').waitFor({ timeout: 10_000 });
    const followScroll: number[] = [];
    for (let k = 0; k < 15; k++) {
      await page.evaluate(() => {
        const w = window as unknown as { __scrolledAt: number | null };
        w.__scrolledAt = null;
        window.addEventListener('scroll', () => (w.__scrolledAt ??= Date.now()), { once: true, passive: true });
      });
      const t0 = Date.now();
      // Alternately near (a smooth scroll) and a chapter away (a jump).
      leader.channel.set({ reading: k % 2 === 0 ? middle + 3_000 + k * 500 : middle - 200_000 + k * 1_000 });
      const deadline = Date.now() + 3_000;
      let at: number | null = null;
      while (at === null && Date.now() < deadline) {
        await sleep(5);
        at = await page.evaluate(() => (window as unknown as { __scrolledAt: number | null }).__scrolledAt);
      }
      if (at !== null) followScroll.push(at - t0);
      await sleep(400);
    }
    return {
      longTasksMoving: moving.long.filter((d) => d > 50).length,
      longTasksIdle: idle.long.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...moving.long),
      framesMoving: summarize(moving.frames),
      framesIdle: summarize(idle.frames),
      followScrollMs: summarize(followScroll),
    } satisfies BrowserPresenceResult;
  } finally {
    for (const r of readers) r.destroy();
    await browser?.close();
  }
}

/** Scrolls the page so text offset `offset` is near the top third (by its paragraph, through the reader's own DOM). */
async function scrollPageToOffset(page: import('@playwright/test').Page, offset: number): Promise<void> {
  await page.evaluate(async (target) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // Paragraph ids run through the text; find the one whose text starts nearest the offset by walking sections.
    const paras = [...document.querySelectorAll('.reader-text .para')];
    const share = target / Math.max(1, document.querySelector('.reader-text')!.textContent!.length);
    const el = paras[Math.floor(share * paras.length)] ?? paras[0]!;
    for (let i = 0; i < 10; i++) {
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
      await frame();
      await frame();
    }
  }, offset);
}

export async function runPresenceBench(o: PresenceBenchOptions): Promise<PresenceBenchResult> {
  const log = o.log ?? (() => {});
  const n = o.readers ?? 50;
  const text = readFileSync(o.textPath, 'utf8');
  const glossa = await startGlossa();
  o.onServer?.(glossa);
  let stock: BenchServer | null = null;
  try {
    stock = await startStock();
    o.onServer?.(stock);
    const res = await fetch(`${glossa.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'War and Peace (presence bench)', text }),
      signal: AbortSignal.timeout(120_000),
    });
    if (res.status !== 201) throw new Error(`import answered ${res.status}`);
    const documentId = ((await res.json()) as { id: string }).id;
    const canonical = await (await fetch(`${glossa.url}/api/documents/${documentId}/text`)).text();
    // Glossa's readers sign in (fixture accounts and tokens written into its database), so presence carries names.
    const wsUrl = glossa.url.replace(/^http/, 'ws');
    serverDatabases.set(wsUrl, { dbPath: glossa.dbPath, writable: true });
    const tokens = Array.from({ length: n }, (_, i) => tokenForReader(wsUrl, { id: `bench-reader-${i}`, name: `Reader ${i}` }));
    const glossaToken = (i: number) => tokens[i] ?? null;
    const servers: ServerPresenceResult[] = [];
    for (const server of [glossa, stock])
      servers.push(await runServer(server, documentId, canonical.length, n, server === glossa ? glossaToken : () => null, log));
    // What the echo of stock providers (every reader re-sending every presence change it applies) costs Glossa.
    servers.push(await runServer(glossa, documentId, canonical.length, n, glossaToken, log, true));
    let browserResult: BrowserPresenceResult | null = null;
    try {
      browserResult = await runBrowser(glossa.url, glossa.wsBase, documentId, canonical.length, n, glossaToken, log);
    } catch (err) {
      log(`presence bench: the browser part failed: ${(err as Error).stack ?? err}`);
    }
    return { text: { chars: canonical.length }, servers, browser: browserResult };
  } finally {
    await stock?.stop();
    await glossa.stop();
  }
}

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

/** The bench's tables. */
export function formatPresence(r: PresenceBenchResult): string {
  const lines = [
    `Presence: ${r.servers[0]?.readers ?? 50} readers in one room of War and Peace (${r.text.chars.toLocaleString('en')} characters)`,
    '| server | clients | positions set/s | states sent/s (paced) | updates/s received (all readers) | server CPU (share of a core) | leader → follower p50 / p99 (ms) | frame-scroll lag p50 / p99 (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.servers.map(
      (s) =>
        `| ${s.server} | ${s.clients} | ${f(s.setPerSecond)} | ${f(s.sentPerSecond)} | ${f(s.receivedPerSecond)} | ${s.serverCpuShare === null ? '—' : s.serverCpuShare.toFixed(2)} | ${f(s.followMs.p50)} / ${f(s.followMs.p99)} (n=${s.followMs.count}) | ${f(s.lagMs.p50)} / ${f(s.lagMs.p99)} |`,
    ),
  ];
  if (r.browser) {
    const b = r.browser;
    lines.push(
      '',
      '| in Chromium, Glossa | 50 readers moving (5 Hz each) | nobody moving |',
      '| --- | --- | --- |',
      `| long tasks > 50 ms | ${b.longTasksMoving} (longest ${f(b.longestTaskMs)} ms) | ${b.longTasksIdle} |`,
      `| frame time p50 / p99 (ms) | ${f(b.framesMoving.p50)} / ${f(b.framesMoving.p99)} | ${f(b.framesIdle.p50)} / ${f(b.framesIdle.p99)} |`,
      `| leader's set → following page scrolls, p50 / p99 (ms) | ${f(b.followScrollMs.p50)} / ${f(b.followScrollMs.p99)} (n=${b.followScrollMs.count}) | |`,
    );
  }
  return lines.join('\n');
}
