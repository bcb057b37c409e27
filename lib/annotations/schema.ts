/**
 * zod schemas of the W3C Web Annotation Data Model subset that Glossa rooms hold (see shared/ARCHITECTURE.md):
 * every annotation entering a room or the database is parsed with these, so the rest of the code can trust the types.
 */
import { z } from 'zod';
import { annotationLimits as limits } from './limits.ts';
import { reactionKinds } from './reactions.ts';
import { linkTypes } from './links.ts';
import { commentMotivations, noteTypeMatches, type CommentMotivation } from './note-types.ts';

const isCommentMotivation = (m: string): m is CommentMotivation => (commentMotivations as readonly string[]).includes(m);

/** Ids are client-made (UUIDs), so they are restricted to a safe alphabet and length. */
export const annotationIdSchema = z
  .string()
  .min(1)
  .max(limits.idLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id may hold letters, digits and _ . : - only');

/** Who wrote a note. Today a browser-made id and a display name; accounts will fill the same shape. */
export const creatorSchema = z.object({
  id: annotationIdSchema,
  name: z.string().trim().min(1).max(limits.creatorNameLength),
});

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(limits.exactLength),
  prefix: z.string().max(limits.contextLength).optional(),
  suffix: z.string().max(limits.contextLength).optional(),
});

export const textPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end > s.start, { message: 'TextPositionSelector end must be after start' });

/** A note on the text holds exactly one quote and one position selector, in that order. */
export const textTargetSchema = z.object({
  source: z.string().min(1).max(limits.idLength),
  selector: z.tuple([textQuoteSelectorSchema, textPositionSelectorSchema]),
});

export const bodySchema = z.discriminatedUnion('purpose', [
  z.object({
    type: z.literal('TextualBody'),
    purpose: z.literal('commenting'),
    value: z.string().trim().min(1).max(limits.commentLength),
    format: z.literal('text/plain').optional(),
  }),
  z.object({
    type: z.literal('TextualBody'),
    purpose: z.literal('replying'),
    value: z.string().trim().min(1).max(limits.commentLength),
    format: z.literal('text/plain').optional(),
  }),
  z.object({
    type: z.literal('TextualBody'),
    purpose: z.literal('tagging'),
    value: z.string().trim().min(1).max(limits.tagLength),
  }),
  // A reaction's one body (see reactionAnnotationSchema): one of a small fixed set.
  z.object({
    type: z.literal('TextualBody'),
    purpose: z.literal('assessing'),
    value: z.enum(reactionKinds),
  }),
]);

const isoDate = z.iso.datetime({ offset: true });

/**
 * A facilitator's mark on someone else's note (Glossa's extension of the model): `hidden` keeps the text for the
 * room's moderators and shows the others a trace; `removed` empties the note's bodies and leaves only the trace
 * ("removed by a facilitator"). Only a facilitator or owner may set or clear it (server/permissions.ts).
 */
export const moderationSchema = z
  .object({
    action: z.enum(['hidden', 'removed']),
    by: creatorSchema,
    at: isoDate,
  })
  .strict();
export type Moderation = z.infer<typeof moderationSchema>;

const baseFields = {
  '@context': z.literal('http://www.w3.org/ns/anno.jsonld').optional(),
  id: annotationIdSchema,
  type: z.literal('Annotation'),
  creator: creatorSchema,
  created: isoDate,
  modified: isoDate.optional(),
  moderation: moderationSchema.optional(),
  body: z
    .array(bodySchema)
    .max(limits.bodiesPerAnnotation)
    .refine((bodies) => bodies.reduce((n, b) => n + b.value.length, 0) <= limits.bodyTotalLength, {
      message: `the note's text is longer than ${limits.bodyTotalLength} characters in all`,
    }),
};

