/**
 * The reference for `npm run bench`: the stock y-websocket server (`@y/websocket-server` 0.1.1, in memory, no
 * validation, no persistence), wired exactly as its own `server.js`, but on a port the system picks so runs never
 * collide. Run as its own process so its RSS and CPU are measured apart from the bench clients, like Glossa's.
 * Prints `stock y-websocket listening on <port>` for the parent to read.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';

// A YPERSISTENCE left in the environment would switch on LevelDB; the reference is the in-memory default.
setPersistence(null);

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(0, '127.0.0.1', () => {
  console.log(`stock y-websocket listening on ${(server.address() as AddressInfo).port}`);
});

function stop() {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  server.close(() => process.exit(0));
  // The stock utils keep a 30 s ping interval per socket; do not let it hold the exit.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
