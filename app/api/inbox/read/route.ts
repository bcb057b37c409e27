/**
 * `POST /api/inbox/read` (signed in) `{ items: [{ documentId, annotationId }] }` or `{ all: true }`: marks items of the
 * caller's own inbox read → `{ marked, unread }`. Only items that are in the caller's inbox now are marked (naming
 * anything else marks nothing: nobody can fill the table with rows, or touch another reader's). The caller's open
 * Glossa sockets are told (`inbox` notice), so their other pages update their count.
 */
import { getDb } from '../../../../db/client.ts';
import { inboxKey, markInboxRead } from '../../../../db/queries/inbox.ts';
import { notifyUser } from '../../../../lib/collab/live-rooms.ts';
import { inboxLimits } from '../../../../lib/limits.ts';
import { methodNotAllowed } from '../../http-errors.ts';
import { readJsonBody } from '../../read-body.ts';
import { crossOriginRefusal } from '../../same-origin.ts';
import { inboxFound, inboxOf } from '../inbox-items.ts';
import { inboxOwner } from '../principal.ts';
import { markReadSchema } from '../schema.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const owner = await inboxOwner(request);
  if (!owner.ok) return owner.response;
  const body = await readJsonBody(request, markReadSchema, inboxLimits.bodyBytes);
  if (!body.ok) return body.response;
  const db = getDb();
  const inbox = inboxFound(db, owner.value).found.map((f) => ({ documentId: f.row.documentId, annotationId: f.row.id }));
  let chosen = inbox;
  if ('items' in body.value) {
    const named = new Set(body.value.items.map((i) => inboxKey(i.documentId, i.annotationId)));
    chosen = inbox.filter((i) => named.has(inboxKey(i.documentId, i.annotationId)));
  }
  const marked = markInboxRead(db, owner.value.userId, chosen);
  // The reader's other pages (another tab, the phone) read their count again.
  if (marked > 0) notifyUser(owner.value.userId, { kind: 'inbox' });
  const { unread } = inboxOf(db, owner.value, { offset: 0, limit: 1 });
  return Response.json({ marked, unread });
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