/** A note on a passage: a comment, a highlight or a tagging, with optional tags. */
export const passageAnnotationSchema = z
  .object({
    ...baseFields,
    // A comment's motivation says its type (lib/annotations/note-types.ts): commenting, questioning, assessing or
    // describing; `noteType` marks evidence, which the W3C vocabulary has no motivation for.
    motivation: z.enum(['commenting', 'questioning', 'assessing', 'describing', 'highlighting', 'tagging']),
    noteType: z.literal('evidence').optional(),
    /** The thread's state (lib/annotations/threads.ts): resolved, or a question answered by one of its replies. */
    thread: z
      .object({
        state: z.enum(['resolved', 'answered']),
        by: creatorSchema,
        at: isoDate,
        answer: annotationIdSchema.optional(),
      })
      .strict()
      .refine((t) => (t.state === 'answered') === (t.answer !== undefined), { message: 'an answered thread names its answer' })
      .optional(),
    /** Links to other notes of the room (lib/annotations/links.ts). */
    links: z
      .array(z.object({ target: annotationIdSchema, type: z.enum(linkTypes) }).strict())
      .max(limits.linksPerNote)
      .optional(),
    target: textTargetSchema,
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.links?.some((l) => l.target === a.id)) ctx.addIssue({ code: 'custom', message: 'a note cannot link to itself' });
    if (a.links && new Set(a.links.map((l) => l.target)).size !== a.links.length)
      ctx.addIssue({ code: 'custom', message: 'a note links to another note once' });
    const tagCount = a.body.filter((b) => b.purpose === 'tagging').length;
    if (tagCount > limits.tagsPerAnnotation) ctx.addIssue({ code: 'custom', message: `at most ${limits.tagsPerAnnotation} tags` });
    if (a.body.some((b) => b.purpose === 'replying' || b.purpose === 'assessing'))
      ctx.addIssue({ code: 'custom', message: 'a note on the text cannot hold a reply or reaction body' });
    // A note a facilitator removed keeps only its trace: no bodies to require.
    if (a.moderation?.action === 'removed') {
      if (a.body.length) ctx.addIssue({ code: 'custom', message: 'a removed note keeps no text' });
      return;
    }
    if (isCommentMotivation(a.motivation) && !a.body.some((b) => b.purpose === 'commenting'))
      ctx.addIssue({ code: 'custom', message: `a ${a.motivation} note needs a commenting body` });
    if (a.thread?.state === 'answered' && a.motivation !== 'questioning')
      ctx.addIssue({ code: 'custom', message: 'only a question is answered' });
    if (!noteTypeMatches(a.motivation, a.noteType))
      ctx.addIssue({ code: 'custom', message: 'noteType evidence goes with motivation commenting' });
    if (a.motivation === 'tagging' && tagCount === 0) ctx.addIssue({ code: 'custom', message: 'a tagging needs a tag' });
  });

/** A reply: its target is the id of the annotation it answers. */
export const replyAnnotationSchema = z
  .object({
    ...baseFields,
    motivation: z.literal('replying'),
    target: annotationIdSchema,
  })
  .strict()
  .refine((a) => (a.moderation?.action === 'removed' ? a.body.length === 0 : a.body.some((b) => b.purpose === 'replying')), {
    message: 'a reply needs a replying body (a removed reply keeps none)',
  });

/**
 * A reaction to a note (W3C motivation `assessing`): one body from a small fixed set, one per reader per note —
 * its id is `react:<note id>:<reader id>`, so the room's map holds at most one, and a new choice replaces it.
 */
export const reactionAnnotationSchema = z
  .object({
    '@context': z.literal('http://www.w3.org/ns/anno.jsonld').optional(),
    id: annotationIdSchema,
    type: z.literal('Annotation'),
    motivation: z.literal('assessing'),
    creator: creatorSchema,
    created: isoDate,
    modified: isoDate.optional(),
    // Present in the type so every annotation can be asked for its mark; a reaction never carries one.
    moderation: moderationSchema.optional(),
    body: z.tuple([z.object({ type: z.literal('TextualBody'), purpose: z.literal('assessing'), value: z.enum(reactionKinds) }).strict()]),
    target: annotationIdSchema,
  })
  .strict()
  .refine((a) => a.id === reactionIdOf(a.target, a.creator.id), { message: 'a reaction is stored as react:<note id>:<reader id>' })
  .refine((a) => a.moderation === undefined, { message: 'a reaction is deleted, not moderated' });

/** The id of `readerId`'s reaction to note `noteId`. */
export function reactionIdOf(noteId: string, readerId: string): string {
  return `react:${noteId}:${readerId}`;
}

export const annotationSchema = z.union([passageAnnotationSchema, replyAnnotationSchema, reactionAnnotationSchema]);

/** The schema the value claims to be: a note on the text, a reply, or a reaction (for precise error messages). */
export function annotationBranchOf(value: unknown) {
  const v = value as { target?: unknown; motivation?: unknown } | null;
  if (typeof v?.target !== 'string') return passageAnnotationSchema;
  return v.motivation === 'assessing' ? reactionAnnotationSchema : replyAnnotationSchema;
}

/** One entry of the room's `tags` map. */
export const tagSchema = z
  .object({
    label: z.string().trim().min(1).max(limits.tagLength),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
    description: z.string().max(limits.tagDescriptionLength).optional(),
    /** The theme this one is nested under (one level: *guilt / survivor's guilt*), by name. */
    parent: z.string().trim().min(1).max(limits.tagLength).optional(),
  })
  .strict();

export type Creator = z.infer<typeof creatorSchema>;
export type Body = z.infer<typeof bodySchema>;
export type PassageAnnotation = z.infer<typeof passageAnnotationSchema>;
export type ReplyAnnotation = z.infer<typeof replyAnnotationSchema>;
export type ReactionAnnotation = z.infer<typeof reactionAnnotationSchema>;
export type Annotation = z.infer<typeof annotationSchema>;
export type Tag = z.infer<typeof tagSchema>;

/** True for reactions (a reader's one reaction to a note). */
export function isReaction(a: Annotation): a is ReactionAnnotation {
  return a.motivation === 'assessing' && typeof a.target === 'string';
}

/** True for notes anchored in the text (as opposed to replies). */
export function isPassageAnnotation(a: Annotation): a is PassageAnnotation {
  return typeof a.target !== 'string';
}
