/**
 * What the agenda's routes (`/api/documents/<id>/agenda/…`) share: the check every change passes (same origin, a
 * document id, a facilitator or the owner signed in), the agenda as one caller may see it (their blind view, hidden
 * questions without their words), and the answer to a change — after which every open reader of the room is told
 * (notice `agenda`) and reads the agenda again.
 */
import type { GlossaDb } from '../../../../../db/client.ts';
import type { Principal } from '../../../../../db/principal.ts';
import { type AgendaChange, agendaIdsOf, agendaRowsOf, notesByIds, replyCountsOf, structureOf } from '../../../../../db/queries/agenda.ts';
import { can } from '../../../../../lib/access/roles.ts';
import { redactHidden } from '../../../../../lib/annotations/moderation.ts';
import type { Annotation } from '../../../../../lib/annotations/schema.ts';
import { notifyRoom, setRoomAgenda } from '../../../../../lib/collab/live-rooms.ts';
import { type Agenda, agendaView } from '../../../../../lib/meetings/agenda.ts';
import { formatLocator, locate, paragraphNumbers } from '../../../../../lib/text/locator.ts';
import { visibleIdsFor } from '../../../blind-filter.ts';
import type { DocumentCaller } from '../../../document-access.ts';
import { documentRequest } from '../../../document-request.ts';
import { type Checked, jsonError } from '../../../http-errors.ts';

/** The agenda of `documentId` as `caller` may see it. */
export function agendaFor(db: GlossaDb, documentId: string, caller: DocumentCaller): Agenda {
  const rows = agendaRowsOf(db, documentId);
  const ids = rows.map((r) => r.annotationId);
  const visible = visibleIdsFor(db, documentId, caller);
  const reader = { id: caller.principal?.userId ?? null, moderator: can(caller.role, 'moderate') };
  const shown = new Map<string, Annotation>();
  for (const [id, note] of notesByIds(db, documentId, ids)) if (!visible || visible.has(id)) shown.set(id, redactHidden(note, reader));
  const structure = structureOf(db, documentId) ?? { blocks: [], chapters: [] };
  const numbers = paragraphNumbers(structure.blocks, structure.chapters);
  const locatorAt = (offset: number) => formatLocator(locate(offset, structure.blocks, structure.chapters, numbers));
  return agendaView(rows, shown, replyCountsOf(db, documentId, ids), locatorAt);
}

/** A facilitator (or the owner) changing the agenda of a document. */
export interface AgendaEditor {
  documentId: string;
  caller: DocumentCaller;
  principal: Principal;
}

/** The checks before any agenda change: same origin, a well-formed id, a signed-in caller who may moderate. */
export async function agendaEditor(request: Request, params: Promise<{ id: string }>): Promise<Checked<AgendaEditor>> {
  const opened = await documentRequest(request, params, 'moderate', { write: true, signedIn: 'sign in to change the agenda' });
  if (!opened.ok) return opened;
  const { id, caller, principal } = opened.value;
  return { ok: true, value: { documentId: id, caller, principal } };
}

/**
 * The answer to an agenda change: a refusal as its status and reason; otherwise the room is told and the caller
 * gets the agenda as it now is (with `extra`, e.g. what was added).
 */
export function agendaChanged<T>(
  db: GlossaDb,
  editor: AgendaEditor,
  change: AgendaChange<T>,
  extra: (value: T) => Record<string, unknown> = () => ({}),
  status = 200,
): Response {
  if (!change.ok) return jsonError(change.refusal.status, change.refusal.reason);
  // Blind readers see the agenda's questions (not the answers): their sockets learn the new set first.
  setRoomAgenda(editor.documentId, agendaIdsOf(db, editor.documentId));
  notifyRoom(editor.documentId, { kind: 'agenda' });
  return Response.json(
    { ...extra(change.value), agenda: agendaFor(db, editor.documentId, editor.caller) },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}
