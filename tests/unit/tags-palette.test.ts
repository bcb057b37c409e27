import { describe, expect, it } from 'vitest';
import { colorFor, hashString, palette, tint, untaggedColor } from '../../lib/tags/palette.ts';

const names = ['loss', 'guilt', 'the chip', 'willow', 'spike', 'sunnydale', '', 'x'.repeat(40), 'école', '😀'];
const hex = /^#[0-9a-f]{6}$/i;

describe('palette', () => {
  it('holds only #rrggbb colours', () => {
    for (const colour of [...palette, untaggedColor]) expect(colour).toMatch(hex);
  });

  it('holds no colour twice', () => {
    expect(new Set(palette).size).toBe(palette.length);
  });
});

describe('hashString', () => {
  // The published FNV-1a 32-bit test vectors.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j as FNV-1a does', (value, expected) => {
    expect(hashString(value)).toBe(expected);
  });

  it('gives an unsigned 32-bit integer', () => {
    for (const name of names) expect(hashString(name)).toSatisfy((h: number) => Number.isInteger(h) && h >= 0 && h < 2 ** 32);
  });
});

describe('colorFor', () => {
  it.each(names)('gives a palette colour for %j', (name) => {
    expect(palette).toContain(colorFor(name));
  });

  it.each(names)('gives %j the same colour every time', (name) => {
    expect(colorFor(name)).toBe(colorFor(name));
  });

  it('gives the colour the hash picks', () => {
    expect(colorFor('loss')).toBe(palette[hashString('loss') % palette.length]);
  });

  it('spreads 64 names over more than half of the palette', () => {
    const used = new Set(Array.from({ length: 64 }, (_, i) => colorFor(`theme ${i}`)));
    expect(used.size).toBeGreaterThan(palette.length / 2);
  });
});

describe('tint', () => {
  it.each([
    ['#e6194b', 0.35, 'rgba(230, 25, 75, 0.35)'],
    ['#000000', 0, 'rgba(0, 0, 0, 0)'],
    ['#ffffff', 1, 'rgba(255, 255, 255, 1)'],
    ['#FFFFFF', 0.5, 'rgba(255, 255, 255, 0.5)'],
    ['#0000ff', 0.2, 'rgba(0, 0, 255, 0.2)'],
    ['#f2c94c', 0.4, 'rgba(242, 201, 76, 0.4)'],
  ])('tints %s at %s as %s', (colour, alpha, expected) => {
    expect(tint(colour, alpha)).toBe(expected);
  });

  it.each(palette)('gives a well-formed rgba() for palette colour %s', (colour) => {
    expect(tint(colour, 0.3)).toMatch(/^rgba\((\d{1,3}), (\d{1,3}), (\d{1,3}), 0\.3\)$/);
  });
});
