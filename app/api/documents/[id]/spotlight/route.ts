/**
 * `/api/documents/<id>/spotlight`: the passage a facilitator points everyone to (lib/meetings/spotlight.ts).
 * `GET` (anyone who may read) `{ spotlight }` (null when none); `PUT` (a facilitator or the owner)
 * `{ start, end, gather? }` sets it, records it in an open meeting and sends it to every open reader at once (notice
 * `spotlight`); `DELETE` clears it.
 */
import { getDb } from '../../../../../db/client.ts';
import { getDocumentText } from '../../../../../db/queries/documents.ts';
import { recordMeetingEvent } from '../../../../../db/queries/meeting-events.ts';
import { setSpotlight, spotlightOf } from '../../../../../db/queries/spotlight.ts';
import { notifyRoom } from '../../../../../lib/collab/live-rooms.ts';
import { annotationLimits } from '../../../../../lib/limits.ts';
import { type Spotlight, spotlightRequestSchema } from '../../../../../lib/meetings/spotlight.ts';
import { documentRequest } from '../../../document-request.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  return Response.json({ spotlight: spotlightOf(getDb(), id) }, { headers: { 'cache-control': 'no-store' } });
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true, signedIn: 'sign in to spotlight a passage' });
  if (!opened.ok) return opened.response;
  const { id, principal } = opened.value;
  const body = await readJsonBody(request, spotlightRequestSchema, 1024);
  if (!body.ok) return body.response;
  const db = getDb();
  const text = getDocumentText(db, id);
  if (text === null) return unknownDocument(id);
  const { start, end, gather } = body.value;
  if (end > text.length) return jsonError(400, `the passage ends at ${end}, past the end of the text (${text.length})`);
  const spotlight: Spotlight = {
    start,
    end,
    exact: text.slice(start, Math.min(end, start + annotationLimits.exactLength)),
    gather,
    by: { id: principal.userId, name: principal.name },
    at: new Date().toISOString(),
  };
  setSpotlight(db, id, spotlight);
  recordMeetingEvent(db, id, {
    kind: gather ? 'gather' : 'spotlight',
    data: { start, end, exact: spotlight.exact.slice(0, 500) },
    actorId: principal.userId,
  });
  notifyRoom(id, { kind: 'spotlight', spotlight });
  return Response.json({ spotlight });
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true });
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  if (!setSpotlight(getDb(), id, null)) return unknownDocument(id);
  notifyRoom(id, { kind: 'spotlight', spotlight: null });
  return new Response(null, { status: 204 });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PUT', 'DELETE']);
export { notAllowed as POST, notAllowed as PATCH };
