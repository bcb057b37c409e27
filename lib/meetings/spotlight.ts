/**
 * A spotlight: a passage a facilitator points everyone in the room to (`gather`: and asks everyone to go there now).
 * The server writes it (who, when); readers receive it on the notice channel and read it on joining over HTTP.
 */
import { z } from 'zod';
import { creatorSchema } from '../annotations/schema.ts';
import { annotationLimits } from '../limits.ts';

const offset = z.int().nonnegative();

/** What a facilitator sends: the passage as offsets into the canonical text, and whether to gather everyone. */
export const spotlightRequestSchema = z
  .strictObject({ start: offset, end: offset, gather: z.boolean().default(false) })
  .refine((s) => s.end > s.start, 'end must be after start');

/** A spotlight as the server keeps and sends it. */
export const spotlightSchema = z.strictObject({
  start: offset,
  end: offset,
  /** The passage's words (cut to the quote limit), so a reader is told what it is before jumping. */
  exact: z.string().max(annotationLimits.exactLength),
  gather: z.boolean(),
  by: z.strictObject({ id: creatorSchema.shape.id, name: creatorSchema.shape.name }),
  /** ISO time it was set. */
  at: z.string().max(40),
});

export type SpotlightRequest = z.infer<typeof spotlightRequestSchema>;
export type Spotlight = z.infer<typeof spotlightSchema>;
