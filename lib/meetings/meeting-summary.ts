/**
 * A meeting's summary: what a group takes home from an evening. Made of the meeting's window (start to end, or to
 * now while it runs), its event log (db/schema.ts `meeting_events`) and the notes the caller may see — the caller has
 * already removed what is withheld from them and redacted hidden notes (app/api/blind-filter.ts), so nothing here can
 * show a reader more than their own copy of the room. Four sections: the questions discussed (the agenda's current
 * question as it changed, in order, with the question's words and the replies it got in the window), the notes and
 * replies written in the window, the passages spotlighted, and the notes most reacted to in the window (top 5).
 * Pure: no database, no clock.
 */
import { z } from 'zod';
import { commentOf } from '../annotations/build-annotation.ts';
import type { ReactionKind } from '../annotations/reactions.ts';
import {
  type Annotation,
  type Creator,
  isPassageAnnotation,
  isReaction,
  type PassageAnnotation,
  type ReplyAnnotation,
} from '../annotations/schema.ts';

/** How many notes the "most reacted" section lists. */
export const mostReactedCount = 5;

/** The time window of a meeting: `[start, end]`, in epoch ms. */
export interface MeetingWindow {
  start: number;
  end: number;
}

/** The window of a meeting that started at `startedAt` and ended at `endedAt` (or runs until `now`). */
export function meetingWindow(startedAt: Date, endedAt: Date | null, now: Date): MeetingWindow {
  return { start: startedAt.getTime(), end: (endedAt ?? now).getTime() };
}

/** Whether ISO time `iso` falls in `window` (an unreadable time does not). */
export function inWindow(iso: string | undefined, window: MeetingWindow): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= window.start && t <= window.end;
}

/** An event as stored (data still JSON text, parsed here: read back from the database, it is a trust boundary). */
export interface StoredMeetingEvent {
  at: Date;
  kind: string;
  data: string;
}

const currentDataSchema = z.object({ annotationId: z.string().max(200) });
const passageDataSchema = z.object({ start: z.int().nonnegative(), end: z.int().nonnegative(), exact: z.string().max(2000).default('') });

function parseData<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    return schema.safeParse(JSON.parse(data)).data ?? null;
  } catch {
    return null;
  }
}

/** A note on a passage as the summary shows it. */
export interface SummaryNote {
  id: string;
  author: Creator;
  created: string;
  quote: string;
  start: number;
  end: number;
  /** The comment ("" for a highlight); "" too for a hidden note the caller gets without its text. */
  comment: string;
  motivation: PassageAnnotation['motivation'];
  /** "Hidden by a facilitator" / "Removed by a facilitator" when the caller gets no text. */
  trace: string | null;
}

/** A reply as the summary shows it, with the note it answers when the caller may see that note. */
export interface SummaryReply {
  id: string;
  author: Creator;
  created: string;
  text: string;
  trace: string | null;
  parentId: string;
  /** The note replied to ("ch. 3, ¶ 12" is made from its `start`), or null (deleted, or not shown to the caller). */
  parent: { quote: string; start: number } | null;
}

/** A question the group discussed. */
export interface SummaryQuestion {
  at: string;
  note: SummaryNote;
  /** Replies to it written during the meeting, oldest first. */
  replies: SummaryReply[];
}

/** A passage a facilitator spotlighted (or gathered everyone to). */
export interface SummarySpotlight {
  at: string;
  gather: boolean;
  start: number;
  end: number;
  exact: string;
}

/** A note with the reactions it got during the meeting. */
export interface SummaryReacted {
  note: SummaryNote;
  reactions: number;
  kinds: Partial<Record<ReactionKind, number>>;
}

/** A meeting's summary. */
export interface MeetingSummary {
  questions: SummaryQuestion[];
  notes: SummaryNote[];
  replies: SummaryReply[];
  spotlights: SummarySpotlight[];
  mostReacted: SummaryReacted[];
}

function traceOf(a: Annotation): string | null {
  if (!a.moderation) return null;
  const by = a.moderation.by.name;
  if (a.moderation.action === 'removed') return `Removed by a facilitator (${by})`;
  return a.body.length === 0 ? `Hidden by a facilitator (${by})` : null;
}

function noteOf(a: PassageAnnotation): SummaryNote {
  const [quote, position] = a.target.selector;
  return {
    id: a.id,
    author: a.creator,
    created: a.created,
    quote: quote.exact,
    start: position.start,
    end: position.end,
    comment: commentOf(a),
    motivation: a.motivation,
    trace: traceOf(a),
  };
}

