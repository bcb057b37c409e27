import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../lib/text/sentences.ts';

/** The sentences of `text` as the strings they cover. */
const sentences = (text: string) => sentenceSpans(text).map((s) => text.slice(s.start, s.end));

describe('sentenceSpans', () => {
  it.each([
    ['plain full stops', 'The smoke curled. He stood still.', ['The smoke curled.', 'He stood still.']],
    ['a title is not an end', 'Mr. Smith went home. Dr. Jones stayed.', ['Mr. Smith went home.', 'Dr. Jones stayed.']],
    ['titles mid-sentence', 'St. Paul and Mrs. Dalloway met.  Twice.', ['St. Paul and Mrs. Dalloway met.', 'Twice.']],
    ['initials', 'J. R. R. Tolkien wrote it. Then he slept.', ['J. R. R. Tolkien wrote it.', 'Then he slept.']],
    ['"I." ends a sentence', 'It was I. Nobody else.', ['It was I.', 'Nobody else.']],
    ['an ellipsis before a lower-case word goes on', 'Wait... what was that? Nothing!', ['Wait... what was that?', 'Nothing!']],
    ['an ellipsis at the end ends', 'He left... Then nothing.', ['He left...', 'Then nothing.']],
    ['a straight quote after the stop stays with its sentence', '"Go away." She left.', ['"Go away."', 'She left.']],
    ['a curly quote after the stop stays with its sentence', '“Go.” She went.', ['“Go.”', 'She went.']],
    ['a quoted exclamation inside a sentence', 'He said "No!" and left. Then rain.', ['He said "No!" and left.', 'Then rain.']],
    ['?! together', 'Really?! Yes.', ['Really?!', 'Yes.']],
    ['decimals', 'It was 3.5 metres. Big.', ['It was 3.5 metres.', 'Big.']],
    ['no space after a stop is one sentence', 'end.Next one.', ['end.Next one.']],
    ['no final stop', 'Well, then', ['Well, then']],
    ['leading and trailing spaces are not in a sentence', '  One. Two.  ', ['One.', 'Two.']],
    ['a blank block has none', '   ', []],
    ['an empty block has none', '', []],
  ])('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('gives offsets into the block, astral characters included', () => {
    const text = '😀 One. Two.';
    expect(sentenceSpans(text)).toEqual([
      { start: 0, end: 7 },
      { start: 8, end: 12 },
    ]);
  });
});
