/**
 * `GET /api/documents/<id>/meetings/<meetingId>/summary` (anyone who may read): the meeting's summary
 * (lib/meetings/meeting-summary.ts) — the questions discussed, the notes and replies written during it, the passages
 * spotlighted, the most reacted notes — made of exactly the notes the caller may list (app/api/blind-filter.ts: in a
 * room read blind, only what their socket would show; hidden notes without their text). JSON `{ meeting, summary }`,
 * or `?format=md` a Markdown file to download. 404 for a meeting of another document; 400 for another parameter.
 */
import { getDb } from '../../../../../../../db/client.ts';
import { documentStructure, getDocument } from '../../../../../../../db/queries/documents.ts';
import { eventsOfMeeting, meetingById } from '../../../../../../../db/queries/meetings.ts';
import { attachmentDisposition } from '../../../../../../../lib/export/write-export.ts';
import { writeMeetingMarkdown } from '../../../../../../../lib/meetings/meeting-markdown.ts';
import { meetingWindow, summarizeMeeting } from '../../../../../../../lib/meetings/meeting-summary.ts';
import { formatLocator, locate, paragraphNumbers } from '../../../../../../../lib/text/locator.ts';
import { notesShownTo } from '../../../../../blind-filter.ts';
import { documentRequest } from '../../../../../document-request.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../../../http-errors.ts';
import { requestOrigin } from '../../../../../request-origin.ts';
import { meetingAnswer } from '../../meeting-response.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; meetingId: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id, caller } = opened.value;
  const url = new URL(request.url);
  const unknown = [...url.searchParams.keys()].find((k) => k !== 'format');
  if (unknown !== undefined) return jsonError(400, `unknown parameter ${JSON.stringify(unknown.slice(0, 40))}`);
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'md') return jsonError(400, 'format is json or md');
  const { meetingId } = await params;
  const db = getDb();
  const meeting = meetingId.length <= 64 ? meetingById(db, id, meetingId) : null;
  if (!meeting) return jsonError(404, 'no such meeting of this document');
  const now = new Date();
  const summary = summarizeMeeting(
    meetingWindow(meeting.startedAt, meeting.endedAt, now),
    eventsOfMeeting(db, meeting.id),
    notesShownTo(db, id, caller),
  );
  if (format === 'json')
    return Response.json({ meeting: meetingAnswer(meeting, now), summary }, { headers: { 'cache-control': 'private, no-store' } });
  const doc = getDocument(db, id);
  if (!doc) return unknownDocument(id);
  const { blocks, chapters } = documentStructure(doc);
  const numbers = paragraphNumbers(blocks, chapters);
  const markdown = writeMeetingMarkdown(summary, {
    document: { id: doc.id, title: doc.title, author: doc.author },
    meeting: { title: meeting.title, startedAt: meeting.startedAt.toISOString(), endedAt: meeting.endedAt?.toISOString() ?? null },
    origin: requestOrigin(request),
    locatorOf: (offset) => formatLocator(locate(offset, blocks, chapters, numbers)),
    exportedAt: now.toISOString(),
  });
  return new Response(markdown, {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': attachmentDisposition(`${doc.id}-meeting-${meeting.startedAt.toISOString().slice(0, 10)}.md`),
      'cache-control': 'private, no-store',
    },
  });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
