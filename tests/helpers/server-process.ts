/**
 * Starts the real Glossa server (`server/main.ts`, the same entry as `npm start`) as a child process on a free
 * port with its own SQLite file, and stops it. Requires a Next build (`npm test` makes one first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  /** The server's process id (for memory and CPU readings). */
  pid: number;
  wsUrl: string;
  dbPath: string;
  /** Everything the server wrote to stderr so far (structured logs). */
  logs(): string;
  stop(): Promise<void>;
}

const root = new URL('../..', import.meta.url).pathname;

/**
 * The database of each running server this process started, by its ws:// URL, for the account fixture
 * (tests/helpers/account-fixture.ts). A server run as another user (`uid`) is listed as not writable: its database is
 * not the tests' to write, so the fixture only hands out tokens it made in that file earlier (while a writable server
 * ran on it), and never opens the file.
 */
export const serverDatabases = new Map<string, { dbPath: string; writable: boolean }>();

/** A temp folder for one test's database; removed by the returned cleanup. */
export function tempDbPath(): { dbPath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'glossa-test-'));
  return { dbPath: join(dir, 'glossa.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the server on port 0 and resolves with its URL once it listens. `uid`/`gid` run it as another user (the
 * tests run as root, whom file permissions do not stop; the read-only database test runs the server as `nobody`).
 */
export async function startServer(options: {
  dbPath: string;
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', GLOSSA_DB: options.dbPath, NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: options.uid,
    gid: options.gid,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`server did not start in 60 s\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Glossa listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
  const wsUrl = url.replace(/^http/, 'ws');
  serverDatabases.set(wsUrl, { dbPath: options.dbPath, writable: options.uid === undefined });
  return {
    url,
    pid: child.pid!,
    wsUrl,
    dbPath: options.dbPath,
    logs: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        serverDatabases.delete(wsUrl);
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
