/**
 * The spoiler guard's rule for moving a reader's furthest point (lib/annotations/blind.ts reads it as a horizon):
 * reading only moves it forward — scrolling back to re-read a scene must not hide what the reader has already seen —
 * unless the reader sets it on purpose ("I have read up to here"); it never passes the end of the text.
 */
import { z } from 'zod';

const offset = z.int().nonnegative();

/** What a reader's browser sends (`PUT /api/documents/<id>/progress`). */
export const progressChangeSchema = z
  .strictObject({
    /** The furthest text offset the reader has had on screen. */
    furthest: offset.optional(),
    /** Move the furthest point to `furthest` even if it is behind the stored one. */
    setTo: z.literal(true).optional(),
    spoilerGuard: z.boolean().optional(),
  })
  .refine((c) => c.furthest !== undefined || c.spoilerGuard !== undefined, 'send furthest, spoilerGuard or both')
  .refine((c) => !c.setTo || c.furthest !== undefined, 'setTo needs furthest');

export type ProgressChange = z.infer<typeof progressChangeSchema>;

/** The progress after `change`, for a text of `textLength` UTF-16 units. */
export function nextProgress(
  stored: { furthest: number; spoilerGuard: boolean },
  change: ProgressChange,
  textLength: number,
): { furthest: number; spoilerGuard: boolean } {
  let furthest = stored.furthest;
  if (change.furthest !== undefined) {
    const proposed = Math.min(change.furthest, textLength);
    furthest = change.setTo ? proposed : Math.max(furthest, proposed);
  }
  return { furthest, spoilerGuard: change.spoilerGuard ?? stored.spoilerGuard };
}
