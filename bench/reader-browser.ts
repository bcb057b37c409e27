/**
 * Reader bench in headless Chromium: the story with N notes (default 2,000) written into its room by a stock
 * y-websocket client before the page opens. Prints, per run and as medians: the time until the first margin card
 * and highlight are shown (from navigation start, read in a frame callback, so a frozen main thread counts), the
 * time for a remote note written by the Node client to show its card, and the time from a click on a highlight to
 * its card being focused. Needs a Next build (`npx next build`).
 *
 *   node --import tsx bench/reader-browser.ts [--notes 2000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { buildPassageAnnotation } from '../lib/annotations/build-annotation.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { fetchText, storyId } from '../tests/helpers/annotations.ts';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { destroyAllClients, joinRoom, waitFor } from '../tests/helpers/room-clients.ts';
import { startServer, tempDbPath } from '../tests/helpers/server-process.ts';

const { values: args } = parseArgs({ options: { notes: { type: 'string' }, runs: { type: 'string' } } });
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
  const { dbPath, cleanup } = tempDbPath();
  const server = await startServer({ dbPath, env: { GLOSSA_NOTES_PER_MINUTE: '1000000' } });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  try {
    const text = await fetchText(server.url);
    const client = await joinRoom(server.wsUrl, storyId, writer);
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
          documentId: storyId,
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
    await waitFor(async () => {
      const res = await fetch(`${server.url}/api/documents/${storyId}/annotations`);
      const body = (await res.json()) as { total: number };
      return body.total >= notes.length;
    }, 120_000, 'the bench notes to be stored');
    console.log(`${notes.length} notes stored in the room`);

    const shown: number[] = [];
    const remote: number[] = [];
    const clicks: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await context.addInitScript(() => localStorage.setItem('glossa.reader', JSON.stringify({ id: 'bench-reader', name: 'Bench Reader' })));
      const page = await context.newPage();
      await page.goto(`${server.url}/d/${storyId}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => document.querySelector('.margin .note-card') && document.querySelector('.reader-text .hl') && performance.now(),
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      shown.push((await handle.jsonValue()) as number);

      // A remote note on a passage near the top (on screen), from the Node client.
      const at = text.indexOf('Spike sat inside the mausoleum');
      const id = `bench-remote-${run}`;
      await page.evaluate((id) => {
        const w = window as unknown as { __seen?: number };
        const mo = new MutationObserver(() => {
          if (!w.__seen && document.querySelector(`.margin [data-annotation-id="${id}"]`)) w.__seen = Date.now();
        });
        mo.observe(document.body, { childList: true, subtree: true });
      }, id);
      const before = Date.now();
      client.annotations.set(
        id,
        buildPassageAnnotation({ id, documentId: storyId, creator: writer, text, range: { start: at, end: at + 30 }, comment: 'Remote bench note', tags: [], now: new Date() }),
      );
      const seen = await page.waitForFunction(() => (window as unknown as { __seen?: number }).__seen, undefined, { polling: 100, timeout: 60_000 });
      remote.push(((await seen.jsonValue()) as number) - before);

      clicks.push(await clickToFocus(page));
      await context.close();
      console.log(`run ${run + 1}: cards shown ${shown.at(-1)!.toFixed(0)} ms, remote note ${remote.at(-1)} ms, click→focused card ${clicks.at(-1)!.toFixed(0)} ms`);
      client.annotations.delete(id);
    }
    console.log(
      `medians of ${runs} (story, ${notes.length} notes): cards shown ${median(shown).toFixed(0)} ms; remote note ${median(remote)} ms; click→focused card ${median(clicks).toFixed(0)} ms`,
    );
  } finally {
    destroyAllClients();
    await browser.close();
    await server.stop();
    cleanup();
  }
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

await main();
