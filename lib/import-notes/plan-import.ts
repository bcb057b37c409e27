/**
 * From the notes read from a file to what the room writes: each note re-anchored on this document's text
 * (position → quote → fuzzy, lib/anchoring/reanchor.ts), built as a Glossa note of the importer's with a new id,
 * and held to the same validation as a client's note (validateAnnotation) before it may enter the room. What cannot
 * be placed is an orphan, kept for the importer to place by hand. Pure: the route supplies the clock, the ids and
 * the room's current state.
 */
import { reanchorSelectors, type ReanchorMethod } from '../anchoring/reanchor.ts';
import type { TextRange, TextSelector } from '../anchoring/types.ts';
import { buildPassageAnnotation, buildReply } from '../annotations/build-annotation.ts';
import { annotationLimits } from '../annotations/limits.ts';
import { noteTypeInfo, noteTypes, type NoteType } from '../annotations/note-types.ts';
import type { Annotation, Creator, Tag } from '../annotations/schema.ts';
import { validateAnnotation } from '../annotations/validate-annotation.ts';
import type { RoomSnapshot, ServerPlan } from '../collab/server-plan.ts';
import { colorFor, palette } from '../tags/palette.ts';
import type { IncomingNote, SkippedNote } from './parse-notes.ts';

/** A note placed on the text, with how. */
export interface PlacedNote {
  note: IncomingNote;
  range: TextRange;
  method: ReanchorMethod;
  score: number;
}

/** A note that could not be placed, and why. */
export interface UnplacedNote {
  note: IncomingNote;
  reason: string;
  score?: number;
}

/** The notes sorted by what happened to them on this text. */
export interface AnchoredNotes {
  placed: PlacedNote[];
  unplaced: UnplacedNote[];
  /** Replies (their target is another note of the file): imported under their note if it is. */
  replies: IncomingNote[];
}

/**
 * Re-anchors every passage note of the file on `text`. Once `budgetMs` have been spent (`clock` in ms), the notes
 * left are not searched at all and come back unplaced with reason `time-budget`.
 */
export function anchorNotes(
  text: string,
  notes: IncomingNote[],
  budgetMs: number,
  clock: () => number = () => performance.now(),
): AnchoredNotes {
  const out: AnchoredNotes = { placed: [], unplaced: [], replies: [] };
  const deadline = clock() + budgetMs;
  for (const note of notes) {
    if (note.replyTo !== undefined) {
      out.replies.push(note);
      continue;
    }
    if (clock() > deadline) {
      out.unplaced.push({ note, reason: 'time-budget' });
      continue;
    }
    const selectors: TextSelector[] = [];
    if (note.quote) selectors.push(note.quote);
    if (note.position) selectors.push(note.position);
    const result = reanchorSelectors(text, selectors);
    if (result.ok) out.placed.push({ note, range: result.range, method: result.method, score: result.score });
    else out.unplaced.push({ note, reason: result.reason, ...(result.score !== undefined ? { score: result.score } : {}) });
  }
  return out;
}

/**
 * The comment an imported note carries: its own, and — when someone else wrote it — a last line
 * "— Originally by NAME" (Glossa's notes have no field for a second author; the text keeps the credit visible in
 * every export). A note of the importer's own (same name) keeps its comment unchanged, so a round trip does too.
 */
export function importedComment(note: Pick<IncomingNote, 'comment' | 'author'>, importer: Creator): string {
  const author = note.author?.trim();
  if (!author || author === importer.name) return note.comment;
  const credit = `— Originally by ${author.slice(0, annotationLimits.creatorNameLength)}`;
  return note.comment ? `${note.comment}\n\n${credit}` : credit;
}

/** The note type a file's motivation (and Glossa's `noteType`) asks for, for a note with a comment. */
function typeOf(note: IncomingNote): NoteType {
  if (note.noteType === 'evidence') return 'evidence';
  return noteTypes.find((t) => t !== 'evidence' && noteTypeInfo[t].motivation === note.motivation) ?? 'comment';
}

/** What the import did, note by note. */
export interface ImportOutcome {
  imported: Array<{ index: number; id: string; method: ReanchorMethod | 'reply'; score: number }>;
  /** Placed, but refused by the room's validation (e.g. a comment over the limit): reported, not stored. */
  refused: SkippedNote[];
  /** Tags left off notes because the room's vocabulary is full. */
  tagsLeftOut: string[];
}

