import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeNewlines, parseHeader } from '../../lib/text/parse-header.ts';

const story = readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8');

describe('parseHeader on the sample story', () => {
  const { metadata, body } = parseHeader(story);

  it.each([
    ['author', 'Lucinda'],
    ['rating', 'pg 13 for angst'],
    ['pairings', 'sort of S/B, sort of W/S, X/A, mention of past tense W/T'],
    ['disclaimer', 'I do not own anyone from BtVS'],
    ['note', 'set in/post AU season 7.'],
  ])('reads the %s header line', (key, value) => {
    expect(metadata[key]).toBe(value);
  });

  it('keeps no other keys than the header lines give', () => {
    expect(Object.keys(metadata).sort()).toEqual(['author', 'disclaimer', 'note', 'pairings', 'rating']);
  });

  it('starts the body right after the blank line that ends the header', () => {
    expect(body.startsWith('Spike sat inside the mausoleum')).toBe(true);
  });
});

describe('parseHeader', () => {
  it.each([
    ['prose whose first line has no key', '“Well, Prince, so Genoa and Lucca are now just family estates of the\nBuonapartes.\n\nNext.'],
    ['a first line with a colon deep inside a sentence', 'He spoke at last, and said this: nothing.\n\nThen left.'],
    ['a key that does not start with a letter', '1805: a year\n\nText.'],
    ['a key longer than thirty characters', 'this key is far too long to be a key: value\n\nText.'],
    ['a colon not followed by a space', 'author:Lucinda\n\nText.'],
    ['a key: value block with no blank line after it', 'Chapter One: The Beginning'],
    ['a blank first line', '\nauthor: Lucinda\n\nText.'],
  ])('finds no header in %s', (_name, raw) => {
    expect(parseHeader(raw)).toEqual({ metadata: {}, body: raw });
  });

  it('lower-cases and trims keys and trims values', () => {
    expect(parseHeader('Title:   Should Have Known  \nAuthor Name: Lucinda\n\nBody.').metadata).toEqual({
      title: 'Should Have Known',
      'author name': 'Lucinda',
    });
  });

  it('joins several non key-value header lines under note, with a space', () => {
    expect(parseHeader('author: A\nset in season 7.\nspoilers for everything.\n\nBody.').metadata.note).toBe(
      'set in season 7. spoilers for everything.',
    );
  });

  it('ends the header at a line holding only whitespace', () => {
    expect(parseHeader('author: A\n  \t\nBody.')).toEqual({ metadata: { author: 'A' }, body: 'Body.' });
  });

  it.each([
    ['CRLF', 'author: A\r\nrating: G\r\n\r\nOne\r\ntwo.\r\n'],
    ['CR', 'author: A\rrating: G\r\rOne\rtwo.\r'],
  ])('reads a header with %s line endings and normalises the body', (_name, raw) => {
    expect(parseHeader(raw)).toEqual({ metadata: { author: 'A', rating: 'G' }, body: 'One\ntwo.\n' });
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseHeader('\uFEFFauthor: A\n\nBody.')).toEqual({ metadata: { author: 'A' }, body: 'Body.' });
  });
});

describe('normalizeNewlines', () => {
  it.each([
    ['a\r\nb\r\n', 'a\nb\n'],
    ['a\rb\r', 'a\nb\n'],
    ['a\r\rb', 'a\n\nb'],
    ['a\n\rb', 'a\n\nb'],
    ['no breaks', 'no breaks'],
  ])('turns %j into %j', (raw, expected) => {
    expect(normalizeNewlines(raw)).toBe(expected);
  });
});
