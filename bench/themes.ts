/**
 * The theme vocabulary at scale (issue 9's benchmark): War and Peace with 10,000 notes over 10 themes, 2,000 of
 * them carrying "guilt".
 * - In Node, side by side with a bare reference loop in the same run: applying a theme filter (`matchesFilter`
 *   against a loop that only compares tagging bodies), the theme map (`themeDensity`) and the co-occurrence table
 *   (`coOccurrences`). These are the pure functions the reader runs on every change; Node's V8 is Chromium's.
 * - End to end on the real server: renaming "guilt" (a label change, one tags entry) and merging it into "remorse"
 *   (2,000 notes rewritten by the server in one durable change), each timed from the request until a second
 *   reader's doc shows all of it.
 * - In Chromium on the reader with every note: a click on a theme in the filter panel until the frame that shows the
 *   filtered highlights, cards and map, against opening the keyboard help in the same page (input to frame of a
 *   small change). With GLOSSA_PROFILE=1 the page's CPU profile over those clicks is printed (self time by function).
 * - Joining the room with every note, plain and reading blind (the server rewrites every note into a placeholder).
 * Bounded: one server, one document, medians of 5 (pure, browser), 3 (joins) and 1 (end to end, each a different theme).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { performance } from 'node:perf_hooks';
import { tagsOf } from '../lib/annotations/build-annotation.ts';
import { matchesFilter, noFilter } from '../lib/annotations/note-filter.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { coOccurrences, themeDensity } from '../lib/tags/theme-map.ts';
import { ensurePasswordAccount, tokenForReader } from '../tests/helpers/account-fixture.ts';
import { destroyAllClients, joinRoom, waitFor } from '../tests/helpers/room-clients.ts';
import { noteFactory } from './notes.ts';
import { startGlossa } from './servers.ts';
import { median, timeMedianSync } from './stats.ts';

const themes = ['guilt', 'exclusion', 'the chip', 'loneliness', 'regret', 'memory', 'time', 'war', 'love', 'faith'];

export interface ThemesResult {
  notes: number;
  pure: Array<{ metric: string; glossaMs: number; referenceMs: number | null; reference: string }>;
  endToEnd: Array<{ metric: string; ms: number; notesChanged: number }>;
  /** In Chromium, on the reader with every note: input until the next frame that shows the result, median of 5. */
  browser: Array<{ metric: string; glossaMs: number; referenceMs: number; reference: string }>;
  /** A reader joining the room with every note: plain, and reading blind (every note withheld), medians of 3. */
  blindSync: { plainMs: number; blindMs: number };
}

/** The i-th bench note's themes: every fifth note has guilt (2,000 of 10,000), each also one or two others. */
function themesOf(i: number): string[] {
  const own = themes[1 + (i % (themes.length - 1))];
  return i % 5 === 0 ? ['guilt', own] : i % 2 === 0 ? [own, themes[1 + ((i + 3) % (themes.length - 1))]] : [own];
}

