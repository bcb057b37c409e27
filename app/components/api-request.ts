/**
 * The browser's JSON requests to Glossa's HTTP API, for every page's request module (library, groups, themes): one
 * way to send a body, read the answer and turn a refusal into an `ApiRequestError` carrying the server's `{ error }`
 * text and status, so a page can say exactly why (and tell "expired" from "unknown" by status).
 */

/** A request the server refused or that never reached it; `message` is fit to show a reader. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when there was no answer (the connection failed). */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The `{ error }` of a refusal, or a sentence naming the status when the body is not that. */
export function errorText(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string' && parsed.error) return parsed.error;
  } catch {
    /* not JSON: fall through */
  }
  return `The server answered ${status}.`;
}

/**
 * Sends `body` (as JSON) with `method` to `url` and resolves with the JSON answer (undefined for 204). Aborting
 * `signal` rejects with its reason (an `AbortError`), not with an `ApiRequestError`: a cancelled request is no failure.
 */
export async function apiRequest<T>(url: string, method = 'GET', body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      cache: 'no-store',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw signal.reason ?? err;
    throw new ApiRequestError('Glossa could not be reached. Check the connection and try again.', 0);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) throw new ApiRequestError(errorText(res.status, text), res.status);
  return JSON.parse(text) as T;
}
