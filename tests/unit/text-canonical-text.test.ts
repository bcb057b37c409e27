import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCanonicalText, type CanonicalText } from '../../lib/text/canonical-text.ts';
import { parseHeader } from '../../lib/text/parse-header.ts';

const story = readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8');

/** The paragraphs of a canonical text, read back through its spans. */
function paragraphTexts({ text, paragraphs }: CanonicalText): string[] {
  return paragraphs.map((p) => text.slice(p.start, p.end));
}

/** The opening of War and Peace as Project Gutenberg wraps it, with its curly quotes and em dashes. */
const warAndPeace = [
  '“Well, Prince, so Genoa and Lucca are now just family estates of the',
  'Buonapartes. But I warn you, if you don’t tell me that this means war,',
  'if you still try to defend the infamies and horrors perpetrated by that',
  'Antichrist—I really believe he is Antichrist—I will have nothing',
  '',
  'It was in July, 1805, and the speaker was the well-known Anna Pávlovna',
  'Schérer, maid of honor and favorite of the Empress Márya Fëdorovna.',
  '',
  '',
  '     * The most fascinating woman in Petersburg.   ',
  '',
].join('\n');

describe('toCanonicalText on the sample story', () => {
  const canonical = toCanonicalText(parseHeader(story).body);
  const paragraphs = paragraphTexts(canonical);

  it('starts with the first paragraph of the story', () => {
    expect(canonical.text.startsWith('Spike sat inside the mausoleum, a cigarette burning in his hand.')).toBe(true);
  });

  it('ends with the paragraph "end."', () => {
    expect(paragraphs.at(-1)).toBe('end.');
    expect(canonical.text.endsWith('And he should have known better.\n\nend.')).toBe(true);
  });

  it('has one paragraph per non-blank line of the body', () => {
    const lines = parseHeader(story)
      .body.split('\n')
      .filter((line) => line.trim() !== '');
    expect(paragraphs).toEqual(lines.map((line) => line.trim()));
  });

  it('separates paragraphs by exactly one blank line', () => {
    expect(canonical.text).not.toMatch(/\n\n\n/);
    expect(canonical.text.split('\n\n')).toEqual(paragraphs);
  });

  it('gives spans that tile the text with two-character gaps', () => {
    const { paragraphs: spans, text } = canonical;
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBe(spans[i - 1]!.end + 2);
  });
});

describe('toCanonicalText', () => {
  it('joins hard-wrapped lines of a paragraph with single spaces', () => {
    expect(paragraphTexts(toCanonicalText(warAndPeace))).toEqual([
      '“Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes. But I warn you, if you don’t tell me that this means war, if you still try to defend the infamies and horrors perpetrated by that Antichrist—I really believe he is Antichrist—I will have nothing',
      'It was in July, 1805, and the speaker was the well-known Anna Pávlovna Schérer, maid of honor and favorite of the Empress Márya Fëdorovna.',
      '* The most fascinating woman in Petersburg.',
    ]);
  });

  it('keeps curly quotes, em dashes and accents as they are', () => {
    const { text } = toCanonicalText(warAndPeace);
    for (const s of ['“Well', 'don’t', 'Antichrist—I', 'Pávlovna', 'Fëdorovna']) expect(text).toContain(s);
  });

  it.each([
    ['LF', 'One\ntwo.\n\nThree.\n'],
    ['CRLF', 'One\r\ntwo.\r\n\r\nThree.\r\n'],
    ['CR', 'One\rtwo.\r\rThree.\r'],
    ['blank lines holding spaces and tabs', '  One  \n  two.\t\n \t \n\n\nThree.   '],
    ['leading and trailing blank lines', '\n\n\nOne\ntwo.\n\nThree.\n\n\n'],
  ])('gives the same text for %s', (_name, body) => {
    expect(toCanonicalText(body)).toEqual({
      text: 'One two.\n\nThree.',
      paragraphs: [
        { start: 0, end: 8 },
        { start: 10, end: 16 },
      ],
    });
  });

  it('keeps runs of spaces inside a line', () => {
    expect(toCanonicalText('He paused.  Then   spoke.').text).toBe('He paused.  Then   spoke.');
  });

  it.each([[''], ['\n\n'], ['   \n\t\n']])('gives no paragraphs for the blank body %j', (body) => {
    expect(toCanonicalText(body)).toEqual({ text: '', paragraphs: [] });
  });
});
