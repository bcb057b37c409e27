/**
 * A document's agenda: the discussion questions a facilitator prepares for an evening, in their order, one of them
 * the current question. Each item is a note of the room (W3C `questioning`), so it filters and exports with every
 * note; the agenda itself (order, current) is the server's (db/schema.ts `agenda_items`), changed over HTTP by
 * facilitators and owners and announced on the notice channel. This module holds what browser and server share:
 * the request and answer schemas, and the pure rules — which notes are open questions, how an agenda is shown to a
 * reader, where a question tied to no passage is anchored.
 */
import { z } from 'zod';
import { commentOf } from '../annotations/build-annotation.ts';
import { annotationIdSchema, creatorSchema, isPassageAnnotation, type Annotation, type PassageAnnotation } from '../annotations/schema.ts';
import type { TextRange } from '../anchoring/types.ts';
import { agendaLimits, annotationLimits } from '../limits.ts';
import type { Block } from '../text/document-model.ts';
import { inAgendaOrder, type Placement } from './agenda-order.ts';

const offset = z.int().nonnegative();

/** `after` or `before` (at most one; null: first or last). */
const placementFields = {
  after: annotationIdSchema.nullable().optional(),
  before: annotationIdSchema.nullable().optional(),
};
const atMostOnePlace = (p: { after?: string | null; before?: string | null }) => p.after === undefined || p.before === undefined;

/** The placement a request names, or `fallback` when it names none. */
export function placementOf(p: { after?: string | null; before?: string | null }, fallback: Placement = { before: null }): Placement {
  if (p.after !== undefined) return { after: p.after };
  if (p.before !== undefined) return { before: p.before };
  return fallback;
}

/** `POST …/agenda`: put existing question notes on the agenda (at the end unless placed), in the order given. */
export const addItemsRequestSchema = z
  .strictObject({ annotationIds: z.array(annotationIdSchema).min(1).max(agendaLimits.items), ...placementFields })
  .refine(atMostOnePlace, 'name after or before, not both');

/** `POST …/agenda/questions`: a new question, tied to a passage (`start`/`end`, UTF-16 offsets) or not. */
export const newQuestionRequestSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(annotationLimits.commentLength),
    start: offset.optional(),
    end: offset.optional(),
  })
  .refine((q) => (q.start === undefined) === (q.end === undefined), 'give start and end together, or neither')
  .refine((q) => q.start === undefined || q.end === undefined || q.end > q.start, 'end must be after start');

/** `PATCH …/agenda/items/<annotationId>`: move an item right after or before another (null: first or last). */
export const moveRequestSchema = z
  .strictObject(placementFields)
  .refine(atMostOnePlace, 'name after or before, not both')
  .refine((p) => p.after !== undefined || p.before !== undefined, 'name where the item goes: after or before');

/** `PUT …/agenda/current`: the question the group discusses now, or null for none. */
export const currentRequestSchema = z.strictObject({ annotationId: annotationIdSchema.nullable() });

export type AddItemsRequest = z.infer<typeof addItemsRequestSchema>;
export type NewQuestionRequest = z.infer<typeof newQuestionRequestSchema>;
export type MoveRequest = z.infer<typeof moveRequestSchema>;
export type CurrentRequest = z.infer<typeof currentRequestSchema>;

/** A thread's state as the agenda shows it. */
export const questionStates = ['open', 'resolved', 'answered'] as const;

/** One item of the agenda as a reader receives it. */
export const agendaItemSchema = z.object({
  annotationId: annotationIdSchema,
  current: z.boolean(),
  addedBy: z.string(),
  /** ISO time it was put on the agenda. */
  addedAt: z.string(),
  question: z.object({
    /** The question's words ('' for a hidden note the reader may not read). */
    text: z.string(),
    /** Hidden by a facilitator (its words withheld from this reader). */
    hidden: z.boolean(),
    creator: creatorSchema,
    /** The passage, as offsets into the canonical text, its words (cut to 200 characters) and its locator. */
    start: offset,
    end: offset,
    exact: z.string(),
    locator: z.string(),
    thread: z.enum(questionStates),
    /** Replies in its thread. */
    replies: z.int().nonnegative(),
  }),
});

