/**
 * Places margin cards level with their passages without overlapping: each card goes at its passage's top, or just
 * below the card above it when that one reaches further down. Pure, so it is unit-tested.
 *
 * With thousands of notes the layout runs again every time a rendered card reports its height, so it is split in
 * two: `orderCards` sorts once when the passages move, and `stackCards` is one pass over numbers in that order
 * (no sort, no allocation per card). `cardsInBand` then finds the cards near the viewport by binary search, since
 * stacked tops only ever grow along the order.
 */

/** The cards in order of desired position (ties keep input order). */
export interface CardOrder {
  ids: readonly string[];
  desired: Float64Array;
}

/** The stacked tops along an order, and each id's index in it. */
export interface CardStack {
  order: CardOrder;
  tops: Float64Array;
  bottoms: Float64Array;
  index: ReadonlyMap<string, number>;
}

/** Sorts cards by where their passages start; ties keep the order they were given in. */
export function orderCards(desired: Iterable<readonly [string, number]>): CardOrder {
  const entries = [...desired];
  const idx = entries.map((_, i) => i);
  idx.sort((a, b) => entries[a][1] - entries[b][1] || a - b);
  const ids = idx.map((i) => entries[i][0]);
  const tops = new Float64Array(idx.length);
  idx.forEach((i, k) => {
    tops[k] = entries[i][1];
  });
  return { ids, desired: tops };
}

/** The top (and bottom) of each card along `order`, `gap` pixels apart at least; `heightOf` gives each card's height. */
export function stackCards(order: CardOrder, heightOf: (id: string) => number, gap = 8): CardStack {
  const n = order.ids.length;
  const tops = new Float64Array(n);
  const bottoms = new Float64Array(n);
  const index = new Map<string, number>();
  let bottom = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const id = order.ids[k];
    const top = Math.max(order.desired[k], bottom + gap);
    tops[k] = top;
    bottom = top + heightOf(id);
    bottoms[k] = bottom;
    index.set(id, k);
  }
  return { order, tops, bottoms, index };
}

/** The ids of the cards whose boxes meet [from, to], in order (stacked boxes never overlap, so both ends grow). */
export function cardsInBand(stack: CardStack, from: number, to: number): string[] {
  const { bottoms, tops, order } = stack;
  // The first card whose bottom reaches `from`.
  let lo = 0;
  let hi = bottoms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottoms[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let k = lo; k < tops.length && tops[k] <= to; k++) out.push(order.ids[k]);
  return out;
}
