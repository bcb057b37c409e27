/**
 * Markdown → canonical text with structure, parsed with mdast-util-from-markdown (CommonMark, via micromark).
 * Headings become heading blocks (and so chapters: a lone leading `# Title` is the title, the next levels the
 * chapters), paragraphs and list items paragraphs, block quotes quotes, and paragraphs broken into lines with hard
 * breaks verse lines. Markup is dropped, the words kept; raw HTML in the file is sanitised like an HTML import.
 * A YAML-style front matter block (`---` … `---` of `key: value` lines) or the plain-text `key: value` header gives
 * the metadata.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as plainTextOf } from 'mdast-util-to-string';
import { normalizeNewlines, parseHeader } from '../text/parse-header.ts';
import { TextImportError, type ImportedText } from '../text/import-text.ts';
import { addHtmlBlocks } from './html.ts';
import { StructureBuilder, structuredText } from './structure-builder.ts';

/** Splits `---`-fenced front matter off `source` (its `key: value` lines parsed like a plain-text header). */
function frontMatter(source: string): { metadata: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  if (!match) return parseHeader(source);
  const metadata: Record<string, string> = {};
  for (const line of match[1]!.split('\n')) {
    const kv = /^([A-Za-z][A-Za-z0-9 _-]{0,29}):\s*(.*)$/.exec(line);
    if (kv && kv[2]!.trim()) metadata[kv[1]!.trim().toLowerCase()] = kv[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { metadata, body: source.slice(match[0].length) };
}

function addNodes(builder: StructureBuilder, nodes: readonly Nodes[], quote: boolean): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        builder.add('heading', plainTextOf(node), node.depth);
        break;
      case 'paragraph': {
        const hasBreak = node.children.some((c) => c.type === 'break');
        if (!hasBreak) {
          builder.add(quote ? 'quote' : 'paragraph', plainTextOf(node));
          break;
        }
        // A paragraph of hard-broken lines is a poem: one verse line per line.
        let line: Nodes[] = [];
        const flushLine = () => {
          builder.add('verse', line.map((n) => plainTextOf(n)).join(''));
          line = [];
        };
        for (const child of node.children) {
          if (child.type === 'break') flushLine();
          else line.push(child);
        }
        flushLine();
        break;
      }
      case 'blockquote':
        addNodes(builder, node.children, true);
        break;
      case 'list':
        for (const item of node.children) addNodes(builder, item.children, quote);
        break;
      case 'code':
        builder.add(quote ? 'quote' : 'paragraph', node.value);
        break;
      case 'html':
        addHtmlBlocks(builder, node.value);
        break;
      case 'table':
        for (const row of node.children) builder.add('paragraph', row.children.map((cell) => plainTextOf(cell)).join(' · '));
        break;
      default:
        break; // thematic breaks, definitions, footnote definitions: no reading text
    }
  }
}

/**
 * Imports a Markdown file. Title: front matter or header `title:`, else a lone leading `# Title`, else
 * `fallbackTitle`. Author: front matter or header `author:`.
 * @throws TextImportError when no text is left, it is too long, or the file holds a NUL character.
 */
export function importMarkdown(source: string, opts: { fallbackTitle: string }): ImportedText {
  if (source.includes('\0')) throw new TextImportError('nul', 'The file holds a NUL character: it is not a Markdown file.');
  const { metadata, body } = frontMatter(normalizeNewlines(source));
  const tree: Root = fromMarkdown(body);
  const builder = new StructureBuilder();
  addNodes(builder, tree.children, false);
  return structuredText(builder.finish(), metadata, { fallbackTitle: opts.fallbackTitle, outline: 'headings' });
}