/** The agenda as `GET …/agenda` answers it: the items in order, and which is current (null: none, or not visible). */
export const agendaSchema = z.object({ items: z.array(agendaItemSchema), current: annotationIdSchema.nullable() });

export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Agenda = z.infer<typeof agendaSchema>;

/** An agenda row as stored. */
export interface AgendaRow {
  annotationId: string;
  position: string;
  current: boolean;
  addedBy: string;
  addedAt: Date;
}

/** Whether a note may be an agenda item: a question on the text that a facilitator has not removed. */
export function isQuestion(note: Annotation | undefined): note is PassageAnnotation {
  return !!note && isPassageAnnotation(note) && note.motivation === 'questioning' && note.moderation?.action !== 'removed';
}

/** Whether a question is still open: neither resolved nor answered. */
export function isOpenQuestion(note: Annotation | undefined): note is PassageAnnotation {
  return isQuestion(note) && !note.thread;
}

/**
 * The group's open questions not on the agenda yet, in text order (by passage start, then as listed): what
 * "Add the group's open questions" puts on the agenda in one step.
 */
export function openQuestionsToAdd(notes: Iterable<Annotation>, onAgenda: ReadonlySet<string>): string[] {
  const open: PassageAnnotation[] = [];
  for (const note of notes) if (isOpenQuestion(note) && !onAgenda.has(note.id)) open.push(note);
  // A stable sort: notes listed in text order with ties by creation stay so.
  return open.sort((a, b) => a.target.selector[1].start - b.target.selector[1].start).map((a) => a.id);
}

/** Longest passage excerpt an agenda item carries. */
export const excerptLength = 200;

/**
 * The agenda a reader is shown: the rows in order, each with its question as the reader may see it. Rows whose
 * note is gone (deleted), is not visible to the reader (`notes` holds only what they may see; a hidden note comes
 * redacted), or is no question any more are left out — and so is `current` when its item is.
 */
export function agendaView(
  rows: readonly AgendaRow[],
  notes: ReadonlyMap<string, Annotation>,
  replies: ReadonlyMap<string, number>,
  locatorAt: (offset: number) => string,
): Agenda {
  const items: AgendaItem[] = [];
  for (const row of inAgendaOrder(rows.map((r) => ({ ...r, id: r.annotationId })))) {
    const note = notes.get(row.annotationId);
    if (!isQuestion(note)) continue;
    const [quote, position] = note.target.selector;
    items.push({
      annotationId: row.annotationId,
      current: row.current,
      addedBy: row.addedBy,
      addedAt: row.addedAt.toISOString(),
      question: {
        text: commentOf(note),
        hidden: note.moderation?.action === 'hidden',
        creator: note.creator,
        start: position.start,
        end: position.end,
        exact: quote.exact.slice(0, excerptLength),
        locator: locatorAt(position.start),
        thread: note.thread?.state ?? 'open',
        replies: replies.get(row.annotationId) ?? 0,
      },
    });
  }
  return { items, current: items.find((i) => i.current)?.annotationId ?? null };
}

/**
 * Where a question tied to no passage is anchored: the note model requires a passage, so it goes on the first word
 * of the text's first block (a novel's title or first heading, a story's first line) — one word, so the highlight
 * stays small. Null for a text with no words.
 */
export function untiedQuestionRange(text: string, blocks: readonly Block[]): TextRange | null {
  const from = blocks[0]?.start ?? 0;
  const match = /\S+/.exec(text.slice(from, blocks[0]?.end ?? text.length)) ?? /\S+/.exec(text.slice(from));
  if (!match) return null;
  const start = from + match.index;
  return { start, end: start + Math.min(match[0].length, 80) };
}

/** How an agenda position reads in words: "3 of 7". */
export function positionInWords(index: number, total: number): string {
  return `${index + 1} of ${total}`;
}
