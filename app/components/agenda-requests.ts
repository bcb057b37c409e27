/**
 * The agenda's requests to `/api/documents/<id>/agenda/…` (lib/meetings/agenda.ts): reading it, and the changes a
 * facilitator makes. Each change answers the agenda as it now is (parsed here: JSON from the network is a
 * boundary), so the page shows it at once; other readers hear of it on the notice channel and read it again.
 */
import { type Agenda, agendaSchema } from '../../lib/meetings/agenda.ts';
import type { Placement } from '../../lib/meetings/agenda-order.ts';
import { ApiRequestError, apiRequest } from './api-request.ts';

const agendaUrl = (documentId: string, path = '') => `/api/documents/${encodeURIComponent(documentId)}/agenda${path}`;

/** Parses an answer's agenda; a shape the page does not know is a failure to show, not a crash. */
function parsed(value: unknown): Agenda {
  const agenda = agendaSchema.safeParse(value);
  if (!agenda.success) throw new ApiRequestError('The agenda could not be read (an unexpected answer).', 200);
  return agenda.data;
}

async function change<T extends object>(url: string, method: string, body?: unknown): Promise<T & { agenda: Agenda }> {
  const answer = await apiRequest<T & { agenda?: unknown }>(url, method, body);
  return { ...answer, agenda: parsed(answer.agenda) };
}

/** What a removal took off (where it was, for its undo). */
export interface RemovedItem {
  annotationId: string;
  after: string | null;
  current: boolean;
}

/** `GET …/agenda`: the agenda as this reader may see it. */
export const fetchAgenda = async (documentId: string, signal?: AbortSignal): Promise<Agenda> =>
  parsed(await apiRequest<unknown>(agendaUrl(documentId), 'GET', undefined, signal));

/** `POST …/agenda/questions`: a new question, tied to `range` or to none. */
export const askQuestion = (documentId: string, text: string, range: { start: number; end: number } | null) =>
  change<{ id: string }>(agendaUrl(documentId, '/questions'), 'POST', { text, ...(range ?? {}) });

/** `POST …/agenda`: existing question notes, at `placement` (the end by default). */
export const addQuestions = (documentId: string, annotationIds: string[], placement?: Placement) =>
  change<{ added: string[] }>(agendaUrl(documentId), 'POST', { annotationIds, ...(placement ?? {}) });

/** `POST …/agenda/open-questions`: every open question not on the agenda, in text order. */
export const addOpenQuestions = (documentId: string) => change<{ added: string[] }>(agendaUrl(documentId, '/open-questions'), 'POST', {});

/** `PATCH …/agenda/items/<id>`: moves an item right after or before another. */
export const moveQuestion = (documentId: string, annotationId: string, placement: Placement) =>
  change<object>(agendaUrl(documentId, `/items/${encodeURIComponent(annotationId)}`), 'PATCH', placement);

/** `DELETE …/agenda/items/<id>`: takes an item off (its note stays); the answer says where it was. */
export const removeQuestion = (documentId: string, annotationId: string) =>
  change<{ removed: RemovedItem }>(agendaUrl(documentId, `/items/${encodeURIComponent(annotationId)}`), 'DELETE');

/** `PUT …/agenda/current`: the question discussed now, or none. */
export const setCurrentQuestion = (documentId: string, annotationId: string | null) =>
  change<object>(agendaUrl(documentId, '/current'), 'PUT', { annotationId });
