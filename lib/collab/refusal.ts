/**
 * Telling a reader that the server took back one of their notes. Clients cannot see who made a remote change, so
 * a refusal is recognised by its timing: the server answers a write at once, with the removal of the reader's own
 * note. A later remote delete (say, by the same reader in another tab) is not a refusal.
 */

/** How soon after a write the server's refusal arrives, at most. */
export const refusalWindowMs = 5000;

export interface RemoteRemoval {
  /** When this reader last wrote the key locally (ms), if recently. */
  wroteAt: number | undefined;
  /** The creator id of the value that was removed. */
  removedCreatorId: string | undefined;
  readerId: string;
  now: number;
}

/** Whether a remote removal of a key is the server refusing this reader's write. */
export function isRefusal({ wroteAt, removedCreatorId, readerId, now }: RemoteRemoval): boolean {
  return wroteAt !== undefined && removedCreatorId === readerId && now - wroteAt < refusalWindowMs;
}