const byCreated = <T extends { created: string; id: string }>(a: T, b: T) =>
  Date.parse(a.created) - Date.parse(b.created) || a.id.localeCompare(b.id);

/**
 * The summary of a meeting over `window`, from its `events` and the `notes` the caller may see (every stored note,
 * reply and reaction of the document as the caller may list them).
 */
export function summarizeMeeting(
  window: MeetingWindow,
  events: readonly StoredMeetingEvent[],
  notes: readonly Annotation[],
): MeetingSummary {
  const passages = new Map<string, PassageAnnotation>();
  const replies: ReplyAnnotation[] = [];
  const reactions: Annotation[] = [];
  for (const a of notes) {
    if (isReaction(a)) reactions.push(a);
    else if (isPassageAnnotation(a)) passages.set(a.id, a);
    else replies.push(a as ReplyAnnotation);
  }
  const replyOf = (r: ReplyAnnotation): SummaryReply => {
    const parent = passages.get(r.target);
    return {
      id: r.id,
      author: r.creator,
      created: r.created,
      text: commentOf(r),
      trace: traceOf(r),
      parentId: r.target,
      parent: parent ? { quote: parent.target.selector[0].exact, start: parent.target.selector[1].start } : null,
    };
  };
  const repliesInWindow = replies.filter((r) => inWindow(r.created, window)).sort(byCreated);

  const questions: SummaryQuestion[] = [];
  const spotlights: SummarySpotlight[] = [];
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of ordered) {
    if (event.kind === 'current') {
      const data = parseData(currentDataSchema, event.data);
      const note = data ? passages.get(data.annotationId) : undefined;
      // A question the caller may not see (withheld from them, deleted) is left out, not named.
      if (!note || questions.at(-1)?.note.id === note.id) continue;
      questions.push({
        at: event.at.toISOString(),
        note: noteOf(note),
        replies: repliesInWindow.filter((r) => r.target === note.id).map(replyOf),
      });
    } else if (event.kind === 'spotlight' || event.kind === 'gather') {
      const data = parseData(passageDataSchema, event.data);
      if (data && data.end > data.start)
        spotlights.push({
          at: event.at.toISOString(),
          gather: event.kind === 'gather',
          start: data.start,
          end: data.end,
          exact: data.exact,
        });
    }
  }

  const counts = new Map<string, { reactions: number; kinds: Partial<Record<ReactionKind, number>> }>();
  for (const r of reactions) {
    if (!isReaction(r) || !(inWindow(r.created, window) || inWindow(r.modified, window))) continue;
    if (!passages.has(r.target)) continue;
    const kind = r.body[0].value;
    const entry = counts.get(r.target) ?? { reactions: 0, kinds: {} };
    entry.reactions++;
    entry.kinds[kind] = (entry.kinds[kind] ?? 0) + 1;
    counts.set(r.target, entry);
  }
  const mostReacted = [...counts]
    .map(([id, c]) => ({ note: noteOf(passages.get(id)!), ...c }))
    .sort((a, b) => b.reactions - a.reactions || a.note.start - b.note.start || a.note.id.localeCompare(b.note.id))
    .slice(0, mostReactedCount);

  return {
    questions,
    notes: [...passages.values()]
      .filter((a) => inWindow(a.created, window))
      .sort(byCreated)
      .map(noteOf),
    replies: repliesInWindow.map(replyOf),
    spotlights,
    mostReacted,
  };
}

/**
 * The annotations of a meeting, for an export restricted to it: the notes on passages written during `window`, and
 * the notes from before it that were answered during it (a group discussing an older note), each with the replies and
 * reactions written in the window — so a reply written in the meeting never comes out as a reply to a removed note,
 * and nothing written before or after the meeting comes out but the older notes the meeting answered.
 */
export function writtenInWindow(notes: readonly Annotation[], window: MeetingWindow): Annotation[] {
  const passages = new Set<string>();
  const kept = new Set<string>();
  for (const a of notes) {
    if (!isPassageAnnotation(a)) continue;
    passages.add(a.id);
    if (inWindow(a.created, window)) kept.add(a.id);
  }
  for (const a of notes)
    if (!isPassageAnnotation(a) && !isReaction(a) && passages.has(a.target) && inWindow(a.created, window)) kept.add(a.target);
  // A reaction changed during the meeting (👍 to 💡) counts by its change.
  const when = (a: Annotation) => (isReaction(a) ? (a.modified ?? a.created) : a.created);
  return notes.filter((a) => (isPassageAnnotation(a) ? kept.has(a.id) : kept.has(a.target) && inWindow(when(a), window)));
}
