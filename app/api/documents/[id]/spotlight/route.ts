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
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  return Response.json({ spotlight: spotlightOf(getDb(), id.value) }, { headers: { 'cache-control': 'no-store' } });
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'moderate');
  if (!caller.ok) return caller.response;
  const principal = caller.value.principal;
  if (!principal) return jsonError(401, 'sign in to spotlight a passage');
  const body = await readJsonBody(request, spotlightRequestSchema, 1024);
  if (!body.ok) return body.response;
  const db = getDb();
  const text = getDocumentText(db, id.value);
  if (text === null) return unknownDocument(id.value);
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
  setSpotlight(db, id.value, spotlight);
  recordMeetingEvent(db, id.value, {
    kind: gather ? 'gather' : 'spotlight',
    data: { start, end, exact: spotlight.exact.slice(0, 500) },
    actorId: principal.userId,
  });
  notifyRoom(id.value, { kind: 'spotlight', spotlight });
  return Response.json({ spotlight });
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'moderate');
  if (!caller.ok) return caller.response;
  if (!setSpotlight(getDb(), id.value, null)) return unknownDocument(id.value);
  notifyRoom(id.value, { kind: 'spotlight', spotlight: null });
  return new Response(null, { status: 204 });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PUT', 'DELETE']);
export { notAllowed as POST, notAllowed as PATCH };
