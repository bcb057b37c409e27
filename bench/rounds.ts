/**
 * Pools repeated fan-out runs of one server and reader count. On a shared 2-core machine a single run's tail is
 * mostly whatever else was scheduled at that moment; several rounds, interleaved between the servers, let both
 * sides meet the same disturbances, and the per-round p99s show how much of the difference is noise.
 */
import type { FanoutResult } from './fanout.ts';
import { percentile, summarize, type Summary } from './stats.ts';

export interface PooledResult {
  server: string;
  readers: number;
  rounds: number;
  notesPerRound: number;
  intervalMs: number;
  expected: number;
  delivered: number;
  refused: number;
  closedByServer: number;
  /** Rounds whose notes could not be deleted again (the next rounds then synced a larger room). */
  notCleanedUp: number;
  /** Over all (note, reader) deliveries of all rounds. */
  latencyMs: Summary;
  /** p99 of each round, in run order. */
  p99ByRoundMs: number[];
  /** Median over rounds of the time for N readers to connect and sync. */
  syncMs: number;
  syncMsByRound: number[];
  /** Largest server RSS seen right after the readers connected. */
  rssKiBAfterConnect: number | null;
  rssKiBAfterNotes: number | null;
  serverCpuMsPerNote: number | null;
  clientCpuMsPerNote: number;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const maxOrNull = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Pools the rounds of one (server, readers) pair; `runs` must be non-empty and all of that pair. */
export function poolRounds(runs: FanoutResult[]): PooledResult {
  const first = runs[0];
  const cpu = runs.map((r) => r.serverCpuMsPerNote);
  return {
    server: first.server,
    readers: first.readers,
    rounds: runs.length,
    notesPerRound: first.notes,
    intervalMs: first.intervalMs,
    expected: runs.reduce((n, r) => n + r.expected, 0),
    delivered: runs.reduce((n, r) => n + r.delivered, 0),
    refused: runs.reduce((n, r) => n + r.refused, 0),
    closedByServer: runs.reduce((n, r) => n + r.closedByServer, 0),
    notCleanedUp: runs.filter((r) => !r.cleanedUp).length,
    latencyMs: summarize(runs.flatMap((r) => r.latencies)),
    p99ByRoundMs: runs.map((r) => r.latencyMs.p99),
    syncMs: median(runs.map((r) => r.syncMs)),
    syncMsByRound: runs.map((r) => r.syncMs),
    rssKiBAfterConnect: maxOrNull(runs.map((r) => r.rssKiBAfterConnect)),
    rssKiBAfterNotes: maxOrNull(runs.map((r) => r.rssKiBAfterNotes)),
    serverCpuMsPerNote: cpu.some((v) => v === null) ? null : mean(cpu as number[]),
    clientCpuMsPerNote: mean(runs.map((r) => r.clientCpuMsPerNote)),
  };
}
