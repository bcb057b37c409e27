/**
 * HTML → canonical text with structure. The file is sanitised first with sanitize-html (scripts, styles, forms,
 * the head and every attribute but `class` gone, with their contents), then walked: `h1`–`h6` become headings,
 * `p`, `li`, `div`, `pre` … paragraphs, paragraphs inside `blockquote` quotes, and lines broken with `<br>` inside a
 * poem (`class` naming verse, poem, stanza or poetry) verse lines. Title and author come from `<title>` and
 * `<meta name="author">`, read from the raw file by a parser that runs nothing.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import type { ImportedText } from '../text/import-text.ts';
import { collapseWhitespace, StructureBuilder, structuredText } from './structure-builder.ts';

/** htmlparser2's node types (from domhandler, which it re-exports only by value). */
type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that end the block before them and start a new one. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'tr',
  'td',
  'th',
  'hr',
  'body',
  'nav',
]);
const INLINE = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'br',
];
const VERSE_CLASS = /\b(verse|poem|poetry|stanza)\b/i;

/** What survives sanitising: structure and inline text, `class` for poems; no script, style, head or form content. */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...HEADINGS, ...BLOCKS, ...INLINE],
  allowedAttributes: { '*': ['class'] },
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'head',
    'title',
    'template',
    'svg',
    'math',
    'select',
    'button',
    'iframe',
    'object',
  ],
  disallowedTagsMode: 'discard',
};

/** Sanitises `html` (see the module comment). */
export function sanitizeForImport(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

interface Context {
  quote: boolean;
  verse: boolean;
}

/**
 * Adds the blocks of an HTML document or fragment to `builder` (the EPUB importer calls this once per chapter).
 * The HTML is sanitised here.
 */
export function addHtmlBlocks(builder: StructureBuilder, html: string, headingOffset = 0): void {
  const dom = parseDocument(sanitizeForImport(html));
  let buffer: string[] = [];
  const flush = (ctx: Context) => {
    if (buffer.length === 0) return;
    builder.add(ctx.verse ? 'verse' : ctx.quote ? 'quote' : 'paragraph', buffer.join(''));
    buffer = [];
  };
  const walk = (nodes: ChildNode[], ctx: Context): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        buffer.push((node as unknown as { data: string }).data);
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      if (HEADINGS.has(el.name)) {
        flush(ctx);
        builder.add('heading', DomUtils.textContent(el), Number(el.name[1]) + headingOffset);
      } else if (el.name === 'br') {
        if (ctx.verse) flush(ctx);
        else buffer.push('\n');
      } else if (BLOCKS.has(el.name)) {
        flush(ctx);
        const inner: Context = {
          quote: ctx.quote || el.name === 'blockquote',
          verse: ctx.verse || VERSE_CLASS.test(el.attribs.class ?? ''),
        };
        walk(el.children, inner);
        flush(inner);
      } else walk(el.children, ctx);
    }
  };
  const top: Context = { quote: false, verse: false };
  walk(dom.children, top);
  flush(top);
}

/** `<title>` and `<meta name="author|description|…">` of the raw HTML (parsed, never run). */
export function htmlHeadMetadata(html: string): Record<string, string> {
  const dom = parseDocument(html);
  const metadata: Record<string, string> = {};
  const title = DomUtils.findOne((e) => e.name === 'title', dom.children, true);
  if (title) {
    const text = collapseWhitespace(DomUtils.textContent(title));
    if (text) metadata.title = text;
  }
  for (const meta of DomUtils.findAll((e) => e.name === 'meta', dom.children)) {
    const name = (meta.attribs.name ?? '').toLowerCase();
    const content = collapseWhitespace(meta.attribs.content ?? '');
    if (content && /^(author|description|keywords|language|date)$/.test(name)) metadata[name] = content;
  }
  return metadata;
}

/**
 * Imports an HTML file. Title: `<title>`, else a lone first top heading, else `fallbackTitle`.
 * @throws TextImportError when no text is left, or it is too long.
 */
export function importHtml(html: string, opts: { fallbackTitle: string }): ImportedText {
  const metadata = htmlHeadMetadata(html);
  const builder = new StructureBuilder();
  addHtmlBlocks(builder, html);
  return structuredText(builder.finish(), metadata, { fallbackTitle: opts.fallbackTitle, outline: 'headings' });
}
