/**
 * Reading blind over HTTP: a room set blind (lib/annotations/blind.ts) binds what its viewers and annotators can
 * list, not only what their sockets receive — otherwise a route would read around it. A reader's own choice to
 * read blind is a setting of their socket and does not apply here.
 */
import { blindModeOf, textStructureOf } from '../../db/queries/blind-mode.ts';
import type { GlossaDb } from '../../db/client.ts';
import { BlindView, effectiveBlindMode, spansFor, visibleNotes } from '../../lib/annotations/blind.ts';
import { listAnnotations } from '../../db/queries/annotations.ts';
import type { DocumentCaller } from './document-access.ts';

/** Keeps the notes `caller` may see on `documentId` (all of them when the room is not blind for them). */
export function blindFilterFor(db: GlossaDb, documentId: string, caller: DocumentCaller): <T extends { id: string }>(notes: T[]) => T[] {
  const mode = effectiveBlindMode({ room: blindModeOf(db, documentId), chosen: 'off', role: caller.role });
  if (mode === 'off') return (notes) => notes;
  const structure = textStructureOf(db, documentId) ?? { paragraphs: [], chapters: [] };
  return (notes) => visibleNotes(new BlindView(caller.principal?.userId ?? null, mode, spansFor(mode, structure)), notes);
}

/** The ids of the notes and replies `caller` may see when the room is blind for them; null when it is not. */
export function visibleIdsFor(db: GlossaDb, documentId: string, caller: DocumentCaller): Set<string> | null {
  if (effectiveBlindMode({ room: blindModeOf(db, documentId), chosen: 'off', role: caller.role }) === 'off') return null;
  return new Set(blindFilterFor(db, documentId, caller)(listAnnotations(db, documentId)).map((a) => a.id));
}
