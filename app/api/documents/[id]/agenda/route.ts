/**
 * `/api/documents/<id>/agenda`: the document's discussion agenda (lib/meetings/agenda.ts).
 * - `GET` (anyone who may read the document) → `{ items, current }`: the questions in order, each with its words,
 *   passage, author and thread state, and which one is current; questions the caller may not see (deleted, or held
 *   back by a room set blind) are left out, a hidden one comes without its words.
 * - `POST` (a facilitator or the owner) `{ annotationIds, after? | before? }` puts existing question notes of the
 *   room on the agenda (at the end unless placed; ids already on it are skipped) → `{ added, agenda }`.
 * Every change tells the room's open readers (notice `agenda`), who read the agenda again.
 */
import { getDb } from '../../../../../db/client.ts';
import { addAgendaItems, notesByIds } from '../../../../../db/queries/agenda.ts';
import { agendaLimits } from '../../../../../lib/limits.ts';
import { addItemsRequestSchema, isQuestion, placementOf } from '../../../../../lib/meetings/agenda.ts';
import { documentRequest } from '../../../document-request.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';
import { agendaChanged, agendaEditor, agendaFor } from './agenda-http.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id, caller } = opened.value;
  return Response.json(agendaFor(getDb(), id, caller), { headers: { 'cache-control': 'no-store' } });
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const body = await readJsonBody(request, addItemsRequestSchema, agendaLimits.bodyBytes);
  if (!body.ok) return body.response;
  const db = getDb();
  const { documentId } = editor.value;
  const notes = notesByIds(db, documentId, body.value.annotationIds);
  for (const id of body.value.annotationIds) {
    const note = notes.get(id);
    if (!note) return jsonError(404, `no note ${id} in this document`);
    if (!isQuestion(note)) return jsonError(400, `note ${id} is not a question: only questions go on the agenda`);
  }
  const change = addAgendaItems(db, documentId, body.value.annotationIds, placementOf(body.value), editor.value.principal.userId);
  return agendaChanged(db, editor.value, change, (added) => ({ added }));
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
