/**
 * EPUB → canonical text with structure. The zip is read with fflate; its directory is checked against
 * `importLimits` (entries, declared sizes, compression ratio) before a byte is inflated, and only text entries are
 * inflated. Then the container names the package document (OPF): title, author and other metadata from its
 * `<metadata>`, chapters in the order of its `<spine>`, each chapter's title from the navigation document (EPUB 3
 * `nav`, else the EPUB 2 NCX), each chapter's XHTML imported like an HTML file. A book with `META-INF/rights.xml`,
 * or an `encryption.xml` that encrypts more than fonts, is DRM-protected and refused: its text cannot be read.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { importLimits } from '../limits.ts';
import { TextImportError, type ImportedText } from '../text/import-text.ts';
import { addHtmlBlocks } from './html.ts';
import { collapseWhitespace, StructureBuilder, structuredText } from './structure-builder.ts';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;

/** Entries that are inflated: markup and XML. Images, fonts and styles are listed (and bounded) but never read. */
const TEXT_ENTRY = /\.(x?html?|xml|opf|ncx)$/i;
/** Font obfuscation (IDPF and Adobe): fonts "encrypted" this way leave the text readable, so the book imports. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

const localName = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
const xml = (source: string) => parseDocument(source, { xmlMode: true });
const findAll = (nodes: ChildNode[], name: string): Element[] => DomUtils.findAll((e) => localName(e.name) === name, nodes) as Element[];
const findOne = (nodes: ChildNode[], name: string): Element | null =>
  DomUtils.findOne((e) => localName(e.name) === name, nodes, true) as Element | null;
const textOf = (el: Element | null) => (el ? collapseWhitespace(DomUtils.textContent(el)) : '');

/** Resolves `href` (relative, maybe percent-encoded, maybe with a fragment) against the folder of `base`. */
function resolvePath(base: string, href: string): string {
  const path = href.split('#')[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: use the href as written
  }
  const parts = base.includes('/') ? base.slice(0, base.lastIndexOf('/')).split('/') : [];
  for (const part of decoded.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Lists and checks the zip's entries, then inflates the text entries. */
function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const listed: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, { filter: (file) => (listed.push(file), false) });
  } catch (err) {
    throw new TextImportError('corrupt', `The file is not a readable EPUB: its zip is corrupt (${(err as Error).message}).`);
  }
  if (listed.length === 0) throw new TextImportError('corrupt', 'The file is not a readable EPUB: its zip holds no files.');
  if (listed.length > importLimits.zipEntries)
    throw new TextImportError('too-large', `The EPUB holds ${listed.length} files; at most ${importLimits.zipEntries} are accepted.`);
  let total = 0;
  let text = 0;
  for (const file of listed) {
    total += file.originalSize;
    if (TEXT_ENTRY.test(file.name)) text += file.originalSize;
    if (file.originalSize >= importLimits.ratioCheckedFromBytes && file.originalSize > importLimits.zipBombRatio * Math.max(1, file.size))
      throw new TextImportError(
        'too-large',
        `The EPUB entry ${JSON.stringify(file.name.slice(0, 100))} would inflate ${Math.round(file.originalSize / Math.max(1, file.size))}-fold: refused as a zip bomb.`,
      );
  }
  if (total > importLimits.uncompressedBytes || text > importLimits.textBytes)
    throw new TextImportError(
      'too-large',
      `The EPUB would unpack to ${Math.round(total / 1048576)} MiB; at most ${importLimits.uncompressedBytes / 1048576} MiB are accepted.`,
    );
  try {
    const files = unzipSync(bytes, { filter: (file) => TEXT_ENTRY.test(file.name) });
    const map = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(files)) {
      // A lying directory: what inflated must not exceed what was declared and checked.
      const declared = listed.find((f) => f.name === name)?.originalSize ?? 0;
      if (data.byteLength > declared)
        throw new TextImportError('too-large', `The EPUB entry ${JSON.stringify(name.slice(0, 100))} inflates past its declared size.`);
      map.set(name, data);
    }
    return map;
  } catch (err) {
    if (err instanceof TextImportError) throw err;
    throw new TextImportError('corrupt', `The file is not a readable EPUB: its zip is corrupt (${(err as Error).message}).`);
  }
}

/** Refuses a DRM-protected book (see the module comment). */
function refuseDrm(files: Map<string, Uint8Array>, decode: (name: string) => string | null): void {
  if (files.has('META-INF/rights.xml'))
    throw new TextImportError('drm', 'The EPUB is DRM-protected (META-INF/rights.xml): its text cannot be read. Import a DRM-free copy.');
  const encryption = decode('META-INF/encryption.xml');
  if (encryption === null) return;
  const doc = xml(encryption);
  const encrypted = findAll(doc.children, 'encrypteddata');
  const onlyFonts = encrypted.every((data) => FONT_OBFUSCATION.has(findOne(data.children, 'encryptionmethod')?.attribs.Algorithm ?? ''));
  if (!onlyFonts)
    throw new TextImportError(
      'drm',
      'The EPUB is DRM-protected (META-INF/encryption.xml encrypts its content): its text cannot be read. Import a DRM-free copy.',
    );
}

