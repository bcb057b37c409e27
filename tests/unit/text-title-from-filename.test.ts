import { describe, expect, it } from 'vitest';
import { titleFromFilename, UNTITLED } from '../../lib/text/title-from-filename.ts';

describe('titleFromFilename', () => {
  it.each([
    ['should-have-known.txt', 'Should Have Known'],
    ['war-and-peace.txt', 'War And Peace'],
    ['war_and_peace.TXT', 'War And Peace'],
    ['the  odyssey.txt', 'The Odyssey'],
    ['--oddly--named__file--.txt', 'Oddly Named File'],
    ['no-extension', 'No Extension'],
    ['archive.tar.gz', 'Archive.tar'],
    ['uploads/stories/should-have-known.txt', 'Should Have Known'],
    ['C:\\texts\\should-have-known.txt', 'Should Have Known'],
    ['.txt', 'Txt'],
    ['ódes-à-la-lune.txt', 'Ódes À La Lune'],
    ['iPhone-stories.txt', 'IPhone Stories'],
  ])('turns %j into %j', (filename, title) => {
    expect(titleFromFilename(filename)).toBe(title);
  });

  it.each([[''], ['---.txt'], ['  .md']])('falls back to Untitled for %j', (filename) => {
    expect(titleFromFilename(filename)).toBe(UNTITLED);
  });
});
