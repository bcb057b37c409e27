import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { xmlText } from '../../lib/export/docx-body.ts';
import { writeDocx } from '../../lib/export/docx-writer.ts';
import { fixtureModel } from '../helpers/export-fixture.ts';

const docx = await writeDocx(fixtureModel({ style: 'chicago' }));
const files = unzipSync(docx);
const documentXml = strFromU8(files['word/document.xml']!);
const stylesXml = strFromU8(files['word/styles.xml']!);

/** The text of each `<w:p>` of the body with its paragraph style id. */
const paragraphs = [...documentXml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
  const inner = m[1] ?? m[2] ?? '';
  const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? null;
  const text = [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
  return {
    style,
    text: text
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  };
});

describe('the DOCX export', () => {
  it('is a zip with a document, styles and content types', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
  });

  it('uses real heading styles: Heading 1 for groups, Heading 2 for each passage’s locator', () => {
    expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Themes',
      'absence',
      'letters',
      'Without a theme',
      'Replies to removed notes',
      'Works cited',
    ]);
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain('ch. 1, ¶ 2');
    expect(stylesXml).toMatch(/w:styleId="Heading1"/);
  });

  it('sets passages in a Quote style that the styles part defines', () => {
    expect(stylesXml).toMatch(/<w:style [^>]*w:styleId="Quote"/);
    const quotes = paragraphs.filter((p) => p.style === 'Quote').map((p) => p.text);
    expect(quotes).toContain('"Leave the letter on the table,"');
    expect(quotes).toContain('שלום עולם — مرحبا بالعالم 🌙✨');
  });

  it('cites each passage in the chosen style after its quote', () => {
    const texts = paragraphs.map((p) => p.text);
    const quote = texts.indexOf('The second chapter begins with the rain.');
    // The citation, the link, the note's type and author and its comment share one paragraph (line breaks between).
    expect(texts[quote + 1]).toMatch(/^\(Ortega 1999, chap\. 2, para\. 1\) open in GlossaEvidence by Lucinda/);
    expect(texts.at(-1)).toBe('Ortega, Lucinda. 1999. A "Quoted", Title. http://127.0.0.1:4000/d/a-quoted-title.');
  });

  it('is well-formed: every element of the body closes in order', () => {
    const stack: string[] = [];
    for (const m of documentXml.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = m;
      if (name!.startsWith('?')) continue;
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
  });

  it('links each passage back with a HYPERLINK field to its deep link', () => {
    expect(documentXml).toMatch(/<w:fldSimple w:instr=" HYPERLINK &quot;http:\/\/127\.0\.0\.1:4000\/d\/[^"&]+#[^"&]+&quot; ">/);
  });

  it('marks right-to-left paragraphs bidirectional and keeps notes’ lines and scripts', () => {
    expect(documentXml).toMatch(/<w:bidi\/>[\s\S]*?שלום עולם/);
    // A right-to-left comment keeps a paragraph per line; a left-to-right one is one paragraph, its lines broken.
    expect(paragraphs.map((p) => p.text)).toContain('لماذا؟ Why the switch to 東京? 🤔');
    expect(documentXml).toMatch(/<w:br\/><w:t[^>]*># Not a heading<\/w:t>/);
    expect(documentXml).toMatch(/<w:br\/><w:t[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/w:t>/);
  });
});

// LibreOffice (Writer, no GUI) is installed by .ci/run when apt can (it is optional there); the conversion runs wherever
// `soffice` is on the PATH and is skipped, loudly, only when it is not.
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!soffice) console.warn('\n*** SKIPPED: the DOCX → PDF check with LibreOffice: `soffice` is not installed on this machine. ***\n');

describe.skipIf(!soffice)('the DOCX export in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glossa-docx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A profile of its own, so a LibreOffice already running elsewhere does not take the conversion over.
  const convert = (to: string) =>
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, join(dir, 'notes.docx')],
      { timeout: 90_000 },
    );

  it('opens it and converts it to PDF headless, and reads back its passages, citations and notes', { timeout: 120_000 }, () => {
    writeFileSync(join(dir, 'notes.docx'), docx);
    convert('pdf');
    expect(readFileSync(join(dir, 'notes.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    convert('txt:Text (encoded):UTF8');
    const text = readFileSync(join(dir, 'notes.txt'), 'utf8');
    expect(text).toContain('"Leave the letter on the table,"');
    expect(text).toContain('(Ortega 1999, chap. 2, para. 1)');
    expect(text).toContain('שלום עולם — مرحبا بالعالم 🌙✨');
    expect(text).toContain('<script>alert(1)</script>');
  });
});

describe('the DOCX body text', () => {
  it.each([
    ['a & b < c > d "e"', 'a &amp; b &lt; c &gt; d &quot;e&quot;'],
    ['bell\u0007 and null\u0000 dropped', 'bell and null dropped'],
    ['tab\tand\nline kept', 'tab\tand\nline kept'],
    ['a lone \uD800 surrogate', 'a lone  surrogate'],
    ['emoji 🌙 kept', 'emoji 🌙 kept'],
  ])('writes %j as %j', (text, xml) => {
    expect(xmlText(text)).toBe(xml);
  });
});
