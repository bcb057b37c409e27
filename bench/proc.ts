/**
 * Linux /proc readings for the bench: a child's resident memory, and finding the pid of a child that a helper
 * spawned without exposing it (tests/helpers/server-process.ts returns url, logs and stop(), no pid).
 */
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in KiB, or null if the process is gone or /proc is unavailable. */
export function rssKiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** User + system CPU time `pid` has used, in ms (10 ms resolution: Linux counts in clock ticks of 1/100 s). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 0, utime field 11, stime field 12 (proc(5) fields 14 and 15).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
