/**
 * Where the other readers' avatars go: each reader at the block (paragraph or heading) holding their reading
 * position, one avatar per person (a reader with two tabs counts once, the active tab winning), several at one block
 * stacked so that a few show and the rest are counted (+N). Pure, so the rules are a table of cases; the presence
 * plugin (lib/editor/presence-plugin.ts) draws what this returns.
 */

/** A reader as presence shows them: who, their colour, and where they read and select (text offsets). */
export interface PresencePeer {
  /** The awareness client id (one per tab). */
  clientId: number;
  id: string;
  name: string;
  color: string;
  /** Text offset at their reading line, or null when they have not said. */
  reading: number | null;
  idle: boolean;
  /** Their selection as text offsets, or null. */
  cursor: { anchor: number; head: number } | null;
}

/** A block's span in the text (offsets). */
export interface PlacementBlock {
  start: number;
  end: number;
}

/** The avatars at one block. */
export interface AvatarStack {
  /** Index of the block in the list given. */
  block: number;
  /** The block's start offset. */
  start: number;
  /** Readers drawn as avatars, active before idle, then by name. */
  shown: PresencePeer[];
  /** Readers counted in "+N" (drawn nowhere else). */
  more: PresencePeer[];
}

/** The index of the block holding `offset` (the last block starting at or before it), or -1 before the first. */
export function blockIndexAt(blocks: readonly PlacementBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** One entry per person: an active tab over an idle one, else the first seen (lowest client id, for stability). */
export function onePerPerson(peers: readonly PresencePeer[]): PresencePeer[] {
  const byUser = new Map<string, PresencePeer>();
  for (const p of [...peers].sort((a, b) => a.clientId - b.clientId)) {
    const seen = byUser.get(p.id);
    if (!seen || (seen.idle && !p.idle) || (seen.reading === null && p.reading !== null && seen.idle === p.idle)) byUser.set(p.id, p);
  }
  return [...byUser.values()];
}

/**
 * The stacks of avatars for `peers` over `blocks`, in text order. `selfId` (this reader, in every tab) is left out;
 * readers without a reading position are left out (they are in the who's-here list); a reading position past the
 * text goes to the last block. At most `maxShown` avatars show per block, the rest are `more`.
 */
export function placeAvatars(
  peers: readonly PresencePeer[],
  blocks: readonly PlacementBlock[],
  selfId: string | null,
  maxShown = 3,
): AvatarStack[] {
  if (blocks.length === 0) return [];
  const byBlock = new Map<number, PresencePeer[]>();
  for (const p of onePerPerson(peers)) {
    if (p.id === selfId || p.reading === null) continue;
    const i = Math.max(0, blockIndexAt(blocks, p.reading));
    const list = byBlock.get(i);
    if (list) list.push(p);
    else byBlock.set(i, [p]);
  }
  const shown = Math.max(1, maxShown);
  return [...byBlock.entries()]
    .sort(([a], [b]) => a - b)
    .map(([block, list]) => {
      list.sort((a, b) => Number(a.idle) - Number(b.idle) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      // "+1" would take the room of the avatar it hides: with one too many, all show.
      const cut = list.length === shown + 1 ? list.length : shown;
      return { block, start: blocks[block]!.start, shown: list.slice(0, cut), more: list.slice(cut) };
    });
}

/** Up to two initials of a name (first letters of its first and last words), upper-cased; "?" for none. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return '?';
  const first = (w: string) => Array.from(w.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '';
  const letters = words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words.at(-1)!);
  return letters.toLocaleUpperCase();
}
