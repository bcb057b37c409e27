import { describe, expect, it } from 'vitest';
import { blockIndexAt, initialsOf, onePerPerson, placeAvatars, type PresencePeer } from '../../lib/presence/placement.ts';

const blocks = [
  { start: 0, end: 40 },
  { start: 42, end: 100 },
  { start: 102, end: 180 },
  { start: 182, end: 300 },
];

let nextClient = 1;
function peer(name: string, reading: number | null, extra: Partial<PresencePeer> = {}): PresencePeer {
  return {
    clientId: nextClient++,
    id: `reader-${name.toLowerCase()}`,
    name,
    color: '#4363d8',
    reading,
    idle: false,
    cursor: null,
    ...extra,
  };
}

describe('blockIndexAt', () => {
  it.each([
    [0, 0],
    [39, 0],
    [41, 0], // between blocks: the block before
    [42, 1],
    [181, 2],
    [182, 3],
    [10_000, 3],
  ])('puts offset %i in block %i', (offset, index) => {
    expect(blockIndexAt(blocks, offset)).toBe(index);
  });

  it('says -1 before the first block and for no blocks', () => {
    expect(blockIndexAt([{ start: 5, end: 9 }], 2)).toBe(-1);
    expect(blockIndexAt([], 2)).toBe(-1);
  });
});

describe('placeAvatars', () => {
  it('puts each reader at the paragraph holding their reading position, in text order', () => {
    const stacks = placeAvatars([peer('Cy', 250), peer('Ada', 50)], blocks, null);
    expect(stacks.map((s) => [s.block, s.start, s.shown.map((p) => p.name)])).toEqual([
      [1, 42, ['Ada']],
      [3, 182, ['Cy']],
    ]);
  });

  it('leaves this reader out, in every tab', () => {
    const me = peer('Me', 50);
    const stacks = placeAvatars([me, { ...me, clientId: 99 }, peer('Ada', 50)], blocks, me.id);
    expect(stacks[0]!.shown.map((p) => p.name)).toEqual(['Ada']);
  });

  it('leaves out readers who have not said where they read', () => {
    expect(placeAvatars([peer('Ada', null)], blocks, null)).toEqual([]);
  });

  it('puts a position past the text at the last paragraph and none before the first at the first', () => {
    const stacks = placeAvatars([peer('Ada', 9_999)], [{ start: 10, end: 20 }], null);
    expect(stacks[0]!.block).toBe(0);
    expect(placeAvatars([peer('Ada', 2)], [{ start: 10, end: 20 }], null)[0]!.block).toBe(0);
  });

  it('stacks several readers at one paragraph: active first, then by name, the rest counted', () => {
    const stacks = placeAvatars(
      [peer('Dee', 60), peer('Ada', 60, { idle: true }), peer('Bo', 70), peer('Cy', 99), peer('Eve', 42)],
      blocks,
      null,
      2,
    );
    expect(stacks).toHaveLength(1);
    expect(stacks[0]!.shown.map((p) => p.name)).toEqual(['Bo', 'Cy']);
    expect(stacks[0]!.more.map((p) => p.name)).toEqual(['Dee', 'Eve', 'Ada']);
  });

  it('shows all when only one would be counted (+1 would take an avatar’s room)', () => {
    const stacks = placeAvatars([peer('Ada', 60), peer('Bo', 60), peer('Cy', 60)], blocks, null, 2);
    expect(stacks[0]!.shown).toHaveLength(3);
    expect(stacks[0]!.more).toHaveLength(0);
  });

  it('draws a reader with two tabs once, at the active tab', () => {
    const idleTab = peer('Ada', 10, { idle: true, clientId: 1 });
    const activeTab = { ...idleTab, clientId: 2, idle: false, reading: 200 };
    const stacks = placeAvatars([idleTab, activeTab], blocks, null);
    expect(stacks.map((s) => s.block)).toEqual([3]);
  });

  it('places nothing in a text without blocks', () => {
    expect(placeAvatars([peer('Ada', 1)], [], null)).toEqual([]);
  });
});

describe('onePerPerson', () => {
  it('keeps the lowest client id among equals, for a stable choice', () => {
    const a = peer('Ada', 5, { clientId: 7 });
    const b = { ...a, clientId: 3 };
    expect(onePerPerson([a, b]).map((p) => p.clientId)).toEqual([3]);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['ada', 'A'],
    ['Jean-Luc de la Tour', 'JT'],
    ['  Ben  ', 'B'],
    ['Élodie Ñúñez', 'ÉÑ'],
    ['"Quoted" Name', 'QN'],
    ['𝒜lice Smith', '𝒜S'],
    ['— —', '?'],
    ['', '?'],
    ['Anonymous reader', 'AR'],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});
