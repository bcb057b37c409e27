/**
 * `PUT /api/documents/<id>/agenda/current` (a facilitator or the owner) `{ annotationId }` makes an agenda item the
 * question the group discusses now (`null`: none) → `{ agenda }`; 404 for a question not on the agenda. A change is
 * recorded in the document's open meeting (event `current`, read by its summary as a question discussed) and every
 * open reader is told, so the pinned question changes for everyone at once.
 */
import { getDb } from '../../../../../../db/client.ts';
import { setCurrentAgendaItem } from '../../../../../../db/queries/agenda.ts';
import { recordMeetingEvent } from '../../../../../../db/queries/meeting-events.ts';
import { agendaLimits } from '../../../../../../lib/limits.ts';
import { currentRequestSchema } from '../../../../../../lib/meetings/agenda.ts';
import { methodNotAllowed } from '../../../../http-errors.ts';
import { readJsonBody } from '../../../../read-body.ts';
import { agendaChanged, agendaEditor } from '../agenda-http.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const body = await readJsonBody(request, currentRequestSchema, agendaLimits.bodyBytes);
  if (!body.ok) return body.response;
  const db = getDb();
  const { documentId, principal } = editor.value;
  const { annotationId } = body.value;
  const change = setCurrentAgendaItem(db, documentId, annotationId);
  if (change.ok && change.value.changed && annotationId !== null)
    recordMeetingEvent(db, documentId, { kind: 'current', data: { annotationId }, actorId: principal.userId });
  return agendaChanged(db, editor.value, change);
}

const notAllowed = methodNotAllowed(['PUT']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
