import { describe, expect, it } from 'vitest';
import { findInText, foldQuery, foldText } from '../../lib/text/find.ts';
import { storyText } from '../helpers/unit-story.ts';

/** The matched substrings of the original text. */
const found = (text: string, query: string, limit?: number) => findInText(text, query, limit).map((r) => text.slice(r.start, r.end));

describe('findInText', () => {
  it.each([
    ['case-insensitive', 'The cat saw THE dog', 'the', ['The', 'THE']],
    ['diacritics-insensitive', 'Une éclair, un Éclair, eclair', 'eclair', ['éclair', 'Éclair', 'eclair']],
    ['accented query finds plain text', 'cafe café', 'café', ['cafe', 'café']],
    ['decomposed accents', 'Zoe\u0301 and Zoë', 'zoe', ['Zoe\u0301', 'Zoë']],
    ['curly apostrophes as straight', "weren’t and weren't", "weren't", ['weren’t', "weren't"]],
    ['curly double quotes', '“Yes,” she said', '"yes,"', ['“Yes,”']],
    ['dashes', 'now—then – later', 'now-then', ['now—then']],
    ['no overlap', 'aaaa', 'aa', ['aa', 'aa']],
    ['Cyrillic lower-cases too', 'Война и МИР, мир', 'мир', ['МИР', 'мир']],
    ['astral characters keep their offsets', '😀 Café 😀 cafe', 'cafe', ['Café', 'cafe']],
    ['nothing for an empty query', 'text', '', []],
    ['nothing for a blank query', 'a b', '  ', []],
    ['no match', 'text', 'xyz', []],
    ['not across paragraphs', 'end\n\nstart', 'end start', []],
  ])('%s', (_name, text, query, expected) => {
    expect(found(text, query)).toEqual(expected);
  });

  it('stops at the limit', () => {
    expect(found('a a a a a', 'a', 3)).toEqual(['a', 'a', 'a']);
  });

  it('gives offsets of the original text after characters that fold to nothing or to more', () => {
    const text = 'e\u0301t\u0301e\u0301 İstanbul then x';
    for (const q of ['ete', 'istanbul', 'then', 'x']) {
      const [r] = findInText(text, q);
      expect(r, q).toBeDefined();
      expect(foldQuery(text.slice(r!.start, r!.end))).toBe(foldQuery(q));
    }
  });

  it('searches the folded text once for many queries, as the reader does', () => {
    const folded = foldText(storyText);
    // The story has no accents: a case-insensitive regular expression counts the same.
    for (const q of ['the', 'angel', 'she said'])
      expect(findInText(folded, q).length, q).toBe(storyText.match(new RegExp(q, 'gi'))?.length ?? 0);
    expect(findInText(folded, 'the').length).toBeGreaterThan(50);
  });

  it('folds a long text quickly', () => {
    const long = `${storyText}\n\n`.repeat(100); // ~2 MB, like a novel
    const started = performance.now();
    const folded = foldText(long);
    findInText(folded, 'the');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
