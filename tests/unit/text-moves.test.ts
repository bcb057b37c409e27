import { describe, expect, it } from 'vitest';
import { blockIndexAt, moveCaret, type TextMove } from '../../lib/text/text-moves.ts';

// Two paragraphs and an empty one between them, as the canonical text separates blocks (a blank line).
const text = 'Mr. Ash left. He came back.\n\n\n\nThe end. Really.';
const blocks = [
  { start: 0, end: 27 },
  { start: 29, end: 29 },
  { start: 31, end: 47 },
];
const at = (s: string) => text.indexOf(s);

const move = (unit: TextMove['unit'], direction: TextMove['direction'], extend = false): TextMove => ({ unit, direction, extend });

describe('moveCaret by sentence', () => {
  it.each([
    ['forward from the start goes to the next sentence (past "Mr.")', 0, move('sentence', 'forward'), at('He came')],
    ['forward from the last sentence of a block goes on to the next block', at('came'), move('sentence', 'forward'), at('The end')],
    ['forward from the last sentence of the text stays', at('Really'), move('sentence', 'forward'), null],
    ['extending forward stops at the end of this sentence', 0, move('sentence', 'forward', true), at(' He came')],
    ['extending forward from an end takes the next sentence', at(' He came'), move('sentence', 'forward', true), at('\n')],
    ['extending forward across blocks ends at the next block’s first sentence', at('\n'), move('sentence', 'forward', true), at(' Really')],
    ['backward from inside a sentence goes to its start', at('came'), move('sentence', 'backward'), at('He came')],
    ['backward from a start goes to the sentence before', at('He came'), move('sentence', 'backward'), 0],
    [
      'backward from a block’s start goes to the last sentence of the block before',
      at('The end'),
      move('sentence', 'backward'),
      at('He came'),
    ],
    ['backward from the text’s start stays', 0, move('sentence', 'backward'), null],
    ['extending backward stops at starts too', at('Really') + 3, move('sentence', 'backward', true), at('Really')],
  ])('%s', (_name, offset, m, expected) => {
    expect(moveCaret(text, blocks, offset, m)).toBe(expected);
  });
});

describe('moveCaret by paragraph', () => {
  it.each([
    ['forward goes to the next block’s start', 5, move('paragraph', 'forward'), 29],
    ['forward from the last block stays', 40, move('paragraph', 'forward'), null],
    ['extending forward stops at the end of this block', 5, move('paragraph', 'forward', true), 27],
    ['extending forward from a block’s end takes the next block', 27, move('paragraph', 'forward', true), 29],
    ['extending forward from the last end stays', 47, move('paragraph', 'forward', true), null],
    ['backward from inside a block goes to its start', 40, move('paragraph', 'backward'), 31],
    ['backward from a block’s start goes to the block before', 31, move('paragraph', 'backward'), 29],
    ['backward from the first block’s start stays', 0, move('paragraph', 'backward'), null],
  ])('%s', (_name, offset, m, expected) => {
    expect(moveCaret(text, blocks, offset, m)).toBe(expected);
  });

  it('stays when there are no blocks', () => {
    expect(moveCaret('', [], 0, move('paragraph', 'forward'))).toBeNull();
  });
});

describe('blockIndexAt', () => {
  it.each([
    [0, 0],
    [27, 0],
    [28, 0],
    [29, 1],
    [31, 2],
    [47, 2],
  ])('offset %i is in block %i', (offset, index) => {
    expect(blockIndexAt(blocks, offset)).toBe(index);
  });
});
