/**
 * The Markdown essay pack: YAML front matter (friendly to Obsidian and Zotero), an overview of the themes with their
 * counts and co-occurrences, then one section per group — each passage as a block quote with its locator, a deep
 * link back into the reader, the note with its type and author, the replies indented, and an in-text citation.
 * Everything a reader wrote is escaped (lib/export/markdown-escape.ts).
 */
import { citationStyleLabels, referenceEntry } from './citation.ts';
import type { ExportModel, ExportNote, ExportReply } from './export-model.ts';
import { blockQuote, escapeMarkdownInline, escapeMarkdownLines, yamlString } from './markdown-escape.ts';

const groupingLabels = { theme: 'by theme', text: 'in text order', reader: 'by reader' } as const;
const selectionLabels = { all: 'all notes', mine: 'my notes', filter: 'the notes of the current filter' } as const;

/** The front matter block. */
function frontMatter(model: ExportModel): string[] {
  const d = model.document;
  const lines = ['---', `title: ${yamlString(d.title)}`];
  if (d.author) lines.push(`author: ${yamlString(d.author)}`);
  lines.push(`source: ${yamlString(d.url)}`);
  const edition = d.metadata.edition ?? d.metadata.Edition;
  if (edition) lines.push(`edition: ${yamlString(edition)}`);
  if (d.year) lines.push(`year: ${yamlString(d.year)}`);
  lines.push(
    `exported: ${yamlString(model.options.exportedAt)}`,
    `notes: ${model.notes.length}`,
    `selection: ${yamlString(selectionLabels[model.options.selection])}`,
    `citation-style: ${yamlString(citationStyleLabels[model.options.style])}`,
    '---',
  );
  return lines;
}

function overview(model: ExportModel): string[] {
  if (model.themes.length === 0) return [];
  const lines = ['## Themes', '', '| Theme | Notes |', '| --- | ---: |'];
  for (const t of model.themes) lines.push(`| ${escapeMarkdownInline(t.label)} | ${t.count} |`);
  if (model.coOccurrences.length) {
    lines.push('', '**Themes sharing a passage**', '');
    for (const c of model.coOccurrences.slice(0, 20))
      lines.push(`- ${escapeMarkdownInline(c.a)} + ${escapeMarkdownInline(c.b)}: ${c.count}`);
  }
  lines.push('');
  return lines;
}

function replyLines(reply: ExportReply): string[] {
  const head = `  - **${escapeMarkdownInline(reply.author.name)}** replied (${reply.created.slice(0, 10)}):`;
  if (reply.trace) return [`${head} *${reply.trace}*`];
  return [head, ...escapeMarkdownLines(reply.text).map((l) => (l ? `    ${l}` : ''))];
}

function noteLines(note: ExportNote): string[] {
  const where = note.locatorText ? `${note.locatorText} — ` : '';
  const lines = [
    blockQuote(note.quote),
    '',
    `${where}[open in Glossa](${note.deepLink}) ${escapeMarkdownInline(note.citation)}`,
    '',
    `**${note.typeLabel}** by ${escapeMarkdownInline(note.author.name)}${note.themes.length ? ` · ${note.themes.map((t) => `#${escapeMarkdownInline(t)}`).join(' ')}` : ''}${note.threadState !== 'open' ? ` · ${note.threadState}` : ''}`,
  ];
  if (note.trace) lines.push('', `*${note.trace}*`);
  else if (note.comment) lines.push('', ...escapeMarkdownLines(note.comment));
  if (note.replies.length) lines.push('', ...note.replies.flatMap(replyLines));
  lines.push('');
  return lines;
}

/** The Markdown essay pack of `model`. */
export function writeMarkdown(model: ExportModel): string {
  const d = model.document;
  const lines = [...frontMatter(model), '', `# ${escapeMarkdownInline(d.title)}`, ''];
  if (d.author) lines.push(`*${escapeMarkdownInline(d.author)}* — notes ${groupingLabels[model.options.grouping]}`, '');
  else lines.push(`Notes ${groupingLabels[model.options.grouping]}`, '');
  lines.push(...overview(model));
  if (model.notes.length === 0) lines.push('*No notes were chosen.*', '');
  for (const group of model.groups) {
    lines.push(`## ${escapeMarkdownInline(group.title)}`, '');
    for (const note of group.notes) lines.push(...noteLines(note));
  }
  if (model.orphanReplies.length) {
    lines.push('## Replies to removed notes', '');
    for (const r of model.orphanReplies) lines.push(...replyLines(r), '');
  }
  const work = { title: escapeMarkdownInline(d.title), author: d.author ? escapeMarkdownInline(d.author) : null, year: d.year };
  lines.push('## Works cited', '', referenceEntry(model.options.style, work, d.url), '');
  return `${lines.join('\n')}\n`;
}
