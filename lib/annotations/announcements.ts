/**
 * What the reader's live region says about changes in the room, in words ("Note added by Ada, tagged guilt").
 * Changes are found by comparing two snapshots of the room's notes taken some time apart, so a burst (a reader
 * back online with twenty notes, a theme merged) is one sentence ("20 notes added by Ada"), and a room's first
 * load is never compared at all: the caller takes its first snapshot once the room has synced. Pure: no DOM.
 */
import { tagsOf } from './build-annotation.ts';
import type { PassageAnnotation, ReplyAnnotation, Tag } from './schema.ts';

/** One change worth saying, found by {@link noteChanges}. */
export type NoteChange =
  | { kind: 'note-added'; by: string; mine: boolean; highlight: boolean; tags: readonly string[] }
  | { kind: 'reply-added'; by: string; mine: boolean }
  | { kind: 'note-deleted' }
  | { kind: 'reader-joined'; name: string }
  | { kind: 'reader-left'; name: string };

/** The part of a notes snapshot the announcements compare (lib/collab/notes-store.ts). */
export interface NotesView {
  readonly passages: ReadonlyMap<string, PassageAnnotation>;
  readonly replies: ReadonlyMap<string, readonly ReplyAnnotation[]>;
}

/** Every reply of a snapshot by id. */
function repliesById(view: NotesView): Map<string, ReplyAnnotation> {
  const out = new Map<string, ReplyAnnotation>();
  for (const list of view.replies.values()) for (const r of list) out.set(r.id, r);
  return out;
}

/**
 * The notes and replies added, and the notes deleted, from `before` to `after`, in the order `after` holds them.
 * The reader's own deletes are left out: the undo toast says those. Edits are not changes here.
 */
export function noteChanges(before: NotesView, after: NotesView, myId: string | null): NoteChange[] {
  const changes: NoteChange[] = [];
  for (const [id, note] of after.passages) {
    if (before.passages.has(id)) continue;
    const highlight = note.motivation === 'highlighting';
    changes.push({ kind: 'note-added', by: note.creator.name, mine: note.creator.id === myId, highlight, tags: tagsOf(note) });
  }
  const repliesBefore = repliesById(before);
  for (const [id, reply] of repliesById(after)) {
    if (!repliesBefore.has(id)) changes.push({ kind: 'reply-added', by: reply.creator.name, mine: reply.creator.id === myId });
  }
  for (const [id, note] of before.passages) {
    if (!after.passages.has(id) && note.creator.id !== myId) changes.push({ kind: 'note-deleted' });
  }
  return changes;
}

/** Readers who came and went between two lists of who is here (by id; the reader themself not counted). */
export function presenceChanges(
  before: ReadonlyArray<{ id: string; name: string }>,
  after: ReadonlyArray<{ id: string; name: string }>,
): NoteChange[] {
  const was = new Set(before.map((p) => p.id));
  const is = new Set(after.map((p) => p.id));
  return [
    ...after.filter((p) => !was.has(p.id)).map((p): NoteChange => ({ kind: 'reader-joined', name: p.name })),
    ...before.filter((p) => !is.has(p.id)).map((p): NoteChange => ({ kind: 'reader-left', name: p.name })),
  ];
}

/** "guilt", "guilt and regret", "guilt, regret and the chip". */
function joinWords(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** The distinct names of `list` joined; empty when more than three, which are not worth reading out. */
function names(list: readonly string[]): string {
  const distinct = [...new Set(list)];
  return distinct.length > 3 ? '' : joinWords(distinct);
}

/** "1 note" / "5 notes". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The sentence the live region says for `changes` (null when there is nothing to say). One change reads in full
 * ("Note added by Ada, tagged guilt"; "Note saved, tagged guilt" for the reader's own); several are counted by
 * kind ("3 notes added by Ada and Ben. Reply by Cy."). Tags are named by their labels in `tags`.
 */
export function announcementOf(changes: readonly NoteChange[], tags: ReadonlyMap<string, Tag> = new Map()): string | null {
  const label = (name: string) => tags.get(name)?.label ?? name;
  const tagged = (list: readonly string[]) => (list.length ? `, tagged ${joinWords(list.map(label))}` : '');
  const sentences: string[] = [];

  const mine = changes.filter((c) => c.kind === 'note-added' && c.mine);
  if (mine.length === 1 && mine[0].kind === 'note-added')
    sentences.push(`${mine[0].highlight ? 'Highlight' : 'Note'} saved${tagged(mine[0].tags)}`);
  else if (mine.length > 1) sentences.push(`${count(mine.length, 'note', 'notes')} saved`);

  const added = changes.flatMap((c) => (c.kind === 'note-added' && !c.mine ? [c] : []));
  if (added.length === 1) sentences.push(`${added[0].highlight ? 'Highlight' : 'Note'} added by ${added[0].by}${tagged(added[0].tags)}`);
  else if (added.length > 1) {
    const who = names(added.map((c) => c.by));
    sentences.push(`${count(added.length, 'note', 'notes')} added${who ? ` by ${who}` : ''}`);
  }

  const replies = changes.flatMap((c) => (c.kind === 'reply-added' && !c.mine ? [c] : []));
  if (replies.length === 1) sentences.push(`Reply by ${replies[0].by}`);
  else if (replies.length > 1) {
    const who = names(replies.map((c) => c.by));
    sentences.push(`${count(replies.length, 'reply', 'replies')}${who ? ` by ${who}` : ''}`);
  }
  if (changes.some((c) => c.kind === 'reply-added' && c.mine)) sentences.push('Reply sent');

  const deleted = changes.filter((c) => c.kind === 'note-deleted').length;
  if (deleted) sentences.push(deleted === 1 ? 'Note deleted' : `${deleted} notes deleted`);

  const joined = changes.flatMap((c) => (c.kind === 'reader-joined' ? [c.name] : []));
  if (joined.length) sentences.push(`${names(joined) || count(joined.length, 'reader', 'readers')} joined`);
  const left = changes.flatMap((c) => (c.kind === 'reader-left' ? [c.name] : []));
  if (left.length) sentences.push(`${names(left) || count(left.length, 'reader', 'readers')} left`);

  return sentences.length ? `${sentences.join('. ')}.` : null;
}
