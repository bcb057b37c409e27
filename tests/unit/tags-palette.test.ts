import { describe, expect, it } from 'vitest';
import { colorFor, distinctColors, hashString, palette, tint, untaggedColor } from '../../lib/tags/palette.ts';
import {
  contrastRatio,
  highlightAlpha,
  highlightTint,
  inkContrastOver,
  minimumContrast,
  relativeLuminance,
  themes,
  type Theme,
} from '../../lib/tags/palette.ts';

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

describe('distinctColors', () => {
  const readers = Array.from({ length: 12 }, (_, i) => `r-reader-${i}`);

  it('gives readers present distinct colours of the palette', () => {
    const colours = distinctColors(readers);
    expect(colours.size).toBe(readers.length);
    expect(new Set(colours.values()).size).toBe(readers.length);
    for (const c of colours.values()) expect(palette).toContain(c);
  });

  it('is the same whatever order the readers are listed in', () => {
    expect([...distinctColors([...readers].reverse())].sort()).toEqual([...distinctColors(readers)].sort());
  });

  it("keeps a reader's own colour when nobody else has it", () => {
    expect(distinctColors(['r-only'])).toEqual(new Map([['r-only', colorFor('r-only')]]));
  });

  it('separates two readers whose hashes collide', () => {
    const a = 'r-a';
    const b = Array.from({ length: 500 }, (_, i) => `r-b${i}`).find((id) => colorFor(id) === colorFor(a))!;
    expect(b).toBeDefined();
    const colours = distinctColors([a, b]);
    expect(colours.get(a)).not.toBe(colours.get(b));
  });

  it('repeats colours evenly past the palette', () => {
    const many = Array.from({ length: palette.length * 2 }, (_, i) => `r-${i}`);
    const counts = new Map<string, number>();
    for (const c of distinctColors(many).values()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
  });
});

describe('WCAG contrast', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#767676', '#ffffff', 4.54], // the classic AA grey
    ['#777777', '#ffffff', 4.48],
  ])('rates %s on %s at %s:1', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(expected, 2);
  });

  it('gives black and white their luminances', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
  });

  it.each(['light', 'dark'] as const)('gives the %s theme readable ink on its paper', (theme) => {
    expect(contrastRatio(themes[theme].ink, themes[theme].paper)).toBeGreaterThan(12);
  });
});

/** Every colour a highlight can be painted with: the tag palette, untagged notes and the draft passage. */
const highlightColours = [...palette, untaggedColor, '#2757c5'];
const cases = (['light', 'dark'] as const).flatMap((theme: Theme) => highlightColours.map((colour) => [theme, colour] as const));

describe('highlightTint', () => {
  it.each(cases)('in the %s theme keeps the ink at 4.5:1 over %s, alone and nested in itself', (theme, colour) => {
    const alpha = highlightAlpha(colour, theme);
    expect(inkContrastOver(colour, alpha, theme, 1)).toBeGreaterThanOrEqual(minimumContrast);
    expect(inkContrastOver(colour, alpha, theme, 2)).toBeGreaterThanOrEqual(minimumContrast);
  });

  it.each(cases)('in the %s theme still shows %s (alpha at least 0.2)', (theme, colour) => {
    expect(highlightAlpha(colour, theme)).toBeGreaterThanOrEqual(0.2);
  });

  it('keeps the preferred strength where the contrast allows it and lowers it where it does not', () => {
    expect(highlightAlpha('#f2c94c', 'light')).toBe(0.32);
    expect(highlightAlpha('#000075', 'light')).toBeLessThan(0.32);
    expect(highlightAlpha('#000075', 'dark')).toBe(0.34);
    expect(highlightAlpha('#f2c94c', 'dark')).toBeLessThan(0.34);
  });

  it('is an rgba() of the colour itself', () => {
    expect(highlightTint('#f2c94c', 'light')).toBe('rgba(242, 201, 76, 0.32)');
  });
});
