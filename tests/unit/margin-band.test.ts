import { describe, expect, it } from 'vitest';
import { nextBand } from '../../lib/editor/margin-band.ts';

describe('nextBand', () => {
  const screen = 1000;

  it('places a first band two screens above and three below the viewport', () => {
    expect(nextBand(null, 5000, screen)).toEqual({ from: 3000, to: 9000 });
  });

  it.each([
    ['the viewport has not moved', 5000, true],
    ['reading on for two screens and a half', 7500, true],
    ['the viewport within half a screen of the bottom edge', 7600, false],
    ['scrolling back up a screen and a half', 3500, true],
    ['the viewport within half a screen of the top edge', 3400, false],
    ['a jump far away', 400_000, false],
  ])('keeps or moves the band when %s', (_name, offset, kept) => {
    const band = nextBand(null, 5000, screen);
    const next = nextBand(band, offset, screen);
    if (kept) expect(next).toBe(band);
    else {
      expect(next).not.toBe(band);
      expect(next.from).toBeLessThanOrEqual(offset - screen);
      expect(next.to).toBeGreaterThanOrEqual(offset + 2 * screen);
    }
  });

  it('always covers the viewport it was asked for', () => {
    let band = nextBand(null, 0, screen);
    for (let offset = 0; offset < 50_000; offset += 137) {
      band = nextBand(band, offset, screen);
      expect(band.from).toBeLessThanOrEqual(offset);
      expect(band.to).toBeGreaterThanOrEqual(offset + screen);
    }
  });
});
