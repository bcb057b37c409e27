/**
 * `/api/documents/<id>/meetings`: a document's meetings (lib/meetings/reveal-phase.ts). `GET` (anyone who may read)
 * `{ meetings, now }`, newest first; `POST` (a facilitator or the owner) `{ title?, blindUntil? }` opens a meeting —
 * 201 `{ meeting }`, 409 `{ error, meeting }` while another is open, 400 for a `blindUntil` in the past or more than
 * 24 hours ahead. A phase makes the room read blind by passage until then: the room's sockets join again (4509) under
 * the new rule, and every open reader is told (notice `meeting`).
 */
import { getDb } from '../../../../../db/client.ts';
import { documentExists } from '../../../../../db/queries/documents.ts';
import { meetingsOf, startMeeting } from '../../../../../db/queries/meetings.ts';
import { phaseOf, startMeetingSchema } from '../../../../../lib/meetings/reveal-phase.ts';
import { documentRequest } from '../../../document-request.ts';
import { methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';
import { announceMeetingChange, meetingAnswer, phaseEndOf } from './meeting-response.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  const now = new Date();
  return Response.json(
    { meetings: meetingsOf(getDb(), id).map((m) => meetingAnswer(m, now)), now: now.toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true, signedIn: 'sign in to start a meeting' });
  if (!opened.ok) return opened.response;
  const { id, principal } = opened.value;
  const body = await readJsonBody(request, startMeetingSchema, 2048);
  if (!body.ok) return body.response;
  const now = new Date();
  const phaseEnd = phaseEndOf(body.value.blindUntil, now);
  if (!phaseEnd.ok) return phaseEnd.response;
  const blindUntil = phaseEnd.value;
  const db = getDb();
  if (!documentExists(db, id)) return unknownDocument(id);
  const outcome = startMeeting(db, id, {
    title: body.value.title || 'Meeting',
    startedBy: principal.userId,
    startedAt: now,
    blindUntil,
  });
  if ('open' in outcome)
    return Response.json(
      { error: 'a meeting is already open on this document: end it first', meeting: meetingAnswer(outcome.open, now) },
      { status: 409 },
    );
  // A phase binds sockets already in the room only once they join again under it.
  await announceMeetingChange(id, phaseOf(outcome.started, now) === 'alone');
  return Response.json({ meeting: meetingAnswer(outcome.started, now) }, { status: 201 });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