export async function runThemesBench(count = 10_000): Promise<ThemesResult> {
  const source = readFileSync(new URL('../../shared/texts/war-and-peace.txt', import.meta.url), 'utf8');
  const glossa = await startGlossa();
  const wsUrl = glossa.wsBase.replace(/\/collab$/, '');
  // The first account runs the instance and owns texts imported without an account: it governs their themes.
  const owner = { id: 'bench-owner', name: 'Bench Owner' };
  const writer = { id: 'bench-writer', name: 'Bench Writer' };
  const ownerToken = tokenForReader(wsUrl, owner);
  tokenForReader(wsUrl, writer);
  try {
    const res = await fetch(`${glossa.url}/api/documents?title=War%20and%20Peace`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: source,
    });
    const documentId = ((await res.json()) as { id: string }).id;
    const text = await (await fetch(`${glossa.url}/api/documents/${documentId}/text`)).text();
    const make = noteFactory(documentId, text, writer);
    const notes: PassageAnnotation[] = Array.from({ length: count }, (_, i) => {
      const note = make(`t-${i}`, i);
      return {
        ...note,
        motivation: 'commenting',
        body: [
          ...note.body.filter((b) => b.purpose === 'commenting'),
          ...themesOf(i).map((value) => ({ type: 'TextualBody' as const, purpose: 'tagging' as const, value })),
        ],
      };
    });

    // Pure, in this process.
    const filter = { ...noFilter, themes: ['guilt'] };
    const pure: ThemesResult['pure'] = [
      {
        metric: `filter by a theme (${count.toLocaleString('en')} notes)`,
        glossaMs: timeMedianSync(() => notes.filter((n) => matchesFilter(n, [], filter))),
        referenceMs: timeMedianSync(() => notes.filter((n) => n.body.some((b) => b.purpose === 'tagging' && b.value === 'guilt'))),
        reference: 'bare loop over tagging bodies',
      },
      {
        metric: 'theme map (120 bins per theme)',
        glossaMs: timeMedianSync(() => themeDensity(notes, text.length, 120)),
        referenceMs: timeMedianSync(() => {
          let n = 0;
          for (const note of notes) n += tagsOf(note).length + note.target.selector[1].start;
          return n;
        }),
        reference: 'one pass reading each note’s themes and offset',
      },
      { metric: 'co-occurrence table', glossaMs: timeMedianSync(() => coOccurrences(notes)), referenceMs: null, reference: '' },
    ];

    // End to end: write the notes (with their themes) as the writer, then govern as the owner.
    const client = await joinRoom(wsUrl, documentId, writer);
    client.doc.transact(() => {
      for (const [i, name] of themes.entries())
        client.tags.set(name, {
          label: name,
          color: ['#e6194b', '#4363d8', '#3cb44b', '#911eb4', '#469990', '#f58231', '#42d4f4', '#f032e6', '#9a6324', '#800000'][i],
        });
    });
    for (let i = 0; i < notes.length; i += 200)
      client.doc.transact(() => {
        for (const n of notes.slice(i, i + 200)) client.annotations.set(n.id, n);
      });
    const watcher = await joinRoom(wsUrl, documentId);
    await waitFor(() => watcher.annotations.size >= count, 120_000, 'every note at the second reader');
    const facilitator = await joinRoom(wsUrl, documentId, owner);
    const endToEnd: ThemesResult['endToEnd'] = [];

    let t0 = performance.now();
    facilitator.tags.set('guilt', { ...(facilitator.tags.get('guilt') as object), label: 'Guilt and shame' } as never);
    await waitFor(() => (watcher.tags.get('guilt') as { label?: string } | undefined)?.label === 'Guilt and shame', 30_000, 'the rename');
    endToEnd.push({
      metric: 'rename a theme on 2,000 notes (label), until a second reader has it',
      ms: performance.now() - t0,
      notesChanged: 2000,
    });

    t0 = performance.now();
    const merged = await fetch(`${glossa.url}/api/documents/${documentId}/themes/guilt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
      body: JSON.stringify({ action: 'merge', into: 'regret' }),
    });
    const answer = (await merged.json()) as { merged?: number; error?: string };
    if (!answer.merged) throw new Error(`merge answered ${merged.status}: ${answer.error}`);
    const stored = performance.now() - t0;
    await waitFor(
      () => !watcher.tags.has('guilt') && [...watcher.annotations.values()].every((a) => !tagsOf(a as PassageAnnotation).includes('guilt')),
      60_000,
      'the merge at the second reader',
    );
    endToEnd.push({ metric: 'merge a theme of 2,000 notes: durable (HTTP answer)', ms: stored, notesChanged: answer.merged });
    endToEnd.push({ metric: 'merge a theme of 2,000 notes: at a second reader', ms: performance.now() - t0, notesChanged: answer.merged });

    // Joining the room: a reader who reads blind gets every note as a placeholder (the server rewrites the state).
    const plainTimes: number[] = [];
    const blindTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const [times, params] of [
        [plainTimes, {}],
        [blindTimes, { blind: 'passage' }],
      ] as const) {
        const t = performance.now();
        const joined = await joinRoom(wsUrl, documentId, owner, params);
        await waitFor(() => joined.annotations.size >= count, 60_000, 'every note (or placeholder) at the joining reader');
        times.push(performance.now() - t);
        joined.destroy();
      }
    }

    const browserRows = await inBrowser(glossa.url, glossa.dbPath, documentId, owner, count);
    return { notes: count, pure, endToEnd, browser: browserRows, blindSync: { plainMs: median(plainTimes), blindMs: median(blindTimes) } };
  } finally {
    destroyAllClients();
    await glossa.stop();
  }
}

/**
 * In the page: runs `act` (a statement) and resolves with the ms until the frame after `done` (an expression) holds,
 * from a rAF loop. All in one evaluate, so no driver work (locating elements) runs on the page's thread meanwhile.
 */
function actUntilFrame(page: Page, act: string, done: string): Promise<number> {
  return page.evaluate(
    ({ act, done }) =>
      new Promise<number>((resolve, reject) => {
        const check = new Function(`return (${done})`) as () => boolean;
        const t0 = performance.now();
        new Function(act)();
        const tick = () => {
          if (performance.now() - t0 > 20_000) return reject(new Error(`not reached: ${done}`));
          if (check()) requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { act, done },
  );
}

/**
 * The reader in Chromium with every note: a click on a theme in the filter panel until the frame in which the
 * filtered highlights, cards and theme map are drawn, against opening the keyboard help (a click that re-renders
 * little) in the same page, as the reference of input-to-frame on this machine.
 */
async function inBrowser(
  base: string,
  dbPath: string,
  documentId: string,
  owner: { id: string; name: string },
  count: number,
): Promise<ThemesResult['browser']> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // tsx keeps function names with a `__name` helper that the page lacks.
    await context.addInitScript('window.__name = (f) => f');
    const { email, password } = await ensurePasswordAccount(dbPath, owner);
    const signIn = await context.request.post(`${base}/api/auth/sign-in/email`, { data: { email, password }, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto(`${base}/d/${documentId}`);
    await page.getByTestId('room-status').getByText('Live').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page
      .getByTestId('filter-panel')
      .getByRole('checkbox', { name: /^regret/i })
      .waitFor({ timeout: 60_000 });
    // The theme's checkbox, found once by its label (the panel lists themes with their counts).
    const toggle = `[...document.querySelectorAll('[data-testid=filter-panel] label')].find((l) => /^\\s*regret/i.test(l.textContent)).querySelector('input').click()`;
    const filtered = `/Showing \\d[\\d,]* of/.test(document.querySelector('[data-testid=filter-status]')?.textContent ?? '')`;
    const cdp = process.env.GLOSSA_PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const filterTimes: number[] = [];
    const clearTimes: number[] = [];
    const helpTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      filterTimes.push(await actUntilFrame(page, toggle, filtered));
      clearTimes.push(await actUntilFrame(page, toggle, `!(${filtered})`));
      helpTimes.push(
        await actUntilFrame(
          page,
          `document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }))`,
          `!!document.querySelector('[role=dialog]')`,
        ),
      );
      await page.keyboard.press('Escape');
    }
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: {
          nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
          samples: number[];
          timeDeltas: number[];
        };
      };
      // The raw profile too, for DevTools (Performance → load profile) or an inclusive-time reading.
      mkdirSync(new URL('results/', import.meta.url), { recursive: true });
      writeFileSync(new URL('results/themes-profile.cpuprofile', import.meta.url), JSON.stringify(profile));
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const n = byId.get(id)!;
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.log(
        [...self.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 40)
          .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
          .join('\n'),
      );
    }
    return [
      {
        metric: `filter by a theme in the reader (${count.toLocaleString('en')} notes), to the frame drawn`,
        glossaMs: median(filterTimes),
        referenceMs: median(helpTimes),
        reference: 'opening the keyboard help, same page',
      },
      {
        metric: `clear that filter (${count.toLocaleString('en')} notes), to the frame drawn`,
        glossaMs: median(clearTimes),
        referenceMs: median(helpTimes),
        reference: 'opening the keyboard help, same page',
      },
    ];
  } finally {
    await browser.close();
  }
}

/** The table `npm run bench` prints. */
export function formatThemes(result: ThemesResult): string {
  const lines = [
    `Theme vocabulary: War and Peace, ${result.notes.toLocaleString('en')} notes over ${themes.length} themes (2,000 with guilt); medians of 5`,
  ];
  lines.push('metric                                                        Glossa ms  reference ms  Glossa/ref');
  for (const p of result.pure)
    lines.push(
      `${p.metric.padEnd(60)}${p.glossaMs.toFixed(2).padStart(11)}${(p.referenceMs === null ? '-' : p.referenceMs.toFixed(2)).padStart(14)}${(p.referenceMs ? (p.glossaMs / p.referenceMs).toFixed(1) : '-').padStart(12)}`,
    );
  for (const b of result.browser)
    lines.push(
      `${b.metric.padEnd(60)}${b.glossaMs.toFixed(1).padStart(11)}${b.referenceMs.toFixed(1).padStart(14)}${(b.glossaMs / b.referenceMs).toFixed(1).padStart(12)}`,
    );
  for (const e of result.endToEnd) lines.push(`${e.metric.padEnd(60)}${e.ms.toFixed(0).padStart(11)}`);
  const { plainMs, blindMs } = result.blindSync;
  lines.push(
    `${'join the room, reading blind (every note withheld) vs plain'.padEnd(60)}${blindMs.toFixed(0).padStart(11)}${plainMs.toFixed(0).padStart(14)}${(blindMs / plainMs).toFixed(1).padStart(12)}`,
  );
  lines.push('Targets: filter and map < 100 ms (in Node and in the browser); rename end to end < 1 s.');
  return lines.join('\n');
}
