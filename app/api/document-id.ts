/**
 * The `<id>` of `/api/documents/<id>/…`, parsed at the boundary: an id that cannot be a document id (wrong
 * characters, too long) is the client's mistake, 400, while a well-formed id that names nothing is 404. (A path
 * whose percent-escapes do not decode never reaches a route: the server answers it with 400 first.)
 */
import { z } from 'zod';
import { documentIdPattern } from '../../lib/limits.ts';
import { jsonError, type Checked } from './http-errors.ts';

/** A document id (see {@link documentIdPattern}). */
export const documentIdSchema = z.string().regex(documentIdPattern);
export type DocumentId = z.infer<typeof documentIdSchema>;

/** The route's `id` parameter as a document id, or the 400 that refuses it. */
export async function documentIdParam(params: Promise<{ id: string }>): Promise<Checked<DocumentId>> {
  const { id } = await params;
  const parsed = documentIdSchema.safeParse(id);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: jsonError(400, `not a document id: ${JSON.stringify(id.slice(0, 140))}`) };
}
