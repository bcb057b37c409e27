/**
 * Reading blind: a reader does not see other readers' notes on a passage until they have posted their own there, so
 * their first reading is their own (Hypothesis #1644; Perusall's "hide others' annotations until you post").
 *
 * The unit of "there" is the room's choice: a `passage` is a paragraph (a block of the document model) — a note by
 * someone else shows once the reader has a note touching one of the paragraphs it touches; a `chapter` is a chapter
 * of the outline (the whole text when it has none). A reader always sees their own notes, the replies and reactions
 * on them, and, once a note shows, its replies and reactions. What shows only grows while a reader is connected.
 *
 * The spoiler guard (issue 11) is the same view with a *horizon*: a reader who turns it on does not see other readers'
 * notes that start past the furthest point they have read (a text offset the reader's browser reports as they read,
 * kept per reader on the server), so a club reading a novel chapter by chapter does not spoil the ending. It holds in
 * any blind mode, `off` included.
 *
 * The agenda's questions (a facilitator's prompts for the group, lib/meetings/agenda.ts) are exempt from reading
 * blind — a group annotating alone still needs the question in front of it — but the answers are not: others'
 * replies and reactions on an agenda question show once the reader has answered it themselves.
 *
 * The rule is enforced by the room (server/room.ts withholds the content of what does not show, per connection) and
 * by HTTP routes that list notes; it reads annotation values as the room holds them (already validated), and treats
 * anything it cannot read as not shown.
 */
import type { Role } from '../access/roles.ts';

export const blindModes = ['off', 'passage', 'chapter'] as const;
export type BlindMode = (typeof blindModes)[number];

/** What a reader asks for on the socket (`?blind=passage`); anything else is `off`. */
export function parseBlindMode(value: string | null | undefined): BlindMode {
  return (blindModes as readonly string[]).includes(value ?? '') ? (value as BlindMode) : 'off';
}

/**
 * The mode a connection reads in: a room set blind binds its viewers and annotators (and readers without an account,
 * who could otherwise read around it); facilitators and owners moderate, so they see everything unless they chose
 * to read blind themselves.
 */
export function effectiveBlindMode(options: { room: BlindMode; chosen: BlindMode; role: Role | null }): BlindMode {
  const exempt = options.role === 'facilitator' || options.role === 'owner';
  if (options.room !== 'off' && !exempt) return options.room;
  return options.chosen;
}

/** A span `[start, end)` of the canonical text: a paragraph or a chapter. */
export type Span = readonly [number, number];

/** Indexes of the spans that `[start, end)` touches (spans sorted, not overlapping); `[0]` when there are no spans. */
export function unitsOf(start: number, end: number, spans: readonly Span[]): number[] {
  if (spans.length === 0) return [0];
  // First span whose end is past start.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid][1] <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < spans.length && spans[i][0] < Math.max(end, start + 1); i++) out.push(i);
  // A passage between spans (a blank line) or past the last belongs to the span before it, so it has a unit.
  if (out.length === 0) out.push(Math.max(0, lo - 1));
  return out;
}

/** The parts of a stored annotation the rule reads. */
interface NoteShape {
  id?: unknown;
  creator?: { id?: unknown };
  target?: unknown;
}

function positionOf(target: unknown): { start: number; end: number } | null {
  const selector = (target as { selector?: unknown })?.selector;
  if (!Array.isArray(selector)) return null;
  for (const s of selector) {
    const { type, start, end } = (s ?? {}) as { type?: unknown; start?: unknown; end?: unknown };
    if (type === 'TextPositionSelector' && typeof start === 'number' && typeof end === 'number') return { start, end };
  }
  return null;
}

/** What taking note of one annotation newly opened for a reader reading blind. */
export interface Learned {
  /** The units (paragraphs or chapters) the reader's own note revealed. */
  units: number[];
  /** The agenda question whose others' answers the reader's own reply opened, or null. */
  answered: string | null;
}

/** One reader's view of a blind room: which units they have posted in, and so which notes show; and their horizon. */
export class BlindView {
  private readonly revealed = new Set<number>();

  constructor(
    /** The reader's account id; null for a reader without one (who never posts, so sees only what is theirs: nothing). */
    readonly readerId: string | null,
    /** `off` for a reader who reads with the spoiler guard only. */
    readonly mode: BlindMode,
    /** The paragraphs (mode `passage`) or chapters (mode `chapter`) of the text; unused when `off`. */
    private readonly spans: readonly Span[],
    /** With the spoiler guard, the text offset past which others' notes do not show; null without it. */
    private horizonAt: number | null = null,
  ) {}

  /** The spoiler guard's horizon, or null. */
  get horizon(): number | null {
    return this.horizonAt;
  }

  /** Moves the horizon (the reader read further, or turned the guard off with null). */
  setHorizon(horizon: number | null): void {
    this.horizonAt = horizon;
  }

  /** The ids of the agenda's questions, which show whatever the blind mode (not past the horizon). */
  private agendaIds: ReadonlySet<string> = new Set();
  /** Agenda questions the reader has answered (replied to): others' answers there show. */
  private readonly answered = new Set<string>();

