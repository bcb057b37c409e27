/** The zod schemas of `/api/documents/<id>` (a rename or an author change), with their inferred types. */
import { z } from 'zod';
import { visibilitySchema } from '../../../../lib/access/roles.ts';
import { documentIdPattern } from '../../../../lib/limits.ts';
import { libraryLimits } from '../../../../lib/limits.ts';
import { clipTitle } from '../../../../lib/text/clip-title.ts';

/** One line: runs of whitespace (newlines included) become one space, ends trimmed. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * `PATCH /api/documents/<id>`: a new title and/or author. A title is cut to the title cap with `…` like a title
 * from any other source (see `clipTitle`) and may not be blank; an author over {@link libraryLimits.authorLength}
 * is refused, and a blank one (or null) clears the author. Unknown keys are refused, so a typo is not a silent no-op.
 */
export const documentPatchSchema = z
  .strictObject({
    title: z
      .string()
      .transform((title) => clipTitle(title))
      .refine((title) => title.length > 0, 'a title cannot be blank')
      .optional(),
    author: z
      .string()
      .transform(oneLine)
      .pipe(z.string().max(libraryLimits.authorLength, `an author is at most ${libraryLimits.authorLength} characters`))
      .transform((author) => author || null)
      .nullable()
      .optional(),
    /** Who may read and write it (its owner only). */
    visibility: visibilitySchema.optional(),
    /** The reading group it belongs to (null: none); the caller must own or facilitate that group. */
    groupId: z.string().regex(documentIdPattern, 'not a group id').nullable().optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'give a title, an author, a visibility or a group to change',
  );
export type DocumentPatch = z.infer<typeof documentPatchSchema>;
