/**
 * `POST /api/documents/<id>/meetings/current/end` (a facilitator or the owner): ends the open meeting now → `{ meeting }`
 * (404 when none is open). A reveal phase still running ends with it: the notes open (the room's sockets join again,
 * 4509). Open readers are told (notice `meeting`) and can read its summary.
 */
import { getDb } from '../../../../../../../db/client.ts';
import { openMeetingOf } from '../../../../../../../db/queries/meeting-events.ts';
import { endMeeting } from '../../../../../../../db/queries/meetings.ts';
import { phaseOf } from '../../../../../../../lib/meetings/reveal-phase.ts';
import { documentRequest } from '../../../../../document-request.ts';
import { jsonError, methodNotAllowed } from '../../../../../http-errors.ts';
import { announceMeetingChange, meetingAnswer } from '../../meeting-response.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true });
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  const db = getDb();
  const now = new Date();
  const open = openMeetingOf(db, id);
  if (!open) return jsonError(404, 'no meeting is open on this document');
  const ended = endMeeting(db, open.id, now);
  if (!ended) return jsonError(404, 'no meeting is open on this document');
  await announceMeetingChange(id, phaseOf(open, now) === 'alone');
  return Response.json({ meeting: meetingAnswer(ended, now) });
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
