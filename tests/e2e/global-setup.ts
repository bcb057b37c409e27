/** Starts one real Glossa server for the browser tests and hands its URL to them through the environment. */
import { startServer, tempDbPath } from '../helpers/server-process.ts';

export default async function globalSetup() {
  const { dbPath, cleanup } = tempDbPath();
  const server = await startServer({ dbPath });
  process.env.GLOSSA_E2E_URL = server.url;
  return async () => {
    await server.stop();
    cleanup();
  };
}
