/**
 * One real server per test file, on its own temp SQLite file, that can be restarted on the same file (the point of
 * the durability tests) and is always stopped with its temp folder removed.
 */
import { startServer, tempDbPath, type RunningServer } from './server-process.ts';

export interface TestServer {
  /** The running server (replaced by `restart`). */
  readonly current: RunningServer;
  readonly dbPath: string;
  /** Stops the server and starts a new one on the same SQLite file. */
  restart(): Promise<RunningServer>;
  /** Stops the server and removes the temp folder. */
  dispose(): Promise<void>;
}

/** Starts the real server (`server/main.ts`) on port 0 with a fresh database and optional extra env. */
export async function startTestServer(env?: Record<string, string>): Promise<TestServer> {
  const temp = tempDbPath();
  let current: RunningServer | null = null;
  try {
    current = await startServer({ dbPath: temp.dbPath, env });
  } catch (err) {
    temp.cleanup();
    throw err;
  }
  const server: TestServer = {
    get current() {
      if (!current) throw new Error('the test server is stopped');
      return current;
    },
    dbPath: temp.dbPath,
    async restart() {
      await current?.stop();
      current = null;
      current = await startServer({ dbPath: temp.dbPath, env });
      return current;
    },
    async dispose() {
      await current?.stop();
      current = null;
      temp.cleanup();
    },
  };
  return server;
}
