/**
 * The facilitator's gentle participation view: who has written how much (notes and replies), where in the text
 * (per chapter), and which members have not written yet — so a facilitator can invite them in. It counts, it does
 * not rank: readers are listed by name, and nothing here is a score. Reactions are not counted (a reaction is a
 * nod, not a contribution to the discussion). Pure: the caller passes the notes, the chapters and the members.
 */
import { type Annotation, type Creator, isPassageAnnotation, isReaction } from '../annotations/schema.ts';
import type { Chapter } from '../text/document-model.ts';

/** A group member as the view needs them (db/queries/groups.ts `membersOf`). */
export interface ParticipationMember {
  id: string;
  name: string;
  role: 'owner' | 'facilitator' | 'annotator' | 'viewer';
}

/** One reader's writing. */
export interface ReaderParticipation {
  reader: Creator;
  notes: number;
  replies: number;
  /** Notes and replies per column of {@link Participation.chapters} (a reply counts where its note is). */
  perChapter: number[];
}

/** The view. */
export interface Participation {
  /** The columns: the text's top-level chapters, or one "Whole text" column when it has none. */
  chapters: string[];
  /** Everyone who wrote, by name. */
  readers: ReaderParticipation[];
  /** Members who may write and have not written yet (leaders and viewers are not asked), by name. */
  notHeardFrom: Array<{ id: string; name: string }>;
  /** Whether the text has a group whose members were asked about (else only those who wrote are known). */
  group: boolean;
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/** The title of the column for text before the outline's first entry (a novel whose opening has no heading). */
export const openingColumn = 'Opening';

/**
 * The top-level chapters of the outline (the columns): books or parts when the text has them, else chapters; with a
 * column for the opening when the first of them starts after the text does (War and Peace as shipped begins without
 * its "BOOK ONE" heading: its first book is not the second's).
 */
function columnsOf(chapters: readonly Chapter[]): Chapter[] {
  if (chapters.length === 0) return [];
  const top = Math.min(...chapters.map((c) => c.level));
  const columns = chapters.filter((c) => c.level === top);
  const first = Math.min(...chapters.map((c) => c.start));
  return first > 0 ? [{ title: openingColumn, start: 0, end: first, level: top }, ...columns] : columns;
}

/** The column holding text offset `offset` (0 when the text has no chapters, or before the first). */
function columnAt(columns: readonly Chapter[], offset: number): number {
  let at = 0;
  for (let i = 0; i < columns.length; i++) if (columns[i]!.start <= offset) at = i;
  return at;
}

/**
 * Participation over `notes` (the document's stored notes, replies and reactions), with the text's `chapters` and,
 * for a group's text, its `members` (null: the readers who wrote are all there is to show).
 */
export function participationOf(
  notes: readonly Annotation[],
  chapters: readonly Chapter[],
  members: readonly ParticipationMember[] | null,
): Participation {
  const columns = columnsOf(chapters);
  const width = Math.max(1, columns.length);
  const startOf = new Map<string, number>();
  for (const a of notes) if (isPassageAnnotation(a)) startOf.set(a.id, a.target.selector[1].start);
  const readers = new Map<string, ReaderParticipation>();
  const entry = (creator: Creator) => {
    let r = readers.get(creator.id);
    if (!r)
      readers.set(
        creator.id,
        (r = { reader: { id: creator.id, name: creator.name }, notes: 0, replies: 0, perChapter: new Array(width).fill(0) }),
      );
    return r;
  };
  for (const a of notes) {
    if (isReaction(a)) continue;
    const r = entry(a.creator);
    if (isPassageAnnotation(a)) {
      r.notes++;
      r.perChapter[columnAt(columns, a.target.selector[1].start)]++;
    } else {
      r.replies++;
      const start = startOf.get(a.target as string);
      // A reply to a deleted note still counts, in no chapter's column but the first.
      r.perChapter[start === undefined ? 0 : columnAt(columns, start)]++;
    }
  }
  const notHeardFrom = (members ?? [])
    .filter((m) => m.role === 'annotator' && !readers.has(m.id))
    .map((m) => ({ id: m.id, name: m.name }))
    .sort(byName);
  return {
    chapters: columns.length ? columns.map((c) => c.title) : ['Whole text'],
    readers: [...readers.values()].sort((a, b) => byName(a.reader, b.reader)),
    notHeardFrom,
    group: members !== null,
  };
}

/** "Cy, Di and Ed" — names joined as a sentence says them. */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
