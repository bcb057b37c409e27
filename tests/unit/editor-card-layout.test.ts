import { describe, expect, it } from 'vitest';
import { layoutCards, type CardBox } from '../../lib/editor/card-layout.ts';

const card = (id: string, desiredTop: number, height = 50): CardBox => ({ id, desiredTop, height });

/** The layout as plain `[id, top]` pairs in the map's order. */
const placed = (cards: CardBox[], gap?: number) => [...layoutCards(cards, gap)];

describe('layoutCards', () => {
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
