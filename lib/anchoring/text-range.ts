/**
 * Checks on plain offset ranges, shared by the selector modules so that "a range of this text" means the same
 * thing everywhere (and so untrusted selectors read from a room or the database are never trusted blindly).
 */
import type { TextRange } from './types.ts';

/** Whether `range` is a range of a text of `length` code units: integers with `0 <= start <= end <= length`. */
export function isRangeWithin(range: TextRange, length: number): boolean {
  const { start, end } = range;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length;
}

/**
 * Throws unless `range` is a range of a text of `length` code units.
 * @throws RangeError naming the offending range.
 */
export function assertRangeWithin(range: TextRange, length: number): void {
  if (!isRangeWithin(range, length))
    throw new RangeError(`text range [${range.start}, ${range.end}) is not within a text of length ${length}`);
}
