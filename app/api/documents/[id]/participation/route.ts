/**
 * `GET /api/documents/<id>/participation` (facilitators and the owner): who has written how much, per chapter, and
 * which members have not written yet (lib/meetings/participation.ts) — to invite people in, not to grade them.
 * Members are the text's group's (db/queries/groups.ts); a text without a group shows the readers who wrote.
 * `?meeting=<meetingId>` counts only what was written during that meeting.
 */
import { getDb } from '../../../../../db/client.ts';
import { documentStructure, getDocument } from '../../../../../db/queries/documents.ts';
import { membersOf } from '../../../../../db/queries/groups.ts';
import { meetingById } from '../../../../../db/queries/meetings.ts';
import { inWindow, meetingWindow } from '../../../../../lib/meetings/meeting-summary.ts';
import { participationOf } from '../../../../../lib/meetings/participation.ts';
import { notesSeenBy } from '../../../blind-filter.ts';
import { documentRequest } from '../../../document-request.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate');
  if (!opened.ok) return opened.response;
  const { id, caller } = opened.value;
  const url = new URL(request.url);
  const unknown = [...url.searchParams.keys()].find((k) => k !== 'meeting');
  if (unknown !== undefined) return jsonError(400, `unknown parameter ${JSON.stringify(unknown.slice(0, 40))}`);
  const db = getDb();
  const doc = getDocument(db, id);
  if (!doc) return unknownDocument(id);
  let notes = notesSeenBy(db, id, caller);
  const meetingId = url.searchParams.get('meeting');
  if (meetingId !== null) {
    const meeting = meetingId.length <= 64 ? meetingById(db, id, meetingId) : null;
    if (!meeting) return jsonError(404, 'no such meeting of this document');
    const window = meetingWindow(meeting.startedAt, meeting.endedAt, new Date());
    notes = notes.filter((a) => inWindow(a.created, window));
  }
  const groupId = caller.access.groupId;
  const members = groupId ? membersOf(db, groupId) : null;
  const { chapters } = documentStructure(doc);
  return Response.json(participationOf(notes, chapters, members), { headers: { 'cache-control': 'private, no-store' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
