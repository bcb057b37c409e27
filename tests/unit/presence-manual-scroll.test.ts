import { describe, expect, it } from 'vitest';
import { type KeyInput, keyScrollsPage, pressOnPageScrollbar } from '../../lib/presence/manual-scroll.ts';

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
  it.each<[string, number, number, boolean]>([
    ['a press in the text', 400, 300, false],
    ['the last column of the page', 784, 300, false],
    ['the first column of the scrollbar', 785, 300, true],
    ['the scrollbar thumb', 792, 120, true],
    ['a horizontal scrollbar, when there is one', 400, 600, true],
  ])('%s', (_name, x, y, want) => expect(pressOnPageScrollbar(x, y, 785, 600)).toBe(want));
});
