/**
 * The side-by-side table and the JSON record of a bench run. Ratios are Glossa/stock, so below 1 means Glossa
 * did better.
 */
import type { PooledResult } from './rounds.ts';

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
const mib = (kib: number | null) => (kib === null ? '-' : (kib / 1024).toFixed(1));
const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? '-' : (a / b).toFixed(2);

/** The comparison table, one block per reader count. */
export function formatTable(
  results: PooledResult[],
  readerCounts: number[],
  idleRssKiB: { glossa: number | null; stock: number | null },
): string {
  const rows: string[][] = [['readers', 'metric', 'Glossa', 'stock', 'Glossa/stock']];
  for (const n of readerCounts) {
    const g = results.find((r) => r.server === 'glossa' && r.readers === n);
    const s = results.find((r) => r.server === 'stock' && r.readers === n);
    if (!g || !s) continue;
    const lat = (k: 'p50' | 'p95' | 'p99' | 'max', withRatio: boolean) =>
      rows.push([
        String(n),
        `fan-out ${k} ms`,
        ms(g.latencyMs[k]),
        ms(s.latencyMs[k]),
        withRatio ? ratio(g.latencyMs[k], s.latencyMs[k]) : '',
      ]);
    lat('p50', true);
    lat('p95', false);
    lat('p99', true);
    lat('max', false);
    const perRound = (r: PooledResult) => r.p99ByRoundMs.map((v) => v.toFixed(0)).join('/');
    rows.push([String(n), 'p99 by round ms', perRound(g), perRound(s), '']);
    rows.push([String(n), 'delivered', `${g.delivered}/${g.expected}`, `${s.delivered}/${s.expected}`, '']);
    rows.push([String(n), `sync ${n} readers ms (median)`, ms(g.syncMs), ms(s.syncMs), '']);
    const cpu = (v: number | null) => (v === null ? '-' : v.toFixed(2));
    rows.push([String(n), 'server CPU ms/note', cpu(g.serverCpuMsPerNote), cpu(s.serverCpuMsPerNote), '']);
    rows.push([String(n), 'bench clients CPU ms/note', cpu(g.clientCpuMsPerNote), cpu(s.clientCpuMsPerNote), '']);
    rows.push([
      String(n),
      'server RSS MiB (after connect)',
      mib(g.rssKiBAfterConnect),
      mib(s.rssKiBAfterConnect),
      ratio(g.rssKiBAfterConnect, s.rssKiBAfterConnect),
    ]);
  }
  // Glossa's process also holds Next.js; the idle figure separates that fixed cost from what connections add.
  rows.push([
    'idle',
    'server RSS MiB (before any run)',
    mib(idleRssKiB.glossa),
    mib(idleRssKiB.stock),
    ratio(idleRssKiB.glossa, idleRssKiB.stock),
  ]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
      return i === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}
