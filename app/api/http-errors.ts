/** JSON error responses with one shape (`{ error }`), so API clients can rely on it. */

/** A part of a request (body, parameter) that was read and parsed, or the error response that refuses it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

/** The 404 for an unknown document id. */
export function unknownDocument(id: string): Response {
  return jsonError(404, `unknown document: ${id}`);
}

/**
 * A route handler for the methods a route does not serve: 405 `{ error }` with `Allow`. Next answers those with an
 * empty 405; exporting this for them keeps every `/api/` answer JSON.
 */
export function methodNotAllowed(allowed: readonly string[]): (request: Request) => Response {
  const allow = allowed.join(', ');
  return (request) => {
    const response = jsonError(405, `${request.method} is not allowed here; allowed: ${allow}`);
    response.headers.set('allow', allow);
    return response;
  };
}
