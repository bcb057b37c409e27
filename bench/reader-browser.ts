/**
 * Reader bench in headless Chromium: the story with N notes (default 2,000) written into its room by a stock
 * y-websocket client before the page opens. Prints, per run and as medians: the time until the first margin card
 * and highlight are shown (from navigation start, read in a frame callback, so a frozen main thread counts), the
 * time for a remote note written by the Node client to show its highlight (on screen), and the time from a click on a highlight to
 * its card being focused. Needs a Next build (`npx next build`).
 *
 *   node --import tsx bench/reader-browser.ts [--notes 2000] [--runs 3] [--profile] [--text novel.txt]
 *
 * `--text` imports that text and puts the notes on it instead of the story.
 *
 * With `--scroll <file.txt>` it imports that text instead and scrolls its reader top to bottom (no notes), once as
 * served and once with `content-visibility: auto` put back on every paragraph, printing frames per second, frames
 * over 50 ms and long tasks: the measurement behind taking content-visibility off the paragraphs.
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { buildPassageAnnotation } from '../lib/annotations/build-annotation.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { fetchText, storyId } from '../tests/helpers/annotations.ts';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { destroyAllClients, joinRoom, waitFor } from '../tests/helpers/room-clients.ts';
import { startServer, tempDbPath } from '../tests/helpers/server-process.ts';

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string' },
    runs: { type: 'string' },
    profile: { type: 'boolean' },
    scroll: { type: 'string' },
    text: { type: 'string' },
  },
});
const noteCount = Number(args.notes ?? 2000);
const runs = Number(args.runs ?? 3);
const writer = { id: 'bench-writer', name: 'Bench Writer' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A passage of `length` characters starting at a word of `text` near `at`. */
function rangeNear(text: string, at: number, length: number) {
  let start = at;
  while (start < text.length && /\s/.test(text[start])) start++;
  let end = Math.min(text.length, start + length);
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

async function main() {
  if (args.scroll) return scrollBench(args.scroll);
  const { dbPath, cleanup } = tempDbPath();
  const server = await startServer({ dbPath, env: { GLOSSA_NOTES_PER_MINUTE: '1000000' } });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  try {
    let documentId = storyId;
    if (args.text) {
      const { readFileSync } = await import('node:fs');
      const res = await fetch(`${server.url}/api/documents?title=Notes%20bench`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: readFileSync(args.text, 'utf8'),
      });
      documentId = ((await res.json()) as { id: string }).id;
    }
    const label = args.text ? documentId : 'story';
    const text = await fetchText(server.url, documentId);
    const client = await joinRoom(server.wsUrl, documentId, writer);
    // Notes spread evenly over the text, never crossing a paragraph break.
    const notes: PassageAnnotation[] = [];
    for (let i = 0; i < noteCount; i++) {
      let range = rangeNear(text, Math.floor(((i + 0.5) / noteCount) * (text.length - 80)), 20 + (i % 5) * 10);
      const nl = text.slice(range.start, range.end).indexOf('\n');
      if (nl > 0) range = { start: range.start, end: range.start + nl };
      if (range.end - range.start < 2 || !text.slice(range.start, range.end).trim()) continue;
      notes.push(
        buildPassageAnnotation({
          id: `bench-${i}`,
          documentId,
          creator: writer,
          text,
          range,
          comment: `Bench note ${i}: a line worth a second look.`,
          tags: [],
          now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        }),
      );
    }
    for (let i = 0; i < notes.length; i += 200)
      client.doc.transact(() => {
        for (const n of notes.slice(i, i + 200)) client.annotations.set(n.id, n);
      });
    await waitFor(
      async () => {
        const res = await fetch(`${server.url}/api/documents/${documentId}/annotations`);
        const body = (await res.json()) as { total: number };
        return body.total >= notes.length;
      },
      120_000,
      'the bench notes to be stored',
    );
    console.log(`${notes.length} notes stored in the room`);

    const shown: number[] = [];
    const remote: number[] = [];
    const clicks: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await context.addInitScript(() =>
        localStorage.setItem('glossa.reader', JSON.stringify({ id: 'bench-reader', name: 'Bench Reader' })),
      );
      const page = await context.newPage();
      const cdp = args.profile ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(`${server.url}/d/${documentId}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => document.querySelector('.margin .note-card') && document.querySelector('.reader-text .hl') && performance.now(),
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      shown.push((await handle.jsonValue()) as number);
      if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);

      // A remote note on a passage near the top (on screen), from the Node client.
      // On the first note's passage: near the top of the text, on screen.
      const at = notes[0]!.target.selector[1].start;
      const id = `bench-remote-${run}`;
      await page.evaluate((id) => {
        const w = window as unknown as { __seen?: number };
        const mo = new MutationObserver(() => {
          // Its highlight in the text (on screen); its card is drawn in the same frame when it is near the viewport.
          if (!w.__seen && document.querySelector(`.reader-text [data-annotation-id="${id}"]`)) w.__seen = Date.now();
        });
        mo.observe(document.body, { childList: true, subtree: true });
      }, id);
      const before = Date.now();
      client.annotations.set(
        id,
        buildPassageAnnotation({
          id,
          documentId,
          creator: writer,
          text,
          range: { start: at, end: notes[0]!.target.selector[1].end },
          comment: 'Remote bench note',
          tags: [],
          now: new Date(),
        }),
      );
      const seen = await page.waitForFunction(() => (window as unknown as { __seen?: number }).__seen, undefined, {
        polling: 100,
        timeout: 60_000,
      });
      remote.push(((await seen.jsonValue()) as number) - before);

      clicks.push(await clickToFocus(page));
      await context.close();
      console.log(
        `run ${run + 1}: cards shown ${shown.at(-1)!.toFixed(0)} ms, remote note ${remote.at(-1)} ms, click→focused card ${clicks.at(-1)!.toFixed(0)} ms`,
      );
      client.annotations.delete(id);
    }
    console.log(
      `medians of ${runs} (${label}, ${notes.length} notes): cards shown ${median(shown).toFixed(0)} ms; remote note ${median(remote)} ms; click→focused card ${median(clicks).toFixed(0)} ms`,
    );
  } finally {
    destroyAllClients();
    await browser.close();
    await server.stop();
    cleanup();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** Prints the 25 functions with the most self time in a CPU profile (`--profile`: the load until cards show). */
function printProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const f = byId.get(samples[i]!)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  }
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
}

/** Clicks a highlight on screen (one not focused) and returns the ms until a card gets the `focused` class. */
async function clickToFocus(page: Page): Promise<number> {
  const point = await page.evaluate(() => {
    const w = window as unknown as { __down?: number; __focused?: number };
    w.__down = undefined;
    w.__focused = undefined;
    const spans = [...document.querySelectorAll<HTMLElement>('.reader-text .hl:not(.hl-focus)')];
    const span = spans.find((s) => {
      const r = s.getBoundingClientRect();
      return r.top > 100 && r.bottom < window.innerHeight - 100 && r.width > 10;
    });
    if (!span) throw new Error('no highlight on screen');
    const r = span.getClientRects()[0];
    window.addEventListener('mousedown', () => (w.__down = performance.now()), { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (w.__down !== undefined && !w.__focused && document.querySelector('.note-card.focused')) {
        w.__focused = performance.now();
        mo.disconnect();
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
    { polling: 50, timeout: 60_000 },
  );
  return (await h.jsonValue()) as number;
}

/** Imports `file` and scrolls its reader top to bottom, with and without content-visibility on paragraphs. */
async function scrollBench(file: string) {
  const { readFileSync } = await import('node:fs');
  const { dbPath, cleanup } = tempDbPath();
  const server = await startServer({ dbPath });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  try {
    const res = await fetch(`${server.url}/api/documents?title=Scroll%20bench`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: readFileSync(file, 'utf8'),
    });
    const { id } = (await res.json()) as { id: string };
    for (const variant of ['as served', 'content-visibility: auto on paragraphs']) {
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        await context.addInitScript(() =>
          localStorage.setItem('glossa.reader', JSON.stringify({ id: 'bench-reader', name: 'Bench Reader' })),
        );
        // tsx keeps function names with a `__name` helper that the page lacks.
        await context.addInitScript('window.__name = (f) => f');
        const page = await context.newPage();
        await page.goto(`${server.url}/d/${id}`, { waitUntil: 'commit' });
        const shown = await page.waitForFunction(() => document.querySelector('.reader-text .para') && performance.now(), undefined, {
          polling: 'raf',
          timeout: 120_000,
        });
        const textShown = (await shown.jsonValue()) as number;
        if (variant !== 'as served')
          await page.addStyleTag({ content: '.reader-text .para { content-visibility: auto; contain-intrinsic-size: auto 7em; }' });
        await page.waitForTimeout(1000);
        const r = await page.evaluate(
          () =>
            new Promise<{ frames: number; ms: number; slowFrames: number; longTasks: number; longMs: number }>((resolve) => {
              let longTasks = 0;
              let longMs = 0;
              const po = new PerformanceObserver((list) => {
                for (const e of list.getEntries()) {
                  longTasks++;
                  longMs += e.duration;
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
                if (window.scrollY >= end - 1 || now - start > 60_000) {
                  po.disconnect();
                  resolve({ frames, ms: now - start, slowFrames, longTasks, longMs });
                  return;
                }
                window.scrollBy(0, 3000);
                requestAnimationFrame(step);
              };
              requestAnimationFrame(step);
            }),
        );
        console.log(
          `${variant}, run ${run + 1}: text shown ${textShown.toFixed(0)} ms; scroll top→bottom ${r.ms.toFixed(0)} ms, ${((r.frames / r.ms) * 1000).toFixed(1)} fps, ${r.slowFrames} frames over 50 ms, ${r.longTasks} long tasks (${r.longMs.toFixed(0)} ms)`,
        );
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    cleanup();
  }
}

await main();
