import { describe, expect, it } from 'vitest';
import { insertMention, mentionQueryAt, rankCandidates } from '../../lib/mentions/autocomplete.ts';
import { findMentions, foldText, MentionMatcher, mentionSegments } from '../../lib/mentions/find-mentions.ts';

const members = ['Bea', 'Bea Lindqvist', 'Ada Lovelace', 'Zoë Durand', 'José', 'שרה כהן', 'Mo 🌸', 'Ann-Marie'];

describe('findMentions', () => {
  it.each([
    ['a name alone', 'Ask @Bea about it', ['Bea']],
    ['a name with a space', 'what does @Ada Lovelace think?', ['Ada Lovelace']],
    ['the longest member name at the @', 'thanks @Bea Lindqvist!', ['Bea Lindqvist']],
    ['the shorter name when the longer does not follow', '@Bea Lind', ['Bea']],
    ['without case', '@bea lindqvist and @ADA LOVELACE', ['Bea Lindqvist', 'Ada Lovelace']],
    ['without accents, either way', '@Zoe Durand, @jose', ['Zoë Durand', 'José']],
    ['a decomposed accent in the text', '@Zoe\u0308 Durand', ['Zoë Durand']],
    ['any whitespace run as one space', '@Ada\n  Lovelace', ['Ada Lovelace']],
    ['right-to-left names', 'שאלה ל-@שרה כהן על הפרק', ['שרה כהן']],
    ['a name ending in an emoji', 'hi @Mo 🌸 there', ['Mo 🌸']],
    ['a hyphenated name', '@Ann-Marie, look', ['Ann-Marie']],
    ['punctuation after the name', '(@Bea), @Bea. @Bea’s @Bea?', ['Bea', 'Bea', 'Bea', 'Bea']],
    ['at the start and end of the text', '@Bea', ['Bea']],
    ['inside brackets and after an emoji', '👋@Bea', ['Bea']],
  ])('finds %s', (_case, text, expected) => {
    expect(findMentions(text, members).map((m) => m.name)).toEqual(expected);
  });

  it.each([
    ['an e-mail address', 'write to bea@example.org'],
    ['an address whose local part is a name', 'ann.bea@Bea'],
    ['a name that goes on as a longer word', '@Beatrice said'],
    ['a non-member', '@Carla thinks so'],
    ['an @ alone', 'meet @ 8'],
    ['a doubled @', '@@Bea'],
    ['no @ at all', 'Bea Lindqvist'],
  ])('finds nothing in %s', (_case, text) => {
    expect(findMentions(text, members)).toEqual([]);
  });

  it('gives the offsets of each mention in the original text, the @ included', () => {
    const text = 'Zoë — @Zoë Durand, then @Bea';
    const found = findMentions(text, members);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['@Zoë Durand', '@Bea']);
  });

  it('keeps a decomposed accent at the end of a name inside the mention', () => {
    const text = '@Jose\u0301!';
    const [m] = findMentions(text, members);
    expect(text.slice(m.start, m.end)).toBe('@Jose\u0301');
  });

  it('gives offsets across emoji and right-to-left text', () => {
    const text = '🌸🌸 @Mo 🌸 and @שרה כהן';
    expect(findMentions(text, members).map((m) => text.slice(m.start, m.end))).toEqual(['@Mo 🌸', '@שרה כהן']);
  });

  it('names the first of two members whose names fold to the same key', () => {
    expect(findMentions('@zoe durand', ['Zoe Durand', 'Zoë Durand']).map((m) => m.name)).toEqual(['Zoe Durand']);
  });

  it('ignores blank candidate names', () => {
    expect(findMentions('@ Bea', ['', '  ', 'Bea'])).toEqual([]);
  });

  it('stays linear on a text of a thousand @s against many names', () => {
    const names = Array.from({ length: 200 }, (_, i) => `Reader ${i}`);
    const text = '@Reader 1 '.repeat(1000);
    const started = performance.now();
    expect(new MentionMatcher(names).find(text)).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('foldText', () => {
  it('maps each folded unit back to the original', () => {
    const { folded, origin } = foldText('É\u200f  a');
    expect(folded).toBe('e a');
    expect(origin).toEqual([0, 2, 4, 5]);
  });
});

describe('mentionSegments', () => {
  it('cuts a text into plain pieces and mentions that cover it', () => {
    const segments = mentionSegments('hi @Bea, see @Ada Lovelace', new MentionMatcher(members));
    expect(segments).toEqual([
      { text: 'hi ' },
      { text: '@Bea', mention: 'Bea' },
      { text: ', see ' },
      { text: '@Ada Lovelace', mention: 'Ada Lovelace' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('hi @Bea, see @Ada Lovelace');
  });

  it('keeps markup as text', () => {
    expect(mentionSegments('<b>@Bea</b>', new MentionMatcher(members))).toEqual([
      { text: '<b>' },
      { text: '@Bea', mention: 'Bea' },
      { text: '</b>' },
    ]);
  });
});

describe('mentionQueryAt', () => {
  it.each([
    ['just after an @', '@', 1, { start: 0, query: '' }],
    ['a partial name', 'ask @Be', 7, { start: 4, query: 'Be' }],
    ['a name with a space', 'ask @Bea Li', 11, { start: 4, query: 'Bea Li' }],
    ['after an emoji', '🌸@Zo', 5, { start: 2, query: 'Zo' }],
    ['after an opening bracket', '(@A', 3, { start: 1, query: 'A' }],
  ])('reads %s', (_case, text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected);
  });

  it.each([
    ['an e-mail address', 'bea@exa', 7],
    ['no @', 'hello', 5],
    ['an @ on an earlier line', '@Bea\nand', 8],
    ['an @ further back than a name can be long', `@${'x'.repeat(100)}`, 101],
    ['a caret before the @', 'ask @Bea', 3],
  ])('reads nothing in %s', (_case, text, caret) => {
    expect(mentionQueryAt(text, caret)).toBeNull();
  });
});

describe('rankCandidates', () => {
  const people = members.map((name, i) => ({ id: `u${i}`, name }));

  it.each([
    ['names starting with the query first, then a later word', 'l', ['Ada Lovelace', 'Bea Lindqvist']],
    ['a prefix of the whole name', 'bea', ['Bea', 'Bea Lindqvist']],
    ['a prefix across the space', 'bea li', ['Bea Lindqvist']],
    ['a prefix of a later word', 'lin', ['Bea Lindqvist']],
    ['without accents', 'zoe', ['Zoë Durand']],
    ['right-to-left names', 'כה', ['שרה כהן']],
    ['nothing that matches', 'xy', []],
  ])('offers %s', (_case, query, expected) => {
    expect(rankCandidates(query, people).map((c) => c.name)).toEqual(expected);
  });

  it('offers everyone, alphabetically, at most the limit, for an empty query', () => {
    expect(rankCandidates('', people, { limit: 3 }).map((c) => c.name)).toEqual(['Ada Lovelace', 'Ann-Marie', 'Bea']);
  });

  it('leaves the writer out', () => {
    expect(rankCandidates('bea', people, { exclude: 'u0' }).map((c) => c.name)).toEqual(['Bea Lindqvist']);
  });
});

describe('insertMention', () => {
  it('replaces the typed query by the name and a space, the caret after it', () => {
    const text = 'ask @Be about it';
    expect(insertMention(text, { start: 4, query: 'Be' }, 7, 'Bea Lindqvist')).toEqual({
      text: 'ask @Bea Lindqvist about it',
      caret: 19,
    });
  });

  it('adds the space at the end of the text', () => {
    expect(insertMention('@b', { start: 0, query: 'b' }, 2, 'Bea')).toEqual({ text: '@Bea ', caret: 5 });
  });
});
