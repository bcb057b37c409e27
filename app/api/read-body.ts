/**
 * Request bodies read with a cap that is enforced while the bytes arrive. `request.json()` and `request.text()`
 * buffer everything the client sends, and a chunked body has no `content-length` to check first: three 400 MB
 * uploads took the server from 0.9 to 2.9 GB. Here reading stops at the cap and the client gets 413 `{ error }`.
 */
import type { z } from 'zod';
import { httpLimits } from '../../lib/limits.ts';
import { jsonError, type Checked } from './http-errors.ts';

/**
 * The 413 for a body over the cap. The connection is closed after it (the server would otherwise have to read and
 * discard the rest of the body to reuse the connection), so the unread bytes are never pulled off the wire.
 */
export function bodyTooLarge(maxBytes: number): Response {
  const response = jsonError(413, `the request body is larger than ${maxBytes} bytes`);
  response.headers.set('connection', 'close');
  return response;
}

/**
 * Reads the raw body, at most `maxBytes` (default {@link httpLimits.bodyBytes}). A declared `content-length` over
 * the cap is refused before reading; otherwise bytes are counted chunk by chunk and reading stops at the first
 * chunk past the cap. The stream is released, not cancelled: cancelling destroys the socket before the 413 is sent.
 */
export async function readBodyBytes(request: Request, maxBytes: number = httpLimits.bodyBytes): Promise<Checked<Uint8Array>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return { ok: false, response: bodyTooLarge(maxBytes) };
  if (!request.body) return { ok: true, value: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) return { ok: false, response: bodyTooLarge(maxBytes) };
      chunks.push(value);
    }
  } catch {
    return { ok: false, response: jsonError(400, 'the request body could not be read') };
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: bytes };
}

/** Reads the body as UTF-8 text (a byte-order mark is dropped, invalid bytes become U+FFFD), within the cap. */
export async function readBodyText(request: Request, maxBytes: number = httpLimits.bodyBytes): Promise<Checked<string>> {
  const read = await readBodyBytes(request, maxBytes);
  return read.ok ? { ok: true, value: new TextDecoder('utf-8').decode(read.value) } : read;
}

/** Explains the first issue zod found, for a 400 that tells the client which field is wrong. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

/** Reads a JSON body within the cap and parses it with `schema`; 400 `{ error }` for bad JSON or a bad shape. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number = httpLimits.bodyBytes,
): Promise<Checked<z.output<S>>> {
  const read = await readBodyText(request, maxBytes);
  if (!read.ok) return read;
  let json: unknown;
  try {
    json = JSON.parse(read.value);
  } catch {
    return { ok: false, response: jsonError(400, 'the body is not valid JSON') };
  }
  return parseWith(schema, json);
}

/** Parses an already-read value with `schema`; 400 `{ error }` naming the first issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, response: jsonError(400, `invalid request: ${describeIssue(parsed.error)}`) };
  return { ok: true, value: parsed.data };
}
