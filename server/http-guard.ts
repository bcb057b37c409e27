/**
 * What the server checks on every HTTP request before Next sees it, and how it ends connections whose bodies were
 * not read. Next answers a path whose percent-escapes do not decode (`/api/documents/%E0%A4%A/text`) with a 500
 * before any route runs, so that 400 is given here; and a response sent before its request body was read (413, 404,
 * 405) closes the connection, because keeping it alive would mean reading and discarding the rest of the body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { securityHeaders } from '../lib/http/security-headers.ts';

/** How long a connection closed on an unread body keeps reading (and discarding) before it is torn down. */
export const lingerMs = 2000;

const lingering = new WeakSet<Socket>();

/**
 * A lingering close, as nginx does it. When Node closes a connection whose client is still sending a body, the
 * client's next write meets a reset, and a reset makes the client's TCP stack drop what it had not read yet: the
 * 413 itself (seen in tests as EPIPE instead of the answer). So the socket is only half-closed (FIN after the
 * response) and goes on reading and discarding for a short while, until the client has read the answer and stopped.
 */
function lingerOnClose(socket: Socket): void {
  if (lingering.has(socket)) return;
  lingering.add(socket);
  const s = socket as Socket & { destroySoon?: () => void };
  if (typeof s.destroySoon !== 'function') return;
  s.destroySoon = function (this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
    this.on('data', () => {});
    this.resume();
  };
}

/** The prefix of the JSON API: every answer under it is JSON `{ error }` when it is an error. */
export const apiPrefix = '/api';

/** Whether a request target's path is under the JSON API (`/api` or `/api/…`). */
export function isApiPath(target: string): boolean {
  const path = pathOf(target);
  return path === apiPrefix || path.startsWith(`${apiPrefix}/`);
}

/** The path of a request target (`/a/b?x=1` → `/a/b`). */
function pathOf(target: string): string {
  const query = target.search(/[?#]/);
  return query === -1 ? target : target.slice(0, query);
}

/** Whether the path of a request target holds a percent-escape that does not decode to UTF-8 (`%E0%A4%A`, `%ZZ`). */
export function hasMalformedEscape(target: string): boolean {
  try {
    decodeURIComponent(pathOf(target));
    return false;
  } catch {
    return true;
  }
}

/** Sends an error as JSON `{ error }` under the API and as plain text elsewhere. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const api = isApiPath(req.url ?? '/');
  const body = api ? JSON.stringify({ error }) : `${error}\n`;
  res.writeHead(status, {
    'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Makes any response that starts before its request body was read to the end say `Connection: close`, so Node
 * closes the socket after it instead of draining the unread body (a 400 MB upload refused with 413 is not read).
 */
export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers['transfer-encoding'] || Number(req.headers['content-length'] ?? 0) > 0) lingerOnClose(req.socket);
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!req.complete) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/**
 * The checks run before Next handles a request. Returns true when it has answered the request itself (a malformed
 * path: 400), false when Next should handle it.
 */
export function guardHttpRequest(req: IncomingMessage, res: ServerResponse): boolean {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  setClientAddress(req);
  closeWhenBodyUnread(req, res);
  if (hasMalformedEscape(req.url ?? '/')) {
    sendError(req, res, 400, 'the path holds a malformed percent-escape');
    return true;
  }
  return false;
}

/**
 * The client's address, as Better Auth's per-address limits read it (`x-forwarded-for`): the socket's peer, unless
 * the peer is a proxy named in `GLOSSA_TRUSTED_PROXIES` (comma-separated addresses, read once), whose header is
 * kept. A client could otherwise send a new made-up address with every password guess.
 */
const trustedProxies = new Set(
  (process.env.GLOSSA_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean),
);

export function setClientAddress(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedProxies.has(peer) && typeof req.headers['x-forwarded-for'] === 'string') return;
  req.headers['x-forwarded-for'] = peer;
}
