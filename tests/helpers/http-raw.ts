/**
 * HTTP as an attacker sends it, with node:http rather than fetch: paths exactly as written (no URL normalisation),
 * chunked bodies without `content-length` streamed with backpressure, and a count of how much of a body the server
 * let the client send before it answered.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';

/** A response read whole (small: error bodies and JSON). */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The outcome of a streamed upload. */
export interface UploadResult extends RawResponse {
  /** Body bytes the client handed to its socket before the response came (an upper bound of what the server read). */
  sentBytes: number;
}

/** Sends one request with `path` verbatim and an optional small body. */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  // Without an explicit length, node:http sends a DELETE's body unframed, which no server can parse.
  const headers =
    options.body === undefined ? options.headers : { 'content-length': String(Buffer.byteLength(options.body)), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * POSTs `totalBytes` of `fill` as a chunked body (no `content-length`), writing only as fast as the socket drains,
 * and stops writing as soon as a response arrives. Errors after the response (the server closing the connection
 * on the unread rest) are expected and ignored.
 */
export function uploadChunked(
  baseUrl: string,
  path: string,
  options: { totalBytes: number; contentType: string; chunkBytes?: number; fill?: string },
): Promise<UploadResult> {
  const { hostname, port } = new URL(baseUrl);
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, options.fill ?? 'a');
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = request(
      {
        hostname,
        port,
        method: 'POST',
        path,
        agent: false,
        headers: { 'content-type': options.contentType, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentBytes });
        res.on('end', done);
        res.on('error', done); // a reset after the body arrived
        res.on('close', done);
      },
    );
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && !req.destroyed && sentBytes < options.totalBytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.totalBytes - sentBytes));
        sentBytes += part.length;
        if (!req.write(part)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && sentBytes >= options.totalBytes) req.end();
    };
    pump();
  });
}

/** The resident set size of a process in bytes (Linux, from /proc/<pid>/status). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}
