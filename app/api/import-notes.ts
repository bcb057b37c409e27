/**
 * What the import and orphan routes share: the caller as a note's creator, and writing placed notes through the
 * document's live room (one server change: every open reader sees them at once; log and rows stored together).
 */
import { randomUUID } from 'node:crypto';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import type { Creator } from '../../lib/annotations/schema.ts';
import { changeRoom } from '../../lib/collab/live-rooms.ts';
import type { IncomingNote } from '../../lib/import-notes/parse-notes.ts';
import { type AnchoredNotes, anchorNotes, buildImportPlan, type ImportOutcome } from '../../lib/import-notes/plan-import.ts';
import { roomLimits } from '../../lib/limits.ts';
import type { DocumentCaller } from './document-access.ts';
import { type Checked, jsonError } from './http-errors.ts';

/** The signed-in caller as the creator of the notes they import. */
export function importerOf(caller: DocumentCaller): Checked<Creator & { userId: string }> {
  const principal = caller.principal;
  if (!principal) return { ok: false, response: jsonError(401, 'sign in to import notes') };
  return {
    ok: true,
    value: { id: principal.userId, userId: principal.userId, name: principal.name.slice(0, annotationLimits.creatorNameLength) },
  };
}

/**
 * Milliseconds of anchoring before the event loop gets a turn: the rooms of this process keep serving while a large
 * file is placed (a count of notes per turn would not do: a crafted note can cost far more than a real one).
 */
const turnMs = 20;

/** {@link anchorNotes} over `notes` one at a time, yielding every {@link turnMs}, within one budget. */
export async function anchorInTurns(text: string, notes: IncomingNote[], budgetMs: number): Promise<AnchoredNotes> {
  const deadline = performance.now() + budgetMs;
  const out: AnchoredNotes = { placed: [], unplaced: [], replies: [] };
  let turn = performance.now();
  for (const note of notes) {
    const part = anchorNotes(text, [note], deadline - performance.now());
    out.placed.push(...part.placed);
    out.unplaced.push(...part.unplaced);
    out.replies.push(...part.replies);
    if (performance.now() - turn > turnMs) {
      await new Promise((resolve) => setImmediate(resolve));
      turn = performance.now();
    }
  }
  return out;
}

const noPlan = { upsertAnnotations: [], upsertTags: [], deleteTags: [] };

/**
 * Writes `anchored` into the document's room as `creator`'s notes; the outcome, or the response that refuses it
 * (404 unknown document, 409 the room is full, 503 the change could not be saved).
 */
export async function writeImported(
  documentId: string,
  text: string,
  creator: Creator,
  anchored: AnchoredNotes,
): Promise<Checked<ImportOutcome>> {
  try {
    const result = await changeRoom<ImportOutcome | { error: string }>(documentId, (room) => {
      const built = buildImportPlan(
        {
          documentId,
          text,
          creator: { id: creator.id, name: creator.name },
          anchored,
          now: new Date(),
          newId: randomUUID,
          tagsPerRoom: roomLimits.tagsPerRoom,
          annotationsPerRoom: roomLimits.annotationsPerRoom,
        },
        room,
      );
      if ('error' in built) return { plan: noPlan, result: built };
      return { plan: built.plan, result: built.outcome };
    });
    if (!result) return { ok: false, response: jsonError(404, `unknown document: ${documentId}`) };
    if ('error' in result) return { ok: false, response: jsonError(409, result.error) };
    return { ok: true, value: result };
  } catch (err) {
    return { ok: false, response: jsonError(503, `the notes could not be saved: ${String((err as Error)?.message ?? err)}`) };
  }
}
