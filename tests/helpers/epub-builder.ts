/**
 * Builds small real EPUB files in memory (fflate), for importer tests, HTTP tests and the import benchmark: an
 * EPUB 3 package with a nav document (or an EPUB 2 NCX), chapters in spine order, and hooks to make it hostile.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface EpubChapter {
  /** The title in the navigation document. */
  title: string;
  /** The body's inner XHTML. */
  body: string;
}

export interface EpubOptions {
  title?: string;
  author?: string;
  chapters: EpubChapter[];
  /** Use an EPUB 2 NCX instead of the EPUB 3 nav document. */
  ncx?: boolean;
  /** Extra entries (path → text or bytes), e.g. `META-INF/encryption.xml`. */
  extra?: Record<string, string | Uint8Array>;
  /** Reverse the spine against the manifest order, to check that spine order wins. */
  shuffleManifest?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The bytes of an EPUB file. */
export function buildEpub(opts: EpubOptions): Uint8Array {
  const ids = opts.chapters.map((_, i) => `ch${i + 1}`);
  const items = ids.map((id) => `<item id="${id}" href="text/${id}.xhtml" media-type="application/xhtml+xml"/>`);
  const manifestItems = opts.shuffleManifest ? [...items].reverse() : items;
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0000</dc:identifier>
    <dc:title>${esc(opts.title ?? 'A Book')}</dc:title>
    ${opts.author ? `<dc:creator>${esc(opts.author)}</dc:creator>` : ''}
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    ${opts.ncx ? '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>' : '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'}
    ${manifestItems.join('\n    ')}
  </manifest>
  <spine${opts.ncx ? ' toc="ncx"' : ''}>
    ${ids.map((id) => `<itemref idref="${id}"/>`).join('\n    ')}
  </spine>
</package>`;
  const nav = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>
<nav epub:type="toc"><h1>Contents</h1><ol>
${opts.chapters.map((c, i) => `<li><a href="text/${ids[i]}.xhtml">${esc(c.title)}</a></li>`).join('\n')}
</ol></nav></body></html>`;
  const ncx = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
${opts.chapters.map((c, i) => `<navPoint id="np${i}" playOrder="${i + 1}"><navLabel><text>${esc(c.title)}</text></navLabel><content src="text/${ids[i]}.xhtml"/></navPoint>`).join('\n')}
</navMap></ncx>`;
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': strToU8(opf),
    [opts.ncx ? 'OEBPS/toc.ncx' : 'OEBPS/nav.xhtml']: strToU8(opts.ncx ? ncx : nav),
  };
  opts.chapters.forEach((c, i) => {
    files[`OEBPS/text/${ids[i]}.xhtml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${esc(c.title)}</title><style>p{}</style></head><body>${c.body}</body></html>`,
    );
  });
  for (const [path, content] of Object.entries(opts.extra ?? {})) files[path] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

/** An `encryption.xml` that encrypts a chapter with AES (DRM), or only obfuscates a font (`fontOnly`). */
export function encryptionXml(fontOnly = false): string {
  const algorithm = fontOnly ? 'http://www.idpf.org/2008/embedding' : 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
  const uri = fontOnly ? 'OEBPS/fonts/a.otf' : 'OEBPS/text/ch1.xhtml';
  return `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
}

/** A tiny three-chapter book used across tests. */
export function sampleEpub(extra?: Record<string, string | Uint8Array>): Uint8Array {
  return buildEpub({
    title: 'The Small Book',
    author: 'A. Writer',
    chapters: [
      {
        title: 'The Beginning',
        body: '<h1>The Beginning</h1><p>It was a <em>dark</em> night.</p><script>alert(1)</script><p>Rain fell.</p>',
      },
      { title: 'The Middle', body: '<h1>The Middle</h1><blockquote><p>Quoth the raven.</p></blockquote><p>Then morning.</p>' },
      { title: 'The End', body: '<h1>The End</h1><p>They slept.</p>' },
    ],
    extra,
  });
}
