/**
 * The theme vocabulary at scale (issue 9's benchmark): War and Peace with 10,000 notes over 10 themes, 2,000 of
 * them carrying "guilt".
 * - In Node, side by side with a bare reference loop in the same run: applying a theme filter (`matchesFilter`
 *   against a loop that only compares tagging bodies), the theme map (`themeDensity`) and the co-occurrence table
 *   (`coOccurrences`). These are the pure functions the reader runs on every change; Node's V8 is Chromium's.
 * - End to end on the real server: renaming "guilt" (a label change, one tags entry) and merging it into "remorse"
 *   (2,000 notes rewritten by the server in one durable change), each timed from the request until a second
 *   reader's doc shows all of it.
 * Bounded: one server, one document, medians of 5 (pure) and of 1 (end to end, each a different theme).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tagsOf } from '../lib/annotations/build-annotation.ts';
import { matchesFilter, noFilter } from '../lib/annotations/note-filter.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import { coOccurrences, themeDensity } from '../lib/tags/theme-map.ts';
import { tokenForReader } from '../tests/helpers/account-fixture.ts';
import { destroyAllClients, joinRoom, waitFor } from '../tests/helpers/room-clients.ts';
import { noteFactory } from './notes.ts';
import { startGlossa } from './servers.ts';

const themes = ['guilt', 'exclusion', 'the chip', 'loneliness', 'regret', 'memory', 'time', 'war', 'love', 'faith'];

export interface ThemesResult {
  notes: number;
  pure: Array<{ metric: string; glossaMs: number; referenceMs: number | null; reference: string }>;
  endToEnd: Array<{ metric: string; ms: number; notesChanged: number }>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => unknown, rounds = 5): number {
  run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
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
        glossaMs: time(() => notes.filter((n) => matchesFilter(n, [], filter))),
        referenceMs: time(() => notes.filter((n) => n.body.some((b) => b.purpose === 'tagging' && b.value === 'guilt'))),
        reference: 'bare loop over tagging bodies',
      },
      {
        metric: 'theme map (120 bins per theme)',
        glossaMs: time(() => themeDensity(notes, text.length, 120)),
        referenceMs: time(() => {
          let n = 0;
          for (const note of notes) n += tagsOf(note).length + note.target.selector[1].start;
          return n;
        }),
        reference: 'one pass reading each note’s themes and offset',
      },
      { metric: 'co-occurrence table', glossaMs: time(() => coOccurrences(notes)), referenceMs: null, reference: '' },
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
    return { notes: count, pure, endToEnd };
  } finally {
    destroyAllClients();
    await glossa.stop();
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
  for (const e of result.endToEnd) lines.push(`${e.metric.padEnd(60)}${e.ms.toFixed(0).padStart(11)}`);
  lines.push('Targets: filter and map < 100 ms; rename end to end < 1 s.');
  return lines.join('\n');
}
