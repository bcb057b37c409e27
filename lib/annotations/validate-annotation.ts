/**
 * Decides whether a value a client put into a room's `annotations` map may stay there. Pure, so the server's
 * gatekeeper and the unit tests share one definition of "valid": the shape (schema), the key, the document, and
 * the anchor — the quoted words must really be at the stated offsets, or be found again by quote.
 */
import { anchorSelectors } from '../anchoring/anchor.ts';
import { annotationBranchOf, isPassageAnnotation, type Annotation } from './schema.ts';

/** What the validator needs to know about the room. */
export interface AnnotationContext {
  documentId: string;
  /** The canonical text of the document. */
  text: string;
  /** Whether an annotation with this id is (still) in the room, for replies. */
  hasAnnotation(id: string): boolean;
  /** Whether the annotation with this id is a reaction. */
  isReaction?(id: string): boolean;
  /** What the annotation with this id answers (its target, for a reply), if it is one. */
  targetOf?(id: string): unknown;
}

export type AnnotationVerdict = { ok: true; annotation: Annotation; reanchored: boolean } | { ok: false; reason: string };

/** Validates `value` stored under `key`; a note whose position drifted but whose quote is found is re-anchored. */
export function validateAnnotation(key: string, value: unknown, ctx: AnnotationContext): AnnotationVerdict {
  // Parse against the one schema the value claims to be (a reply targets an id string), so that the error names
  // the field that is wrong instead of a union's "Invalid input".
  const parsed = annotationBranchOf(value).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `invalid annotation: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  const annotation = parsed.data;
  if (annotation.id !== key) return { ok: false, reason: `annotation id ${annotation.id} is stored under key ${key}` };

  if (!isPassageAnnotation(annotation)) {
    if (annotation.target === annotation.id) return { ok: false, reason: 'a reply cannot answer itself' };
    if (!ctx.hasAnnotation(annotation.target)) return { ok: false, reason: `reply target ${annotation.target} is not in the room` };
    // A reaction (or a reply) is to a note or a reply, never to a reaction.
    if (ctx.isReaction?.(annotation.target)) return { ok: false, reason: 'a reaction cannot be reacted or replied to' };
    return { ok: true, annotation, reanchored: false };
  }

  // A question is answered by one of its own replies.
  const answer = annotation.thread?.state === 'answered' ? annotation.thread.answer : undefined;
  if (answer !== undefined && ctx.targetOf && ctx.targetOf(answer) !== annotation.id)
    return { ok: false, reason: `the answer ${answer} is not a reply to this question` };
  if (annotation.target.source !== ctx.documentId)
    return { ok: false, reason: `target.source ${annotation.target.source} is not this document` };
  const [quote, position] = annotation.target.selector;
  const anchored = anchorSelectors(ctx.text, [quote, position]);
  if (!anchored) return { ok: false, reason: 'the quoted passage is not in the text' };
  if (anchored.method === 'position') return { ok: true, annotation, reanchored: false };

  const { start, end } = anchored.range;
  const fixed: Annotation = {
    ...annotation,
    target: {
      ...annotation.target,
      selector: [
        { ...quote, exact: ctx.text.slice(start, end) },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  };
  return { ok: true, annotation: fixed, reanchored: true };
}
