/**
 * The stored notes a caller may list over HTTP (the listing, the protocol, search and exports all ask here): never
 * private ones (they are never in the rows); in a room set blind (lib/annotations/blind.ts) only those the caller's
 * socket would show — otherwise a route would read around it; with the caller's spoiler guard on, nothing past their
 * horizon; and a hidden note without its text unless the caller
 * moderates or wrote it. A reader's own choice to read blind is a setting of their socket and does not apply here.
 */
import { can } from '../../lib/access/roles.ts';
import { BlindView, effectiveBlindMode, spansFor, visibleNotes } from '../../lib/annotations/blind.ts';
import { redactHidden } from '../../lib/annotations/moderation.ts';
import type { Annotation } from '../../lib/annotations/schema.ts';
import { listAnnotations } from '../../db/queries/annotations.ts';
import { blindModeOf, textStructureOf } from '../../db/queries/blind-mode.ts';
import { spoilerHorizonOf } from '../../db/queries/reading-progress.ts';
import { agendaIdsOf } from '../../db/queries/agenda.ts';
import type { GlossaDb } from '../../db/client.ts';
import type { DocumentCaller } from './document-access.ts';

/**
 * The caller's view of a room set blind for them, or of their spoiler guard (the horizon holds over HTTP as on their
 * sockets: it is kept on the server); null when neither applies (they see every note).
 */
function blindViewFor(db: GlossaDb, documentId: string, caller: DocumentCaller): BlindView | null {
  const mode = effectiveBlindMode({ room: blindModeOf(db, documentId), chosen: 'off', role: caller.role });
  const userId = caller.principal?.userId ?? null;
  const horizon = userId ? spoilerHorizonOf(db, userId, documentId) : null;
  if (mode === 'off' && horizon === null) return null;
  const structure = mode === 'off' ? null : (textStructureOf(db, documentId) ?? { paragraphs: [], chapters: [] });
  const view = new BlindView(userId, mode, structure ? spansFor(mode, structure) : [], horizon);
  if (mode !== 'off') view.setAgenda(agendaIdsOf(db, documentId));
  return view;
}

/** The stored notes and replies `caller` may see on `documentId`, as stored (hidden ones not yet redacted). */
export function notesSeenBy(db: GlossaDb, documentId: string, caller: DocumentCaller): Annotation[] {
  const view = blindViewFor(db, documentId, caller);
  const notes = listAnnotations(db, documentId);
  return view ? visibleNotes(view, notes) : notes;
}

/** The notes `caller` may list, as they may read them: {@link notesSeenBy}, hidden notes' text taken out. */
export function notesShownTo(db: GlossaDb, documentId: string, caller: DocumentCaller): Annotation[] {
  const reader = { id: caller.principal?.userId ?? null, moderator: can(caller.role, 'moderate') };
  return notesSeenBy(db, documentId, caller).map((a) => redactHidden(a, reader));
}

/** The ids of the notes and replies `caller` may see when the room is blind or guarded for them; null when it is neither. */
export function visibleIdsFor(db: GlossaDb, documentId: string, caller: DocumentCaller): Set<string> | null {
  const view = blindViewFor(db, documentId, caller);
  return view ? new Set(visibleNotes(view, listAnnotations(db, documentId)).map((a) => a.id)) : null;
}
