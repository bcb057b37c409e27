/**
 * Every importer on small real files made here: plain text with and without its header, chapter headings in plain
 * text (War and Peace: its books and chapters), encodings, Markdown, HTML with scripts and styles, EPUB (nav and
 * NCX, spine order), and the files that must be refused with a clear reason.
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, importFile, detectFormat } from '../../lib/import/index.ts';
import { TextImportError, type ImportedText } from '../../lib/text/import-text.ts';
import { buildEpub, encryptionXml, sampleEpub } from '../helpers/epub-builder.ts';
import { warAndPeacePath } from '../helpers/shared-texts.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const slices = (imported: ImportedText) =>
  imported.blocks.map((b) => [b.type === 'heading' ? `h${b.level}` : b.type, imported.text.slice(b.start, b.end)]);
const chapterTitles = (imported: ImportedText) => imported.chapters.map((c) => [c.title, c.level]);

/** The code and message of the TextImportError `run` throws. */
function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof TextImportError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('plain text', () => {
  it('reads the key: value header as metadata and the rest as text', () => {
    const imported = importFile({
      bytes: utf8('title: Rain\nauthor: Ann\n\nIt rained.\nAll day.\n\nThen not.'),
      contentType: 'text/plain',
    });
    expect([imported.title, imported.author, imported.text]).toEqual(['Rain', 'Ann', 'It rained. All day.\n\nThen not.']);
    expect(imported.chapters).toEqual([]);
  });

  it('takes the title from the file name when there is no header', () => {
    const imported = importFile({ bytes: utf8('Just words.'), filename: 'quiet-evening.txt' });
    expect([imported.title, imported.author, imported.metadata]).toEqual(['Quiet Evening', null, {}]);
  });

  it('finds chapters and books on lines of their own, not in prose', () => {
    const imported = importFile({
      bytes: utf8('BOOK ONE: 1805\n\nCHAPTER I\n\nPart of me knew.\n\nChapter II. The Storm\n\nRain.\n\nBOOK TWO\n\nCHAPTER I\n\nSun.'),
      filename: 'n.txt',
    });
    expect(chapterTitles(imported)).toEqual([
      ['BOOK ONE: 1805', 1],
      ['CHAPTER I', 2],
      ['Chapter II. The Storm', 2],
      ['BOOK TWO', 1],
      ['CHAPTER I', 2],
    ]);
    expect(slices(imported)[2]).toEqual(['paragraph', 'Part of me knew.']);
  });

  it('gives War and Peace its books (two to fifteen: the file has no BOOK ONE line), 2 epilogues and 364 chapters without changing its canonical text', () => {
    const raw = readFileSync(warAndPeacePath);
    const imported = importFile({ bytes: raw, filename: 'war-and-peace.txt' });
    const top = imported.chapters.filter((c) => c.level === 1).map((c) => c.title);
    expect(top).toHaveLength(16);
    expect(top.slice(0, 2)).toEqual(['BOOK TWO: 1805', 'BOOK THREE: 1805']);
    expect(top.slice(-2)).toEqual(['FIRST EPILOGUE: 1813 - 20', 'SECOND EPILOGUE']);
    expect(imported.chapters.filter((c) => c.level === 2)).toHaveLength(364);
    for (const c of imported.chapters) expect(imported.text.slice(c.start, c.start + c.title.length)).toBe(c.title);
    // Headings are paragraphs retyped: the same text and spans as the plain import always gave.
    expect(imported.paragraphs).toEqual(imported.blocks.map(({ start, end }) => ({ start, end })));
  });
});