  /** Sets the agenda's question ids (the room's agenda changed). */
  setAgenda(ids: ReadonlySet<string>): void {
    this.agendaIds = ids;
  }

  /** Whether, reading blind, `parent` is someone else's agenda question, whose answers wait for the reader's own. */
  private isAgendaQuestionOfAnother(parentId: string, parent: unknown): boolean {
    return this.mode !== 'off' && this.agendaIds.has(parentId) && !this.own(parent);
  }

  /** Whether `value` is the reader's own (notes, replies and reactions alike). */
  own(value: unknown): boolean {
    return this.readerId !== null && (value as NoteShape | null)?.creator?.id === this.readerId;
  }

  /**
   * Takes note of an annotation the room now holds: the reader's own note on the text reveals its units, and their own
   * reply on an agenda question opens the others' answers there. Returns what it newly opened (nothing for anything
   * else, or what was open already).
   */
  learn(value: unknown): Learned {
    return { units: this.revealUnits(value), answered: this.openAnswers(value) };
  }

  private revealUnits(value: unknown): number[] {
    const note = (value ?? {}) as NoteShape;
    if (this.mode === 'off' || !this.own(note)) return [];
    const at = positionOf(note.target);
    if (!at) return [];
    const fresh = unitsOf(at.start, at.end, this.spans).filter((u) => !this.revealed.has(u));
    for (const u of fresh) this.revealed.add(u);
    return fresh;
  }

  private openAnswers(value: unknown): string | null {
    const target = (value as NoteShape | null)?.target;
    if (typeof target !== 'string' || !this.own(value) || this.mode === 'off' || !this.agendaIds.has(target)) return null;
    if (this.answered.has(target)) return null;
    this.answered.add(target);
    return target;
  }

  /** Whether a note on the text lies in one of `units`. */
  touches(value: unknown, units: ReadonlySet<number>): boolean {
    const at = positionOf((value as NoteShape)?.target);
    if (!at || this.beyondHorizon(at)) return false;
    return unitsOf(at.start, at.end, this.spans).some((u) => units.has(u));
  }

  /**
   * Whether the reader may see `value` (a note on the text, a reply or a reaction). A reply or reaction shows with
   * the note it is on, found through `noteOf` (the room's current value of that id).
   */
  shows(value: unknown, noteOf: (id: string) => unknown, depth = 0): boolean {
    if (value === null || typeof value !== 'object') return false;
    const note = value as NoteShape;
    if (this.own(note)) return true;
    if (typeof note.target === 'string') {
      if (depth > 2) return false;
      const parent = noteOf(note.target);
      if (parent === undefined || !this.shows(parent, noteOf, depth + 1)) return false;
      return !this.isAgendaQuestionOfAnother(note.target, parent) || this.answered.has(note.target);
    }
    const at = positionOf(note.target);
    if (!at || this.beyondHorizon(at)) return false;
    if (this.mode === 'off') return true;
    if (typeof note.id === 'string' && this.agendaIds.has(note.id)) return true;
    return unitsOf(at.start, at.end, this.spans).some((u) => this.revealed.has(u));
  }

  /** Whether a note at `at` starts past the spoiler guard's horizon (a note begun in read text shows whole). */
  private beyondHorizon(at: { start: number }): boolean {
    return this.horizonAt !== null && at.start >= this.horizonAt;
  }

  /** How many units the reader has opened (diagnostics and tests). */
  get revealedCount(): number {
    return this.revealed.size;
  }
}

/** The spans a mode counts in: the document's blocks (headings included) for `passage`, its innermost chapters for `chapter`. */
export function spansFor(
  mode: BlindMode,
  doc: { paragraphs: ReadonlyArray<readonly [number, number]>; chapters: ReadonlyArray<{ start: number; end: number }> },
): Span[] {
  if (mode === 'off') return [];
  if (mode === 'passage') return doc.paragraphs.map(([s, e]) => [s, e] as const);
  // Books hold chapters: only the innermost entries of the outline count, so units never overlap.
  const sorted = [...doc.chapters].sort((a, b) => a.start - b.start || b.end - a.end);
  return sorted.filter((c, i) => !(i + 1 < sorted.length && sorted[i + 1].start < c.end)).map((c) => [c.start, c.end] as const);
}

/**
 * The notes of a list (HTTP answers) that `view` shows, given every note of the document: the view first learns
 * the reader's own notes, then filters.
 */
export function visibleNotes<T extends { id: string }>(view: BlindView, notes: readonly T[]): T[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  for (const n of notes) view.learn(n);
  return notes.filter((n) => view.shows(n, (id) => byId.get(id)));
}

/** The value a blind reader's copy of the room holds in place of a note it may not see yet. */
export const withheldPlaceholder = Object.freeze({ withheld: true });

/** Whether a value of the annotations map is a withheld note's placeholder. */
export function isWithheldPlaceholder(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { withheld?: unknown }).withheld === true && !('id' in value);
}

/** The keys of the withheld entries of a reader's copy of a map (their keys are the server's, not the notes' ids). */
export function withheldKeys(map: { entries(): IterableIterator<[string, unknown]> }): string[] {
  const keys: string[] = [];
  for (const [key, value] of map.entries()) if (isWithheldPlaceholder(value)) keys.push(key);
  return keys;
}
