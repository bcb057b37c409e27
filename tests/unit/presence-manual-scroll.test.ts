import { describe, expect, it } from 'vitest';
import { type KeyInput, keyScrollsPage, type PressInput, pressOnPageScrollbar } from '../../lib/presence/manual-scroll.ts';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inControl: false,
  ...extra,
});

describe('keyScrollsPage', () => {
  it.each<[string, KeyInput, boolean]>([
    ['ArrowDown scrolls', key('ArrowDown'), true],
    ['PageUp scrolls', key('PageUp'), true],
    ['Space scrolls', key(' '), true],
    ['End scrolls', key('End'), true],
    ['a letter does not', key('g'), false],
    ['Escape does not (it stops following by itself)', key('Escape'), false],
    ['Alt+ArrowDown (moving an agenda item) does not', key('ArrowDown', { altKey: true }), false],
    ['Ctrl+End does not', key('End', { ctrlKey: true }), false],
    ['Cmd+ArrowUp does not', key('ArrowUp', { metaKey: true }), false],
    ['Space in a text field types a space', key(' ', { inControl: true }), false],
    ['ArrowDown in a list box moves its choice', key('ArrowDown', { inControl: true }), false],
  ])('%s', (_name, input, want) => expect(keyScrollsPage(input)).toBe(want));
});

describe('pressOnPageScrollbar', () => {
  // A window 800 x 600 whose vertical scrollbar takes 15 px: the root's client area is 785 x 600.
  const mouse = (x: number, y: number, onRoot = true): PressInput => ({ pointerType: 'mouse', onRoot, x, y });
  it.each<[string, PressInput, boolean]>([
    ['a press in the text', mouse(400, 300, false), false],
    ['the last column of the page', mouse(784, 300), false],
    ['the first column of the scrollbar', mouse(785, 300), true],
    ['the scrollbar thumb', mouse(792, 120), true],
    ['a horizontal scrollbar, when there is one', mouse(400, 600), true],
    ['a press on an overlay over that column (it goes to the overlay)', mouse(792, 120, false), false],
    ['a touch where a phone browser bar was (past the client height)', { pointerType: 'touch', onRoot: true, x: 200, y: 620 }, false],
    ['a pen on the scrollbar column', { pointerType: 'pen', onRoot: true, x: 792, y: 120 }, false],
  ])('%s', (_name, press, want) => expect(pressOnPageScrollbar(press, 785, 600)).toBe(want));
});