describe('encodings', () => {
  const words = 'Café “déjà vu” — naïve';
  it.each([
    ['UTF-8 without a BOM', utf8(words)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(words)])],
    ['UTF-16 LE with a BOM', new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(words, (c) => c.charCodeAt(0)).buffer)])],
  ])('reads %s', (_name, bytes) => {
    expect(importFile({ bytes, filename: 'a.txt' }).text).toBe(words);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, curly quotes and dashes included', () => {
    // "Café “déjà vu” — naïve" in Windows-1252: é=E9 “=93 à=E0 ”=94 —=97 ï=EF
    const bytes = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x64, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75, 0x94, 0x20, 0x97, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65,
    ]);
    const imported = importFile({ bytes, filename: 'old.txt' });
    expect(imported.text).toBe(words);
    expect(imported.metadata.encoding).toBe('windows-1252');
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1252 text', () => {
    expect(refusal(() => decodeText(new Uint8Array([0x41, 0x81, 0x8d, 0x42])))).toMatchObject({
      code: 'encoding',
      message: expect.stringMatching(/UTF-8/),
    });
  });

  it('refuses UTF-16 without a byte-order mark instead of decoding it into NULs', () => {
    expect(refusal(() => importFile({ bytes: new Uint8Array([0x41, 0, 0x42, 0, 0xe9, 0]), filename: 'u16.txt' })).code).toMatch(
      /encoding|nul/,
    );
  });
});

describe('Markdown', () => {
  const md = `---\ntitle: "The Garden"\nauthor: May\n---\n\n# Part One\n\n## Spring\n\nThe *first* [buds](http://x).\n\n> A quoted line.\n\nRoses are red,\\\nviolets blue.\n\n## Summer\n\n- heat\n- light\n\n# Part Two\n\n## Autumn\n\nLeaves.\n\n### A section\n\nMore.\n`;
  const imported = importFile({ bytes: utf8(md), contentType: 'text/markdown' });

  it('takes title and author from the front matter', () => {
    expect([imported.title, imported.author]).toEqual(['The Garden', 'May']);
  });

  it('keeps headings, quotes and verse lines as typed blocks, without markup', () => {
    expect(slices(imported).slice(0, 6)).toEqual([
      ['h1', 'Part One'],
      ['h2', 'Spring'],
      ['paragraph', 'The first buds.'],
      ['quote', 'A quoted line.'],
      ['verse', 'Roses are red,'],
      ['verse', 'violets blue.'],
    ]);
  });

  it('makes headings chapters in two levels and deeper ones sections', () => {
    expect(chapterTitles(imported)).toEqual([
      ['Part One', 1],
      ['Spring', 2],
      ['Summer', 2],
      ['Part Two', 1],
      ['Autumn', 2],
    ]);
  });

  it('takes a lone leading # heading as the title, not a chapter', () => {
    const book = importFile({ bytes: utf8('# My Book\n\n## One\n\nA.\n\n## Two\n\nB.'), filename: 'b.md' });
    expect(book.title).toBe('My Book');
    expect(chapterTitles(book)).toEqual([
      ['One', 1],
      ['Two', 1],
    ]);
  });
});