/** Chapter titles by file path, in navigation order, with their depth (1 = top). */
function navigation(
  opfPath: string,
  manifest: Map<string, { href: string; type: string; properties: string }>,
  spineToc: string | undefined,
  decode: (name: string) => string | null,
): Map<string, { title: string; level: number }> {
  const titles = new Map<string, { title: string; level: number }>();
  const note = (base: string, href: string | undefined, title: string, level: number) => {
    if (!href || !title) return;
    const path = resolvePath(base, href);
    if (!titles.has(path)) titles.set(path, { title, level: Math.min(level, 2) });
  };
  const navItem = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'));
  const navPath = navItem ? resolvePath(opfPath, navItem.href) : null;
  const navSource = navPath ? decode(navPath) : null;
  if (navPath && navSource) {
    const doc = parseDocument(navSource, { xmlMode: true });
    const navs = findAll(doc.children, 'nav');
    const toc = navs.find((n) => (n.attribs['epub:type'] ?? '').split(/\s+/).includes('toc')) ?? navs[0];
    if (toc) {
      const visit = (list: Element, depth: number) => {
        for (const li of list.children.filter((c): c is Element => 'attribs' in c && localName(c.name) === 'li')) {
          const link = li.children.find((c): c is Element => 'attribs' in c && (localName(c.name) === 'a' || localName(c.name) === 'span'));
          note(navPath, link?.attribs.href, textOf(link ?? null), depth);
          const sub = li.children.find((c): c is Element => 'attribs' in c && localName(c.name) === 'ol');
          if (sub) visit(sub, depth + 1);
        }
      };
      const ol = findOne(toc.children, 'ol');
      if (ol) visit(ol, 1);
    }
    if (titles.size > 0) return titles;
  }
  const ncxItem = (spineToc && manifest.get(spineToc)) || [...manifest.values()].find((item) => item.type === 'application/x-dtbncx+xml');
  const ncxPath = ncxItem ? resolvePath(opfPath, ncxItem.href) : null;
  const ncxSource = ncxPath ? decode(ncxPath) : null;
  if (ncxPath && ncxSource) {
    const visit = (nodes: ChildNode[], depth: number) => {
      for (const point of nodes.filter((c): c is Element => 'attribs' in c && localName(c.name) === 'navpoint')) {
        note(ncxPath, findOne(point.children, 'content')?.attribs.src, textOf(findOne(point.children, 'text')), depth);
        visit(point.children, depth + 1);
      }
    };
    const navMap = findOne(xml(ncxSource).children, 'navmap');
    if (navMap) visit(navMap.children, 1);
  }
  return titles;
}

/**
 * Imports an EPUB file.
 * @throws TextImportError `corrupt` (not a zip, or no package document), `malformed` (a package without a spine),
 * `drm`, `too-large` (past `importLimits`), `empty` or `too-long`.
 */
export function importEpub(bytes: Uint8Array, opts: { fallbackTitle: string }): ImportedText {
  const files = readZip(bytes);
  const utf8 = new TextDecoder('utf-8');
  const decode = (name: string): string | null => {
    const data = files.get(name);
    return data ? utf8.decode(data) : null;
  };
  refuseDrm(files, decode);

  const container = decode('META-INF/container.xml');
  const rootfile = container ? findOne(xml(container).children, 'rootfile')?.attribs['full-path'] : undefined;
  const opfPath = rootfile ?? [...files.keys()].find((name) => name.toLowerCase().endsWith('.opf'));
  const opfSource = opfPath ? decode(opfPath) : null;
  if (!opfPath || opfSource === null)
    throw new TextImportError(
      'corrupt',
      'The file is not a readable EPUB: it has no package document (META-INF/container.xml names none).',
    );
  const opf = xml(opfSource);

  const metadataEl = findOne(opf.children, 'metadata');
  const metadata: Record<string, string> = {};
  const creators: string[] = [];
  for (const el of metadataEl ? metadataEl.children.filter((c): c is Element => 'attribs' in c) : []) {
    const key = localName(el.name);
    const value = textOf(el);
    if (!value) continue;
    if (key === 'creator') creators.push(value);
    else if (['title', 'language', 'publisher', 'date', 'description', 'subject', 'rights', 'identifier'].includes(key) && !metadata[key])
      metadata[key] = value.slice(0, 2000);
  }
  if (creators.length) metadata.author = creators.join(', ');

  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of findAll(opf.children, 'item'))
    if (item.attribs.id && item.attribs.href)
      manifest.set(item.attribs.id, {
        href: item.attribs.href,
        type: item.attribs['media-type'] ?? '',
        properties: item.attribs.properties ?? '',
      });
  const spine = findOne(opf.children, 'spine');
  if (!spine) throw new TextImportError('malformed', 'The EPUB has no spine: the order of its chapters is unknown.');
  const titles = navigation(opfPath, manifest, spine.attribs.toc, decode);

  const builder = new StructureBuilder();
  for (const ref of findAll(spine.children, 'itemref')) {
    const item = manifest.get(ref.attribs.idref ?? '');
    if (!item || !/html|xml/.test(item.type)) continue;
    const path = resolvePath(opfPath, item.href);
    const source = decode(path);
    if (source === null) continue;
    const nav = titles.get(path);
    if (nav) builder.markChapter(nav.title, nav.level);
    addHtmlBlocks(builder, source);
  }
  return structuredText(builder.finish(), metadata, { fallbackTitle: opts.fallbackTitle, outline: 'marked' });
}
