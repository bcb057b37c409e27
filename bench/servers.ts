/**
 * The two servers under test, each its own child process on a free loopback port, so their memory and CPU are
 * measured apart from the bench's clients and from each other: Glossa through the same helper the integration
 * tests use, and the stock y-websocket server through bench/stock-server.ts.
 */
import { spawn } from 'node:child_process';
import { startServer, tempDbPath } from '../tests/helpers/server-process.ts';

export interface BenchServer {
  name: 'glossa' | 'stock';
  /** The base URL a WebsocketProvider gets (the room name is appended). */
  wsBase: string;
  pid: number;
  /** Recent stderr, to explain a failure. */
  logs(): string;
  stop(): Promise<void>;
}

const root = new URL('..', import.meta.url).pathname;

/** Starts Glossa (production mode, temp SQLite file, info logs off, no note quota) and resolves once it listens. */
export async function startGlossa(): Promise<BenchServer & { url: string; dbPath: string }> {
  const db = tempDbPath();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // The per-connection quota of new notes (60 a minute) is a policy, not a cost: a bench writer sends 100 notes
    // in 2 s, so it is lifted here or Glossa would refuse 40 of them and the rounds would measure the refusals.
    server = await startServer({ dbPath: db.dbPath, env: { GLOSSA_LOG: 'silent', GLOSSA_NOTES_PER_MINUTE: '1000000' } });
  } catch (err) {
    db.cleanup(); // the helper has already killed a half-started child
    throw err;
  }
  return {
    name: 'glossa',
    url: server.url,
    dbPath: db.dbPath,
    wsBase: `${server.wsUrl}/collab`,
    pid: server.pid,
    logs: server.logs,
    async stop() {
      await server.stop();
      db.cleanup();
    },
  };
}

/** Starts the stock y-websocket server and resolves once it prints its port. */
export async function startStock(timeoutMs = 20_000): Promise<BenchServer> {
  const env = { ...process.env };
  delete env.YPERSISTENCE; // read when its module loads: the reference runs in memory, its default
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/stock-server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`stock server ${why}\n${stdout}\n${stderr}`));
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    const timer = setTimeout(() => fail(`did not start in ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening on (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', onExit);
  });
  return {
    name: 'stock',
    wsBase: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    logs: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Last resort for a child we started: by its pid only. */
export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
