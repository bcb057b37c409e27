/**
 * Moderation of a note by a facilitator: the marks it may set (hide, remove, restore a hidden note) and the one rule
 * the server checks for a change to someone else's note: nothing but the mark may change, and a removal empties the
 * bodies. The reader builds its changes with these functions, so what it sends is what the server accepts.
 */
import type { Annotation, Creator, Moderation } from './schema.ts';

/** The note hidden or removed by `by` at `at` (a removal keeps no text). */
export function moderate(note: Annotation, action: Moderation['action'], by: Creator, at: string): Annotation {
  const marked = { ...note, moderation: { action, by: { id: by.id, name: by.name }, at } };
  return action === 'removed' ? ({ ...marked, body: [] } as Annotation) : (marked as Annotation);
}

/** A hidden note shown again (a removed note cannot come back: its text is gone). */
export function unhide(note: Annotation): Annotation {
  const { moderation: _mark, ...rest } = note;
  return rest as Annotation;
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The note without its mark (and, for comparing a removal, without its bodies). */
function rest(note: Annotation, withoutBody: boolean): Record<string, unknown> {
  const { moderation: _mark, modified: _modified, ...others } = note;
  if (withoutBody) delete (others as { body?: unknown }).body;
  return others;
}

/**
 * Why `after` is not a moderation of `before` by `by`, or null when it is: the only change is the mark (set by
 * `by`, or cleared from a hidden note), with the bodies emptied exactly when the note is removed.
 */
export function moderationError(before: Annotation, after: Annotation, by: Creator): string | null {
  const mark = after.moderation;
  if (before.moderation?.action === 'removed') return 'a removed note cannot change';
  if (mark && (mark.by.id !== by.id || mark.by.name !== by.name)) return `a moderation mark names who set it (${by.name})`;
  if (sameJson(before.moderation, mark) && !sameJson(before.body, after.body)) return `note ${before.id} belongs to ${before.creator.name}`;
  if (!sameJson(rest(before, mark?.action === 'removed'), rest(after, mark?.action === 'removed')))
    return `a facilitator may hide or remove ${before.creator.name}'s note, not rewrite it`;
  if (mark?.action !== 'removed' && !sameJson(before.body, after.body))
    return `a facilitator may hide or remove ${before.creator.name}'s note, not rewrite it`;
  return null;
}

/**
 * The note as a reader who is neither a moderator nor its author receives it over HTTP: a hidden note without its
 * text (the trace stays). Others get it whole.
 */
export function redactHidden(note: Annotation, reader: { id: string | null; moderator: boolean }): Annotation {
  if (note.moderation?.action !== 'hidden' || reader.moderator || note.creator.id === reader.id) return note;
  return { ...note, body: [] } as Annotation;
}
