/**
 * `GET /api/documents/<id>/export?format=md|csv|jsonld|docx&notes=all|mine|filter&group=…&replies=1|0&style=…`
 * (anyone who may read the document): the notes as a file to download — the Markdown essay pack, CSV, W3C JSON-LD
 * or DOCX (lib/export/). What is exported is exactly what `GET …/annotations` shows the caller: the stored shared
 * notes (never private ones), hidden notes redacted unless the caller moderates or wrote them, and in a room set
 * blind only what the caller's socket would show; `meeting=<id>` keeps the notes written during that meeting (404 for
 * another document's). Parameters are described in ./schema.ts; a bad one is 400
 * `{ error }`, a query string longer than `exportLimits.queryLength` 414; 401/403/404 as every document route.
 */
import { getDb } from '../../../../../db/client.ts';
import { listTags } from '../../../../../db/queries/annotations.ts';
import { documentStructure, getDocument } from '../../../../../db/queries/documents.ts';
import { can } from '../../../../../lib/access/roles.ts';
import { meetingById } from '../../../../../db/queries/meetings.ts';
import { meetingWindow, writtenInWindow } from '../../../../../lib/meetings/meeting-summary.ts';
import { buildExportModel } from '../../../../../lib/export/export-model.ts';
import { attachmentDisposition, exportFileName, exportFileTypes, writeExport } from '../../../../../lib/export/write-export.ts';
import { exportLimits } from '../../../../../lib/limits.ts';
import { notesShownTo } from '../../../blind-filter.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { requestOrigin } from '../../../request-origin.ts';
import { parseExportQuery } from './schema.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const url = new URL(request.url);
  const origin = requestOrigin(request);
  if (url.search.length > exportLimits.queryLength)
    return jsonError(414, `the query is longer than ${exportLimits.queryLength} characters`);
  const query = parseExportQuery(url);
  if (!query.ok) return jsonError(400, query.error);
  const db = getDb();
  const doc = getDocument(db, id.value);
  if (!doc) return unknownDocument(id.value);
  const viewer = { id: caller.value.principal?.userId ?? null, moderator: can(caller.value.role, 'moderate') };
  if (query.value.notes === 'mine' && !viewer.id) return jsonError(401, 'sign in to export your notes');
  // Exactly what the listing shows the caller (app/api/blind-filter.ts).
  let notes = notesShownTo(db, id.value, caller.value);
  // `meeting=<id>`: only what was written during that meeting ("Notes from the meeting of …").
  if (query.value.meeting !== undefined) {
    const meeting = meetingById(db, id.value, query.value.meeting);
    if (!meeting) return jsonError(404, 'no such meeting of this document');
    notes = writtenInWindow(notes, meetingWindow(meeting.startedAt, meeting.endedAt, new Date()));
  }
  const { blocks, chapters } = documentStructure(doc);
  const model = buildExportModel(
    { id: doc.id, title: doc.title, author: doc.author, metadata: doc.metadata, text: doc.text, blocks, chapters },
    notes,
    listTags(db, id.value),
    {
      selection: query.value.notes,
      filter: query.value.filter,
      viewer,
      grouping: query.value.group,
      replies: query.value.replies,
      style: query.value.style,
      origin,
      exportedAt: new Date().toISOString(),
    },
  );
  const body = await writeExport(model, query.value.format, `${origin}${url.pathname}${url.search}`);
  const fileName = exportFileName(doc.id, query.value.format);
  return new Response(body as BodyInit, {
    headers: {
      'content-type': exportFileTypes[query.value.format].contentType,
      'content-disposition': attachmentDisposition(fileName),
      'cache-control': 'private, no-store',
      'x-glossa-export-notes': String(model.notes.length),
    },
  });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
