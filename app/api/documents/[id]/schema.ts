/** The zod schemas of `/api/documents/<id>` (a rename or an author change), with their inferred types. */
import { z } from 'zod';
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
  })
  .refine((patch) => patch.title !== undefined || patch.author !== undefined, 'give a title or an author to change');
export type DocumentPatch = z.infer<typeof documentPatchSchema>;