describe('HTML', () => {
  const html = `<!doctype html><html><head><title>Night Piece</title><meta name="author" content="Lee"><style>p { color: red }</style>
    <script>document.write('evil')</script></head><body onload="steal()">
    <h1>One</h1><p>It was   <b>late</b>.<script>alert('x')</script></p><p style="x">She <a href="javascript:bad()">left</a>.</p>
    <blockquote><p>Nevermore.</p></blockquote><div class="poem">Line one<br>Line two</div>
    <h1>Two</h1><p>Dawn.</p><iframe src="http://evil"></iframe><noscript>no</noscript></body></html>`;
  const imported = importFile({ bytes: utf8(html), filename: 'night.html' });

  it('drops scripts, styles and their text', () => {
    expect(imported.text).not.toMatch(/evil|alert|color|steal|bad\(|no$/);
  });

  it('keeps headings, paragraphs, quotes and verse as blocks', () => {
    expect(slices(imported)).toEqual([
      ['h1', 'One'],
      ['paragraph', 'It was late.'],
      ['paragraph', 'She left.'],
      ['quote', 'Nevermore.'],
      ['verse', 'Line one'],
      ['verse', 'Line two'],
      ['h1', 'Two'],
      ['paragraph', 'Dawn.'],
    ]);
    expect(chapterTitles(imported)).toEqual([
      ['One', 1],
      ['Two', 1],
    ]);
  });

  it('takes title and author from the head', () => {
    expect([imported.title, imported.author]).toEqual(['Night Piece', 'Lee']);
  });
});

describe('EPUB', () => {
  it('imports chapters in spine order with titles from the nav document and metadata from the package', () => {
    const imported = importFile({ bytes: sampleEpub(), contentType: 'application/epub+zip' });
    expect([imported.title, imported.author, imported.metadata.language]).toEqual(['The Small Book', 'A. Writer', 'en']);
    expect(chapterTitles(imported)).toEqual([
      ['The Beginning', 1],
      ['The Middle', 1],
      ['The End', 1],
    ]);
    expect(imported.text).toBe(
      'The Beginning\n\nIt was a dark night.\n\nRain fell.\n\nThe Middle\n\nQuoth the raven.\n\nThen morning.\n\nThe End\n\nThey slept.',
    );
    expect(slices(imported)[4]).toEqual(['quote', 'Quoth the raven.']);
    const last = imported.chapters.at(-1)!;
    expect(imported.text.slice(last.start, last.end)).toBe('The End\n\nThey slept.');
  });

  it('follows the spine, not the manifest, and reads an EPUB 2 NCX', () => {
    const bytes = buildEpub({
      ncx: true,
      shuffleManifest: true,
      chapters: [
        { title: 'First', body: '<p>a</p>' },
        { title: 'Second', body: '<p>b</p>' },
      ],
    });
    const imported = importFile({ bytes, filename: 'x.epub' });
    expect(imported.text).toBe('a\n\nb');
    expect(chapterTitles(imported)).toEqual([
      ['First', 1],
      ['Second', 1],
    ]);
  });

  it('imports a book whose encryption.xml only obfuscates a font', () => {
    expect(importFile({ bytes: sampleEpub({ 'META-INF/encryption.xml': encryptionXml(true) }), filename: 'f.epub' }).chapters).toHaveLength(
      3,
    );
  });

  it.each([
    ['a DRM-protected book (encryption.xml)', () => sampleEpub({ 'META-INF/encryption.xml': encryptionXml() }), 'drm', /DRM/],
    ['a DRM-protected book (rights.xml)', () => sampleEpub({ 'META-INF/rights.xml': '<rights/>' }), 'drm', /DRM/],
    ['a corrupt zip', () => sampleEpub().slice(0, 200), 'corrupt', /corrupt/],
    ['a zip without a package document', () => zipSync({ 'a.txt': strToU8('hello') }), 'corrupt', /package document/],
    ['a zip bomb', () => zipSync({ 'OEBPS/a.xhtml': [new Uint8Array(4 * 1024 * 1024), { level: 9 }] }), 'too-large', /zip bomb/],
  ])('refuses %s', (_name, make, code, message) => {
    expect(refusal(() => importFile({ bytes: make(), contentType: 'application/epub+zip' }))).toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });
});

describe('any file', () => {
  it.each([
    ['an empty file', new Uint8Array(0), 'text/plain', 'empty'],
    ['a file of blank lines', utf8('\n \n\t\n'), 'text/plain', 'empty'],
    ['HTML with no text', utf8('<script>x</script><style>y</style>'), 'text/html', 'empty'],
    ['a PDF', utf8('%PDF-1.4'), 'application/pdf', 'unsupported'],
  ])('refuses %s', (_name, bytes, contentType, code) => {
    expect(refusal(() => importFile({ bytes, contentType })).code).toBe(code);
  });

  it.each([
    ['text/markdown; charset=utf-8', undefined, 'markdown'],
    ['application/octet-stream', 'book.epub', 'epub'],
    [undefined, 'page.htm', 'html'],
    [undefined, undefined, 'text'],
  ])('picks the importer from type %s and name %s', (type, name, format) => {
    expect(detectFormat(type, name, utf8('x'))).toBe(format);
  });
});
