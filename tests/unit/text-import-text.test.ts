import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlainText, MAX_TEXT_LENGTH, TextImportError } from '../../lib/text/import-text.ts';

const story = readFileSync(new URL('../../db/seed/should-have-known.txt', import.meta.url), 'utf8');

describe('importPlainText', () => {
  it('takes the author from the header and the title from the fallback', () => {
    const imported = importPlainText(story, { fallbackTitle: 'Should Have Known' });
    expect(imported.title).toBe('Should Have Known');
    expect(imported.author).toBe('Lucinda');
    expect(imported.metadata.rating).toBe('pg 13 for angst');
    expect(imported.text.startsWith('Spike sat inside the mausoleum')).toBe(true);
    expect(imported.text.slice(imported.paragraphs.at(-1)!.start)).toBe('end.');
  });

  it('prefers a title given in the header', () => {
    expect(importPlainText('title: Real Title\n\nText.', { fallbackTitle: 'From File' }).title).toBe('Real Title');
  });

  it('has no author and no metadata for a text without a header', () => {
    const imported = importPlainText('“Well, Prince,”\nsaid she.\n', { fallbackTitle: 'War And Peace' });
    expect(imported).toEqual({
      title: 'War And Peace',
      author: null,
      metadata: {},
      text: '“Well, Prince,” said she.',
      paragraphs: [{ start: 0, end: 25 }],
      blocks: [{ type: 'paragraph', start: 0, end: 25 }],
      chapters: [],
    });
  });

  it('treats empty title and author header values as absent', () => {
    const imported = importPlainText('title: \nauthor: \n\nText.', { fallbackTitle: 'Fallback' });
    expect(imported.title).toBe('Fallback');
    expect(imported.author).toBeNull();
  });

  it('imports a CRLF file like its LF twin', () => {
    const crlf = story.replace(/\n/g, '\r\n');
    expect(importPlainText(crlf, { fallbackTitle: 'x' })).toEqual(importPlainText(story, { fallbackTitle: 'x' }));
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['a file of blank lines', '\n   \n\t\n', 'empty'],
    ['a header with no body', 'author: Lucinda\nrating: G\n\n\n', 'empty'],
    ['a file holding a NUL character', 'Some text\0more text', 'nul'],
  ])('refuses %s', (_name, raw, code) => {
    expect(() => importPlainText(raw, { fallbackTitle: 'x' })).toThrow(TextImportError);
    try {
      importPlainText(raw, { fallbackTitle: 'x' });
    } catch (error) {
      expect((error as TextImportError).code).toBe(code);
    }
  });

  it('refuses a text longer than the limit', () => {
    const raw = 'a'.repeat(MAX_TEXT_LENGTH + 1);
    expect(() => importPlainText(raw, { fallbackTitle: 'x' })).toThrow(/longer than/);
  });

  it('accepts a text exactly at the limit', () => {
    expect(importPlainText('a'.repeat(MAX_TEXT_LENGTH), { fallbackTitle: 'x' }).text.length).toBe(MAX_TEXT_LENGTH);
  });
});

describe('TextImportError', () => {
  it('is an Error named TextImportError', () => {
    const error = new TextImportError('empty', 'The file holds no text.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TextImportError');
    expect(error.message).toBe('The file holds no text.');
  });
});
