/**
 * `/api/documents/<id>/meetings/current`: the document's open meeting. `GET` (anyone who may read)
 * `{ meeting, now }` (`meeting` null when none is open; `phase` says whether readers annotate alone); `PATCH`
 * (a facilitator or the owner) `{ blindUntil }` changes its reveal phase — a new end (ahead, within 24 hours, else
 * 400) closes the notes again until then, null opens them now — 404 when no meeting is open. The room's sockets join
 * again (4509) when the rule changes, and open readers are told (notice `meeting`).
 */
import { getDb } from '../../../../../../db/client.ts';
import { openMeetingOf, recordMeetingEvent } from '../../../../../../db/queries/meeting-events.ts';
import { setMeetingPhase } from '../../../../../../db/queries/meetings.ts';
import { changePhaseSchema, phaseOf } from '../../../../../../lib/meetings/reveal-phase.ts';
import { documentRequest } from '../../../../document-request.ts';
import { jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { readJsonBody } from '../../../../read-body.ts';
import { announceMeetingChange, meetingAnswer, phaseEndOf } from '../meeting-response.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  const now = new Date();
  return Response.json(
    { meeting: meetingAnswer(openMeetingOf(getDb(), id), now), now: now.toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true });
  if (!opened.ok) return opened.response;
  const { id, caller } = opened.value;
  const body = await readJsonBody(request, changePhaseSchema, 1024);
  if (!body.ok) return body.response;
  const now = new Date();
  const phaseEnd = phaseEndOf(body.value.blindUntil, now);
  if (!phaseEnd.ok) return phaseEnd.response;
  const blindUntil = phaseEnd.value;
  const db = getDb();
  const open = openMeetingOf(db, id);
  if (!open) return jsonError(404, 'no meeting is open on this document');
  const before = phaseOf(open, now);
  const changed = setMeetingPhase(db, open.id, blindUntil, now);
  if (!changed) return jsonError(404, 'no meeting is open on this document');
  const after = phaseOf(changed, now);
  if (before === 'alone' && after !== 'alone')
    recordMeetingEvent(db, id, { kind: 'reveal', data: { early: true }, actorId: caller.principal?.userId ?? null, at: now });
  await announceMeetingChange(id, (before === 'alone') !== (after === 'alone'));
  return Response.json({ meeting: meetingAnswer(changed, now) });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PATCH']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
