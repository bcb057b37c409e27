/**
 * The state of a note's thread: open (no mark), resolved, or — for a question — answered by one of its replies.
 * Kept on the note as `thread: { state, by, at, answer? }` (Glossa's extension of the W3C model). The note's author,
 * and facilitators and owners, resolve and reopen; nobody else may touch it, and nothing else of the note changes.
 */
import { sameJson } from './moderation.ts';
import type { Annotation, Creator, PassageAnnotation } from './schema.ts';

export type ThreadMark = NonNullable<PassageAnnotation['thread']>;

/** The note resolved (or answered by reply `answer`) by `by` at `at`; `null` reopens it. */
export function withThread(
  note: PassageAnnotation,
  mark: { state: ThreadMark['state']; answer?: string } | null,
  by: Creator,
  at: string,
): PassageAnnotation {
  const { thread: _old, ...rest } = note;
  if (!mark) return rest;
  return { ...rest, thread: { state: mark.state, by: { id: by.id, name: by.name }, at, ...(mark.answer ? { answer: mark.answer } : {}) } };
}

/** Why `after` is not `before` with only its thread mark changed by `by`, or null when it is. */
export function threadChangeError(before: Annotation, after: Annotation, by: Creator): string | null {
  const { thread: a, modified: _m1, ...restBefore } = before as PassageAnnotation;
  const { thread: b, modified: _m2, ...restAfter } = after as PassageAnnotation;
  if (sameJson(a, b) || !sameJson(restBefore, restAfter)) return `note ${before.id} belongs to ${before.creator.name}`;
  if (b && (b.by.id !== by.id || b.by.name !== by.name)) return `a thread is resolved in the name of who resolves it (${by.name})`;
  return null;
}

/** The thread's state for display: open, resolved, or answered (with the answering reply's id). */
export function threadState(note: PassageAnnotation): { state: 'open' } | ThreadMark {
  return note.thread ?? { state: 'open' };
}
