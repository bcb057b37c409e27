/**
 * Going invisible, remembered per browser: an invisible reader announces no presence at all (no avatar, no name in
 * who's here, nothing to follow), from the moment their socket opens. Read where the room is joined
 * (lib/collab/room-client.ts) and set by the reader's toggle.
 */

const key = 'glossa.presence.invisible';

/** Whether this browser's reader chose to be invisible (false where there is no storage). */
export function isInvisible(): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** Remembers the choice in this browser. */
export function rememberInvisible(invisible: boolean): void {
  try {
    if (invisible) globalThis.localStorage?.setItem(key, '1');
    else globalThis.localStorage?.removeItem(key);
  } catch {
    /* storage off: the choice lasts for this page only */
  }
}
