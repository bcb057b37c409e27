/**
 * Changes of a room's theme vocabulary that reach its notes: merging theme A into B (A's notes become B's), taking a
 * theme off every note (a delete) and giving it back (its undo). Pure: the server computes them on the room's
 * current notes and applies the result in one of its own transactions (server/room.ts `serverChange`), so a merge
 * over 2,000 notes is one durable change that every reader receives, whoever wrote the notes.
 */
import { motivationFor } from '../annotations/build-annotation.ts';
import { isPassageAnnotation, tagSchema, type Annotation, type Body, type PassageAnnotation, type Tag } from '../annotations/schema.ts';

const isTag = (b: Body, name: string): b is Extract<Body, { purpose: 'tagging' }> => b.purpose === 'tagging' && b.value === name;

/** `note` with its tagging bodies set to `bodies`, and the motivation that fits them (a tag-only note may become a highlight). */
function withBodies(note: PassageAnnotation, bodies: Body[]): PassageAnnotation {
  // A note with a comment keeps its type; otherwise the motivation follows what is left (tagging, or a highlight).
  const motivation = bodies.some((b) => b.purpose === 'commenting') ? note.motivation : motivationFor(bodies);
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

/**
 * Why theme `name` cannot be as `tag` says in a vocabulary of `tags`, or null: themes nest one level — a theme is
 * nested under an existing top-level theme other than itself, and a theme with themes under it is not nested.
 */
export function nestingError(name: string, tag: Tag, tags: ReadonlyMap<string, unknown>): string | null {
  if (!tag.parent) return null;
  if (tag.parent === name) return 'a theme cannot be nested under itself';
  const parent = tagSchema.safeParse(tags.get(tag.parent));
  if (!parent.success) return `there is no theme ${tag.parent} to nest ${name} under`;
  if (parent.data.parent) return `${tag.parent} is itself nested: themes nest one level`;
  for (const [other, value] of tags)
    if (other !== name && (value as { parent?: unknown } | null)?.parent === name)
      return `themes are nested under ${name}: it cannot be nested itself`;
  return null;
}

/**
 * The themes nested under `from`, moved under `to` (a merge into a top-level theme) or to the top level (`to`
 * null, or nested itself: a delete, or a merge into a nested theme).
 */
export function reparent(tags: ReadonlyMap<string, Tag>, from: string, to: string | null): Array<Tag & { name: string }> {
  const target = to === null ? undefined : tags.get(to);
  const under = target && !target.parent ? to : null;
  const moved: Array<Tag & { name: string }> = [];
  for (const [name, tag] of tags) {
    if (tag.parent !== from || name === to) continue;
    const { parent: _old, ...rest } = tag;
    moved.push(under ? { name, ...rest, parent: under } : { name, ...rest });
  }
  return moved;
}
