/**
 * Builds the W3C annotation a reader's composer produces, so the browser never hand-assembles JSON and every
 * note has the same shape (tags after the comment, quote and position selectors in that order).
 */
import { describeRange } from '../anchoring/anchor.ts';
import type { TextRange } from '../anchoring/types.ts';
import { tagNameOf } from '../tags/tag-name.ts';
import { noteTypeInfo, noteTypeOf, type NoteType } from './note-types.ts';
import type { Body, Creator, PassageAnnotation, ReplyAnnotation } from './schema.ts';

export interface NewPassageNote {
  id: string;
  documentId: string;
  creator: Creator;
  text: string;
  range: TextRange;
  comment: string;
  tags: string[];
  now: Date;
  /** What the note does (a comment by default); only a note with a comment has a type. */
  type?: NoteType;
}

/** The bodies for a comment and tags: the comment first, then one tagging body per distinct tag name. */
export function bodiesFor(comment: string, tags: string[]): Body[] {
  const bodies: Body[] = [];
  if (comment.trim()) bodies.push({ type: 'TextualBody', purpose: 'commenting', value: comment.trim(), format: 'text/plain' });
  for (const name of [...new Set(tags.map(tagNameOf).filter(Boolean))])
    bodies.push({ type: 'TextualBody', purpose: 'tagging', value: name });
  return bodies;
}

/** The motivation that fits the bodies: a comment if there is one, else tagging, else a plain highlight. */
export function motivationFor(bodies: Body[]): PassageAnnotation['motivation'] {
  if (bodies.some((b) => b.purpose === 'commenting')) return 'commenting';
  if (bodies.some((b) => b.purpose === 'tagging')) return 'tagging';
  return 'highlighting';
}

/** A new note on a passage of `text`. */
export function buildPassageAnnotation(note: NewPassageNote): PassageAnnotation {
  const body = bodiesFor(note.comment, note.tags);
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: note.id,
    type: 'Annotation',
    ...typedMotivation(body, note.type ?? 'comment'),
    creator: note.creator,
    created: note.now.toISOString(),
    body,
    target: { source: note.documentId, selector: describeRange(note.text, note.range) },
  };
}

/** The same note with a new comment, tags and (if given) type, stamped as modified. */
export function editPassageAnnotation(
  a: PassageAnnotation,
  comment: string,
  tags: string[],
  now: Date,
  type?: NoteType,
): PassageAnnotation {
  const body = bodiesFor(comment, tags);
  const { noteType: _old, thread, ...rest } = a;
  const typed = typedMotivation(body, type ?? noteTypeOf(a) ?? 'comment');
  // Only a question is answered: a question turned into something else keeps no answer.
  const keepThread = thread && (thread.state !== 'answered' || typed.motivation === 'questioning');
  return { ...rest, body, ...typed, ...(keepThread ? { thread } : {}), modified: now.toISOString() };
}

/** The motivation (and, for evidence, Glossa's `noteType`) of a note with these bodies and this type. */
function typedMotivation(body: Body[], type: NoteType): Pick<PassageAnnotation, 'motivation' | 'noteType'> {
  const motivation = motivationFor(body);
  if (motivation !== 'commenting') return { motivation };
  return type === 'evidence' ? { motivation, noteType: 'evidence' } : { motivation: noteTypeInfo[type].motivation };
}

/** The comment text of a note ('' for highlights). */
export function commentOf(a: { body: Body[] }): string {
  return a.body.find((b) => b.purpose === 'commenting' || b.purpose === 'replying')?.value ?? '';
}

/** The tag names of a note, in order. */
export function tagsOf(a: { body: Body[] }): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export interface NewReply {
  id: string;
  parentId: string;
  creator: Creator;
  text: string;
  now: Date;
}

/** A reply to a note: its target is the note's id (see shared/ARCHITECTURE.md). */
export function buildReply(reply: NewReply): ReplyAnnotation {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: reply.id,
    type: 'Annotation',
    motivation: 'replying',
    creator: reply.creator,
    created: reply.now.toISOString(),
    body: [{ type: 'TextualBody', purpose: 'replying', value: reply.text.trim(), format: 'text/plain' }],
    target: reply.parentId,
  };
}
