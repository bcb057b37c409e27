/**
 * A note's times are set by its writer's client: `created` (fixed once written) and `modified`. Times in the past
 * are honest — notes written offline arrive later, imports keep their dates — but a time in the future is a clock
 * running fast or a forgery: a note dated tonight at eight would count as written in tonight's meeting (its summary,
 * its export, participation) and sort first for ever. Times further ahead than the allowed skew become the server's
 * now; `created` only when the note is new, since it may not change afterwards.
 */
import { annotationLimits } from '../limits.ts';

interface Timed {
  created: string;
  modified?: string;
}

/** Whether the time `iso` runs ahead of the clock's `now` by more than the allowed skew. */
export function aheadOfClock(iso: string | undefined, now: number, skewMs = annotationLimits.clockSkewMs): boolean {
  return iso !== undefined && Date.parse(iso) > now + skewMs;
}

/** `annotation` with its future times set to `now` (the same object when nothing is ahead). */
export function clampFutureTimes<T extends Timed>(annotation: T, isNew: boolean, now: number, skewMs = annotationLimits.clockSkewMs): T {
  const ahead = (iso: string | undefined) => aheadOfClock(iso, now, skewMs);
  const createdAhead = isNew && ahead(annotation.created);
  const modifiedAhead = ahead(annotation.modified);
  if (!createdAhead && !modifiedAhead) return annotation;
  const at = new Date(now).toISOString();
  return {
    ...annotation,
    ...(createdAhead ? { created: at } : {}),
    ...(modifiedAhead ? { modified: at } : {}),
  };
}
