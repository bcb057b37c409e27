/** JSON error responses with one shape (`{ error }`), so API clients can rely on it. */
export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

/** The 404 for an unknown document id. */
export function unknownDocument(id: string): Response {
  return jsonError(404, `unknown document: ${id}`);
}
