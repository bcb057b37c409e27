/**
 * Places margin cards level with their passages without overlapping: each card goes at its passage's top, or just
 * below the card above it when that one reaches further down. Pure, so it is unit-tested.
 */

/** A card to place: where its passage starts and how tall it is. */
export interface CardBox {
  id: string;
  desiredTop: number;
  height: number;
}

/** The top of each card, in order of desired position (ties keep input order), `gap` pixels apart at least. */
export function layoutCards(cards: CardBox[], gap = 8): Map<string, number> {
  const sorted = cards.map((c, i) => ({ c, i })).sort((a, b) => a.c.desiredTop - b.c.desiredTop || a.i - b.i);
  const tops = new Map<string, number>();
  let bottom = -Infinity;
  for (const { c } of sorted) {
    const top = Math.max(c.desiredTop, bottom + gap);
    tops.set(c.id, top);
    bottom = top + c.height;
  }
  return tops;
}
