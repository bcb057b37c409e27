/**
 * While the database is read-only (see `isReadOnly` in db/client.ts), HTTP writes under `/api/` are answered here,
 * before Next runs a route handler that would fail on its first INSERT: 503 with JSON `{ error }`, so clients can
 * tell "saving is off" from a bad request and try again later.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isReadOnly } from '../db/client.ts';

/** Methods that never write. */
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `req` is an HTTP write under `/api/`. */
export function isApiWrite(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?', 1)[0];
  return !readMethods.has(req.method ?? 'GET') && (path === '/api' || path.startsWith('/api/'));
}

/** Answers `req` with 503 when it is an API write and the database is read-only; returns whether it answered. */
export function refuseWriteWhenReadOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isApiWrite(req) || !isReadOnly()) return false;
  const body = JSON.stringify({ error: 'Glossa is read-only right now: its database cannot be written, so nothing can be saved.' });
  // The body is not read; closing the connection keeps an unread upload from being parsed as the next request.
  res.writeHead(503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'retry-after': '300',
    connection: 'close',
  });
  res.end(body);
  return true;
}