export interface ImportPlanInput {
  documentId: string;
  text: string;
  creator: Creator;
  anchored: AnchoredNotes;
  now: Date;
  newId: () => string;
  tagsPerRoom: number;
  annotationsPerRoom: number;
}

/**
 * The server change that writes the placed notes (and the replies to them) into the room, given the room's notes
 * and themes now: each note validated exactly as a client's would be; missing themes created with a colour no theme
 * of the room has. Returns `error` instead when the room cannot take that many notes.
 */
export function buildImportPlan(
  input: ImportPlanInput,
  room: RoomSnapshot,
): { plan: ServerPlan; outcome: ImportOutcome } | { error: string } {
  const { anchored, creator, documentId, text, now } = input;
  const incoming = anchored.placed.length + anchored.replies.length;
  if (room.annotations.size + incoming > input.annotationsPerRoom)
    return {
      error: `this room holds ${room.annotations.size} notes; ${incoming} more would pass its limit of ${input.annotationsPerRoom}`,
    };

  const outcome: ImportOutcome = { imported: [], refused: [], tagsLeftOut: [] };
  const written = new Map<string, Annotation>();
  const upsertTags: Array<Tag & { name: string }> = [];
  const usedColours = new Set([...room.tags.values()].map((t) => t.color.toLowerCase()));
  let vocabulary = room.tags.size;
  const allowedTag = (name: string): boolean => {
    if (room.tags.has(name) || upsertTags.some((t) => t.name === name)) return true;
    if (vocabulary >= input.tagsPerRoom) {
      if (!outcome.tagsLeftOut.includes(name)) outcome.tagsLeftOut.push(name);
      return false;
    }
    const color = palette.find((c) => !usedColours.has(c)) ?? colorFor(name);
    usedColours.add(color);
    upsertTags.push({ name, label: name, color });
    vocabulary++;
    return true;
  };
  const ctx = {
    documentId,
    text,
    hasAnnotation: (id: string) => room.annotations.has(id) || written.has(id),
  };
  const created = (note: IncomingNote) => note.created ?? now.toISOString();

  // The file's ids of imported notes → their new ids, for the replies.
  const newIds = new Map<string, string>();
  for (const { note, range, method, score } of anchored.placed) {
    const id = input.newId();
    const tags = note.tags.filter(allowedTag);
    const annotation = {
      ...buildPassageAnnotation({
        id,
        documentId,
        creator,
        text,
        range,
        comment: importedComment(note, creator),
        tags,
        now,
        type: typeOf(note),
      }),
      created: created(note),
    };
    const verdict = validateAnnotation(id, annotation, ctx);
    if (!verdict.ok) {
      outcome.refused.push({ index: note.index, reason: verdict.reason });
      continue;
    }
    written.set(id, verdict.annotation);
    if (note.sourceId !== undefined) newIds.set(note.sourceId, id);
    outcome.imported.push({ index: note.index, id, method, score: Math.round(score * 1000) / 1000 });
  }
  for (const note of anchored.replies) {
    const parent = note.replyTo !== undefined ? newIds.get(note.replyTo) : undefined;
    if (!parent) {
      outcome.refused.push({ index: note.index, reason: 'a reply to a note that was not imported' });
      continue;
    }
    const id = input.newId();
    const reply = { ...buildReply({ id, parentId: parent, creator, text: importedComment(note, creator), now }), created: created(note) };
    const verdict = validateAnnotation(id, reply, ctx);
    if (!verdict.ok) {
      outcome.refused.push({ index: note.index, reason: verdict.reason });
      continue;
    }
    written.set(id, verdict.annotation);
    outcome.imported.push({ index: note.index, id, method: 'reply', score: 1 });
  }
  // Tags made for notes that were then refused are not written.
  const usedTags = new Set<string>();
  for (const a of written.values()) for (const b of a.body) if (b.purpose === 'tagging') usedTags.add(b.value);
  return {
    plan: { upsertAnnotations: [...written.values()], upsertTags: upsertTags.filter((t) => usedTags.has(t.name)), deleteTags: [] },
    outcome,
  };
}
