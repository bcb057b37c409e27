/**
 * `GET /api/inbox?offset=&limit=` (signed in, cookie or token): the caller's inbox — mentions of them and replies to
 * their notes by others, in the documents they may read (app/api/inbox/inbox-items.ts) — as `{ items, unread, total }`,
 * newest first. 401 `{ error }` when not signed in; 400 for a bad parameter.
 */
import { getDb } from '../../../db/client.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { describeIssue } from '../read-body.ts';
import { jsonError } from '../http-errors.ts';
import { inboxOf } from './inbox-items.ts';
import { inboxOwner } from './principal.ts';
import { inboxQuerySchema } from './schema.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const owner = await inboxOwner(request);
  if (!owner.ok) return owner.response;
  const query = inboxQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, describeIssue(query.error));
  return Response.json(inboxOf(getDb(), owner.value, query.data), { headers: { 'cache-control': 'private, no-store' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
