/**
 * `POST /api/documents/<id>/agenda/questions` (a facilitator or the owner) `{ text, start?, end? }`: a new discussion
 * question. The server writes it as the caller's `questioning` note through the document's live room — judged like
 * any note (schema, quote, role, the per-minute note quota), stored, and sent to every open reader at once — tied to
 * the passage `start`–`end` (UTF-16 offsets of the text), or, with no passage, to the first word of the text's first
 * block (the note model requires a passage). Then it goes at the end of the agenda → 201 `{ id, agenda }`.
 */
import { randomUUID } from 'node:crypto';
import { getDb } from '../../../../../../db/client.ts';
import { addAgendaItems, agendaRowsOf, structureOf } from '../../../../../../db/queries/agenda.ts';
import { getDocumentText } from '../../../../../../db/queries/documents.ts';
import { buildPassageAnnotation } from '../../../../../../lib/annotations/build-annotation.ts';
import { writeRoomAnnotation } from '../../../../../../lib/collab/live-rooms.ts';
import { agendaLimits } from '../../../../../../lib/limits.ts';
import { newQuestionRequestSchema, untiedQuestionRange } from '../../../../../../lib/meetings/agenda.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../../http-errors.ts';
import { readJsonBody } from '../../../../read-body.ts';
import { roomFailure } from '../../annotations/protocol.ts';
import { agendaChanged, agendaEditor } from '../agenda-http.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const body = await readJsonBody(request, newQuestionRequestSchema, agendaLimits.bodyBytes);
  if (!body.ok) return body.response;
  const db = getDb();
  const { documentId, caller, principal } = editor.value;
  const text = getDocumentText(db, documentId);
  if (text === null) return unknownDocument(documentId);
  // Checked before the note is written, so a full agenda leaves no stray question in the room.
  if (agendaRowsOf(db, documentId).length >= agendaLimits.items)
    return jsonError(409, `an agenda holds at most ${agendaLimits.items} questions`);
  const { start, end } = body.value;
  let range: { start: number; end: number } | null;
  if (start !== undefined && end !== undefined) {
    if (end > text.length) return jsonError(400, `the passage ends at ${end}, past the end of the text (${text.length})`);
    if (!text.slice(start, end).trim()) return jsonError(400, 'the passage holds no words');
    range = { start, end };
  } else range = untiedQuestionRange(text, structureOf(db, documentId)?.blocks ?? []);
  if (!range) return jsonError(400, 'this text has no words to tie a question to');
  const creator = { id: principal.userId, name: principal.name };
  const id = randomUUID();
  const note = buildPassageAnnotation({
    id,
    documentId,
    creator,
    text,
    range,
    comment: body.value.text,
    tags: [],
    now: new Date(),
    type: 'question',
  });
  try {
    const outcome = await writeRoomAnnotation(documentId, {
      caller: { userId: principal.userId, name: principal.name, role: caller.role },
      id,
      decide: (current) => (current ? { refused: { status: 409, reason: `a note ${id} already exists` } } : { value: note }),
    });
    if (!outcome) return unknownDocument(documentId);
    if (!outcome.ok) return jsonError(outcome.status, outcome.reason);
  } catch (err) {
    return roomFailure(err);
  }
  const change = addAgendaItems(db, documentId, [id], { before: null }, principal.userId);
  return agendaChanged(db, editor.value, change, () => ({ id }), 201);
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
