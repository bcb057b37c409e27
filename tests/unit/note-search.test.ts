import { describe, expect, it } from 'vitest';
import { moderate } from '../../lib/annotations/moderation.ts';
import {
  anyWordMatchExpression,
  noteMatchesWords,
  orderHits,
  type SearchHit,
  searchableTexts,
  searchWords,
  wordMatchesTokens,
  wordMatchExpression,
  searchTokens,
} from '../../lib/annotations/note-search.ts';
import type { ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { aComment, alice, aReply, bob, commenting, replying, tagging } from '../helpers/unit-annotations.ts';

describe('searchWords', () => {
  it.each<[string, string, string[][]]>([
    ['splits at whitespace and folds case and accents', '  Café  LETTER\t', [['cafe'], ['letter']]],
    ['keeps a contraction as one word of two tokens', "weren't", [['weren', 't']]],
    ['keeps digits and other scripts', 'ch3 Ὀδυσσεύς', [['ch3'], ['οδυσσευς']]],
    ['drops a lone double quote', '"', []],
    ['reads FTS5 operators as plain words', 'NEAR( AND OR NOT', [['near'], ['and'], ['or'], ['not']]],
    ['drops stars, dashes and colons', '* - : ^ + ()', []],
    ['keeps the letters of a column filter', 'comment:guilt', [['comment', 'guilt']]],
    ['strips quotes around a word', '"letter"', [['letter']]],
    ['reads a negation as the word', '-guilt', [['guilt']]],
    ['empty', '', []],
  ])('%s', (_what, query, words) => {
    expect(searchWords(query)).toEqual(words);
  });

  it('reads 10 kB of junk into words of letters only, without throwing', () => {
    const junk = '"*NEAR(:-^'.repeat(1000) + 'x'.repeat(500);
    const words = searchWords(junk);
    expect(words.flat().join('')).toMatch(/^(near|x)+$/);
  });
});

describe('MATCH expressions', () => {
  it.each<[string, string[][], string]>([
    ['a word is a quoted prefix', [['letter']], '"letter"*'],
    ['a contraction is a phrase', [['weren', 't']], '"weren t"*'],
    ['operators are quoted like any word', [['near'], ['and']], '"near"* OR "and"*'],
  ])('%s', (_what, words, expected) => {
    expect(anyWordMatchExpression(words)).toBe(expected);
  });

  it('puts a column filter around the quoted words, never inside them', () => {
    expect(wordMatchExpression(['cafe'], 'quote')).toBe('{quote} : "cafe"*');
    expect(anyWordMatchExpression([['a'], ['b']], 'quote')).toBe('{quote} : ("a"* OR "b"*)');
  });

  it('leaves only letters, digits, spaces, quotes, stars and the fixed syntax in any expression', () => {
    const hostile = `"); DROP TABLE annotations; -- NEAR(a b, 2) {comment}:x ^y *z a:b "" ' \\ \u0000 \u202e`;
    for (const word of searchWords(hostile)) expect(wordMatchExpression(word)).toMatch(/^"[\p{L}\p{N} ]+"\*$/u);
  });
});

describe('wordMatchesTokens', () => {
  const tokens = searchTokens("He wasn't the same — Café letters, 1984.");
  it.each<[string, string[], boolean]>([
    ['a whole word', ['same'], true],
    ['the start of a word', ['lett'], true],
    ['not the middle of a word', ['etter'], false],
    ['accents ignored', ['cafe'], true],
    ['a phrase in order', ['wasn', 't'], true],
    ['a phrase whose last token is a prefix', ['the', 'sa'], true],
    ['not a phrase out of order', ['t', 'wasn'], false],
    ['digits', ['198'], true],
  ])('%s', (_what, word, expected) => {
    expect(wordMatchesTokens(word, tokens)).toBe(expected);
  });
});

describe('noteMatchesWords', () => {
  const note = aComment({ body: [commenting('The town has lost its centre.'), tagging('survivor guilt')] });
  const reply: ReplyAnnotation = aReply({ body: [replying('Or he has finally noticed.')] });
  const hidden = moderate(note, 'hidden', { id: 'reader-fay', name: 'Fay' }, '2024-05-02T00:00:00.000Z');

  it.each<[string, string, boolean]>([
    ['a word of the comment', 'town', true],
    ['a tag', 'guilt', true],
    ['a word of the quoted passage', 'anymore', true],
    ['a word of a reply', 'noticed', true],
    ['words spread over the note, its tags and its reply', 'centre survivor noticed', true],
    ['a word found nowhere', 'envelope', false],
    ['one word found, one not', 'town envelope', false],
    ['no words at all', '', true],
  ])('%s', (_what, q, expected) => {
    expect(noteMatchesWords(note, [reply], searchWords(q))).toBe(expected);
  });

  it('finds a hidden note by its passage only, unless the reader moderates or wrote it', () => {
    const reader = { id: bob.id, moderator: false };
    expect(noteMatchesWords(hidden, [], searchWords('town'), reader)).toBe(false);
    expect(noteMatchesWords(hidden, [], searchWords('guilt'), reader)).toBe(false);
    expect(noteMatchesWords(hidden, [], searchWords('anymore'), reader)).toBe(true);
    expect(noteMatchesWords(hidden, [], searchWords('town'), { id: bob.id, moderator: true })).toBe(true);
    expect(noteMatchesWords(hidden, [], searchWords('town'), { id: alice.id, moderator: false })).toBe(true);
    // The same object read by another viewer is not served from the first viewer's cache.
    expect(noteMatchesWords(hidden, [], searchWords('town'), reader)).toBe(false);
  });

  it('reads what the index holds: comments and tags joined by lines, the passage apart', () => {
    expect(searchableTexts(note)).toEqual({
      comment: 'The town has lost its centre.',
      tags: 'survivor guilt',
      quote: "weren't the same anymore",
    });
    expect(searchableTexts(reply)).toEqual({ comment: 'Or he has finally noticed.', tags: '', quote: '' });
    expect(searchableTexts(hidden, { id: null, moderator: false })).toEqual({ comment: '', tags: '', quote: "weren't the same anymore" });
  });
});

describe('orderHits', () => {
  const hit = (id: string, root: string, rootStart: number, rank: number): SearchHit => ({ id, root, rootStart, rank });
  it('orders by the passage of the note in the text, one note together, then by rank', () => {
    const hits = [
      hit('late', 'late', 900, -5),
      hit('reply-b', 'early', 10, -3),
      hit('early', 'early', 10, -1),
      hit('reply-a', 'early', 10, -3),
      hit('same-place', 'same-place', 10, -9),
      hit('middle', 'middle', 400, -2),
    ];
    expect(orderHits(hits).map((h) => h.id)).toEqual(['reply-a', 'reply-b', 'early', 'same-place', 'middle', 'late']);
  });

  it('keeps the input as it was', () => {
    const hits = [hit('b', 'b', 2, 0), hit('a', 'a', 1, 0)];
    orderHits(hits);
    expect(hits.map((h) => h.id)).toEqual(['b', 'a']);
  });
});
