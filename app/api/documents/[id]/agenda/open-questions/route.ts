/**
 * `POST /api/documents/<id>/agenda/open-questions` (a facilitator or the owner; no body, or `{}`): puts every open
 * question of the room — a `questioning` note neither resolved nor answered, nor removed — that is not on the agenda
 * yet at its end, in text order, in one step → `{ added, agenda }`.
 */
import { getDb } from '../../../../../../db/client.ts';
import { addAgendaItems, agendaRowsOf } from '../../../../../../db/queries/agenda.ts';
import { agendaLimits } from '../../../../../../lib/limits.ts';
import { openQuestionsToAdd } from '../../../../../../lib/meetings/agenda.ts';
import { notesSeenBy } from '../../../../blind-filter.ts';
import { jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { readBodyText } from '../../../../read-body.ts';
import { agendaChanged, agendaEditor } from '../agenda-http.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const body = await readBodyText(request, 1024);
  if (!body.ok) return body.response;
  if (body.value.trim() !== '' && body.value.trim() !== '{}') return jsonError(400, 'this request takes no body (or {})');
  const db = getDb();
  const { documentId, caller, principal } = editor.value;
  const onAgenda = new Set(agendaRowsOf(db, documentId).map((r) => r.annotationId));
  const open = openQuestionsToAdd(notesSeenBy(db, documentId, caller), onAgenda);
  if (open.length > 0 && onAgenda.size + open.length > agendaLimits.items)
    return jsonError(
      409,
      `${open.length} open questions would pass the agenda's ${agendaLimits.items} questions (it has ${onAgenda.size})`,
    );
  const change = addAgendaItems(db, documentId, open, { before: null }, principal.userId);
  return agendaChanged(db, editor.value, change, (added) => ({ added }));
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
