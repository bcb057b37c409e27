import { describe, expect, it } from 'vitest';
import { cardsInBand, orderCards, stackCards } from '../../lib/editor/card-layout.ts';

/** A card to place: where its passage starts and how tall it is. */
interface CardBox {
  id: string;
  desiredTop: number;
  height: number;
}

const card = (id: string, desiredTop: number, height = 50): CardBox => ({ id, desiredTop, height });

/** The margin's layout of `cards` (sorted once, then stacked), as a map of id → top in order of the tops. */
function layoutCards(cards: CardBox[], gap?: number): Map<string, number> {
  const heights = new Map(cards.map((c) => [c.id, c.height]));
  const stack = stackCards(orderCards(cards.map((c) => [c.id, c.desiredTop] as const)), (id) => heights.get(id) ?? 0, gap);
  return new Map(stack.order.ids.map((id, k) => [id, stack.tops[k]]));
}

/** The layout as plain `[id, top]` pairs in the map's order. */
const placed = (cards: CardBox[], gap?: number) => [...layoutCards(cards, gap)];

describe('orderCards and stackCards lay the margin out', () => {
  it.each([
    ['one card', [card('a', 120)], [['a', 120]]],
    [
      'cards far apart',
      [card('a', 0), card('b', 100), card('c', 300)],
      [
        ['a', 0],
        ['b', 100],
        ['c', 300],
      ],
    ],
    [
      'cards exactly the gap apart',
      [card('a', 0), card('b', 58)],
      [
        ['a', 0],
        ['b', 58],
      ],
    ],
    ['a card at a negative top', [card('a', -20)], [['a', -20]]],
  ])('keeps the desired tops of %s', (_name, cards, expected) => {
    expect(placed(cards)).toEqual(expected);
  });

  it.each([
    [
      'a card overlapping the one above',
      [card('a', 0), card('b', 40)],
      [
        ['a', 0],
        ['b', 58],
      ],
    ],
    [
      'a card one pixel short of the gap',
      [card('a', 0), card('b', 57)],
      [
        ['a', 0],
        ['b', 58],
      ],
    ],
    [
      'a card at the same top as the one above',
      [card('a', 10), card('b', 10)],
      [
        ['a', 10],
        ['b', 68],
      ],
    ],
    [
      'a chain of overlapping cards',
      [card('a', 0), card('b', 10), card('c', 20)],
      [
        ['a', 0],
        ['b', 58],
        ['c', 116],
      ],
    ],
    [
      'a card under a tall one',
      [card('a', 0, 300), card('b', 100)],
      [
        ['a', 0],
        ['b', 308],
      ],
    ],
    [
      'a card after a pushed one but clear of it',
      [card('a', 0), card('b', 10), card('c', 500)],
      [
        ['a', 0],
        ['b', 58],
        ['c', 500],
      ],
    ],
  ])('pushes down %s by the gap', (_name, cards, expected) => {
    expect(placed(cards)).toEqual(expected);
  });

  it.each([
    [0, 50],
    [8, 58],
    [20, 70],
  ])('keeps a gap of %i pixels when asked', (gap, top) => {
    expect(layoutCards([card('a', 0), card('b', 0)], gap).get('b')).toBe(top);
  });

  it('orders cards by desired top, whatever the input order', () => {
    expect(placed([card('c', 300), card('a', 0), card('b', 100)])).toEqual([
      ['a', 0],
      ['b', 100],
      ['c', 300],
    ]);
  });

  it('pushes the card that comes later on the page, not the later one in the input', () => {
    expect(placed([card('b', 40), card('a', 0)])).toEqual([
      ['a', 0],
      ['b', 58],
    ]);
  });

  it.each([
    [
      'x first',
      [card('x', 10), card('y', 10)],
      [
        ['x', 10],
        ['y', 68],
      ],
    ],
    [
      'y first',
      [card('y', 10), card('x', 10)],
      [
        ['y', 10],
        ['x', 68],
      ],
    ],
  ])('breaks ties in input order (%s)', (_name, cards, expected) => {
    expect(placed(cards)).toEqual(expected);
  });

  it('places no cards for no cards', () => {
    expect(layoutCards([]).size).toBe(0);
  });

  it('does not reorder the input array', () => {
    const cards = [card('b', 100), card('a', 0)];
    layoutCards(cards);
    expect(cards.map((c) => c.id)).toEqual(['b', 'a']);
  });
});

describe('stackCards and cardsInBand', () => {
  // a at 0 (h 50), b wants 20 → 58 (h 50), c at 400 (h 100), d at 405 → 508 (h 20), e at 2000
  const heights: Record<string, number> = { a: 50, b: 50, c: 100, d: 20, e: 30 };
  const order = orderCards([
    ['c', 400],
    ['a', 0],
    ['e', 2000],
    ['b', 20],
    ['d', 405],
  ]);
  const stack = stackCards(order, (id) => heights[id]);

  it('orders by desired top and restacks from heights alone', () => {
    expect(order.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...stack.tops]).toEqual([0, 58, 400, 508, 2000]);
    expect([...stack.bottoms]).toEqual([50, 108, 500, 528, 2030]);
    // A card grows: everything below it that it now reaches moves, the order does not change.
    const taller = stackCards(order, (id) => (id === 'b' ? 400 : heights[id]));
    expect([...taller.tops]).toEqual([0, 58, 466, 574, 2000]);
  });

  it('agrees with the one-pass reference: each card at its passage or just below the card above', () => {
    const reference = (cards: CardBox[], gap = 8) => {
      const sorted = cards.map((c, i) => ({ c, i })).sort((a, b) => a.c.desiredTop - b.c.desiredTop || a.i - b.i);
      let bottom = Number.NEGATIVE_INFINITY;
      return sorted.map(({ c }) => {
        const top = Math.max(c.desiredTop, bottom + gap);
        bottom = top + c.height;
        return [c.id, top] as const;
      });
    };
    const cards = order.ids.map((id, k) => card(id, order.desired[k], heights[id]));
    expect(reference(cards)).toEqual(order.ids.map((id, k) => [id, stack.tops[k]]));
  });

  it.each([
    ['the whole margin', -1000, 5000, ['a', 'b', 'c', 'd', 'e']],
    ['a band meeting only the bottom of a card', 100, 300, ['b']],
    ['a band between cards', 530, 1990, []],
    ['a band touching a card top exactly', 2000, 2000, ['e']],
    ['a band over two stacked cards', 450, 510, ['c', 'd']],
    ['a band above everything', -500, -1, []],
    ['a band below everything', 2031, 9000, []],
  ])('finds the cards meeting %s', (_name, from, to, expected) => {
    expect(cardsInBand(stack, from, to)).toEqual(expected);
  });

  it('finds the same cards as a scan of every card, for random layouts', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const entries = Array.from({ length: 200 }, (_, i): [string, number] => [`n${i}`, Math.floor(random() * 20_000)]);
      const h = new Map(entries.map(([id]) => [id, 20 + Math.floor(random() * 200)]));
      const s = stackCards(orderCards(entries), (id) => h.get(id)!);
      const from = random() * 25_000 - 1000;
      const to = from + random() * 3000;
      const scan = s.order.ids.filter((_, k) => s.bottoms[k] >= from && s.tops[k] <= to);
      expect(cardsInBand(s, from, to)).toEqual(scan);
    }
  });
});
