/**
 * `/api/documents/<id>/agenda/items/<annotationId>` (a facilitator or the owner):
 * - `PATCH` `{ after }` or `{ before }` (an item's id; `after: null` first, `before: null` last) moves the item →
 *   `{ agenda }`. One key is rewritten (lib/meetings/agenda-order.ts), so concurrent moves never double or drop one.
 * - `DELETE` takes the item off the agenda — the question's note stays in the room → `{ removed: { annotationId,
 *   after, current }, agenda }` (where it was, so an undo can put it back with `POST …/agenda`).
 * 404 for an item not on the agenda.
 */
import { getDb } from '../../../../../../../db/client.ts';
import { moveAgendaItem, removeAgendaItem } from '../../../../../../../db/queries/agenda.ts';
import { annotationIdSchema } from '../../../../../../../lib/annotations/schema.ts';
import { agendaLimits } from '../../../../../../../lib/limits.ts';
import { moveRequestSchema, placementOf } from '../../../../../../../lib/meetings/agenda.ts';
import { jsonError, methodNotAllowed } from '../../../../../http-errors.ts';
import { readJsonBody } from '../../../../../read-body.ts';
import { agendaChanged, agendaEditor } from '../../agenda-http.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; annotationId: string }> };

async function itemId(params: Params['params']): Promise<string | null> {
  const parsed = annotationIdSchema.safeParse((await params).annotationId);
  return parsed.success ? parsed.data : null;
}

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const annotationId = await itemId(params);
  if (!annotationId) return jsonError(400, 'not an annotation id');
  const body = await readJsonBody(request, moveRequestSchema, agendaLimits.bodyBytes);
  if (!body.ok) return body.response;
  const db = getDb();
  return agendaChanged(db, editor.value, moveAgendaItem(db, editor.value.documentId, annotationId, placementOf(body.value)));
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const editor = await agendaEditor(request, params);
  if (!editor.ok) return editor.response;
  const annotationId = await itemId(params);
  if (!annotationId) return jsonError(400, 'not an annotation id');
  const db = getDb();
  return agendaChanged(db, editor.value, removeAgendaItem(db, editor.value.documentId, annotationId), (removed) => ({ removed }));
}

const notAllowed = methodNotAllowed(['PATCH', 'DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
