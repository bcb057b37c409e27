/**
 * Changes of a room's theme vocabulary that reach its notes: merging theme A into B (A's notes become B's), taking a
 * theme off every note (a delete) and giving it back (its undo). Pure: the server computes them on the room's
 * current notes and applies the result in one of its own transactions (server/room.ts `serverChange`), so a merge
 * over 2,000 notes is one durable change that every reader receives, whoever wrote the notes.
 */
import { motivationFor } from '../annotations/build-annotation.ts';
import { isPassageAnnotation, type Annotation, type Body, type PassageAnnotation } from '../annotations/schema.ts';

const isTag = (b: Body, name: string) => b.purpose === 'tagging' && b.value === name;

/** `note` with its tagging bodies set to `bodies`, and the motivation that fits them (a tag-only note may become a highlight). */
function withBodies(note: PassageAnnotation, bodies: Body[]): PassageAnnotation {
  // A comment stays a comment; otherwise the motivation follows what is left (tagging, or a plain highlight).
  const motivation = note.motivation === 'commenting' ? 'commenting' : motivationFor(bodies);
  return { ...note, motivation, body: bodies };
}

/**
 * The notes carrying theme `from`, rewritten to carry `to` instead (a merge), or without it (`to` null: a delete).
 * A note that already carries `to` keeps one. Notes a facilitator removed (no bodies) are untouched.
 */
export function retag(notes: Iterable<Annotation>, from: string, to: string | null): PassageAnnotation[] {
  const changed: PassageAnnotation[] = [];
  for (const note of notes) {
    if (!isPassageAnnotation(note) || !note.body.some((b) => isTag(b, from))) continue;
    const hasTarget = to !== null && note.body.some((b) => isTag(b, to));
    const bodies: Body[] = [];
    for (const b of note.body) {
      if (!isTag(b, from)) bodies.push(b);
      else if (to !== null && !hasTarget) bodies.push({ ...b, value: to });
    }
    changed.push(withBodies(note, bodies));
  }
  return changed;
}

/** The notes among `ids` that lack theme `name`, given it back (the undo of a delete). */
export function restoreTag(
  notes: ReadonlyMap<string, Annotation>,
  ids: Iterable<string>,
  name: string,
  maxTags: number,
): PassageAnnotation[] {
  const changed: PassageAnnotation[] = [];
  for (const id of ids) {
    const note = notes.get(id);
    if (!note || !isPassageAnnotation(note) || note.moderation?.action === 'removed' || note.body.some((b) => isTag(b, name))) continue;
    if (note.body.filter((b) => b.purpose === 'tagging').length >= maxTags) continue;
    changed.push(withBodies(note, [...note.body, { type: 'TextualBody', purpose: 'tagging', value: name }]));
  }
  return changed;
}
