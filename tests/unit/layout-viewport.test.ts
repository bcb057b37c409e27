import { describe, expect, it } from 'vitest';
import { placePopup, scrollToShow } from '../../lib/layout/viewport.ts';

const phone = { width: 390, height: 844 };
const popup = { width: 220, height: 40 };

describe('placePopup', () => {
  it.each([
    ['below the anchor at its left edge when it fits', { left: 50, top: 100, bottom: 120 }, { left: 50, top: 126, side: 'below' }],
    ['moved left so its right edge stays 8 px inside', { left: 300, top: 100, bottom: 120 }, { left: 162, top: 126, side: 'below' }],
    ['moved right of a negative left', { left: -40, top: 100, bottom: 120 }, { left: 8, top: 126, side: 'below' }],
    ['above the anchor when below would cross the bottom', { left: 20, top: 790, bottom: 810 }, { left: 20, top: 744, side: 'above' }],
    ['kept inside when the anchor is below the viewport', { left: 20, top: 900, bottom: 920 }, { left: 20, top: 796, side: 'above' }],
    ['kept inside when the anchor is above the viewport', { left: 20, top: -300, bottom: -280 }, { left: 20, top: 8, side: 'below' }],
    ['at the right edge exactly', { left: 390, top: 0, bottom: 20 }, { left: 162, top: 26, side: 'below' }],
  ] as const)('%s', (_what, anchor, expected) => {
    expect(placePopup(anchor, popup, phone)).toEqual(expected);
  });

  it('keeps a popup wider than the viewport at the left inset', () => {
    expect(placePopup({ left: 100, top: 10, bottom: 30 }, { width: 500, height: 40 }, phone).left).toBe(8);
  });

  it('never leaves a popup that fits partly outside, wherever its anchor is', () => {
    for (let x = -200; x <= 600; x += 37) {
      for (let y = -200; y <= 1100; y += 53) {
        const at = placePopup({ left: x, top: y, bottom: y + 22 }, popup, phone);
        expect(at.left).toBeGreaterThanOrEqual(0);
        expect(at.top).toBeGreaterThanOrEqual(0);
        expect(at.left + popup.width).toBeLessThanOrEqual(phone.width);
        expect(at.top + popup.height).toBeLessThanOrEqual(phone.height);
      }
    }
  });
});

describe('scrollToShow', () => {
  const visible = { top: 50, bottom: 400 };
  it.each([
    ['already visible', { top: 100, bottom: 130 }, 0],
    ['under the sheet: scroll down by what is hidden plus the inset', { top: 500, bottom: 530 }, 142],
    ['partly under the sheet', { top: 380, bottom: 410 }, 22],
    ['under the header: scroll up', { top: 20, bottom: 50 }, -42],
    ['above the viewport', { top: -400, bottom: -370 }, -462],
    ['taller than the band: its top under the header', { top: 300, bottom: 800 }, 238],
    ['exactly at the insets', { top: 62, bottom: 388 }, 0],
  ] as const)('%s', (_what, passage, expected) => {
    expect(scrollToShow(passage, visible)).toBe(expected);
  });
});
