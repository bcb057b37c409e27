/**
 * The body of the DOCX export — the groups of notes — written as WordprocessingML text. The `docx` library makes the
 * package (content types, relationships, styles, numbering, the title and themes parts) but spends ~20 µs and much
 * garbage on every paragraph and run it models: 10,000 notes took 2–3 s there against the 1 s target. The body's
 * few shapes (a heading, a quote, a note with its citation and link, a reply) are written here instead, into the
 * library's document in place of one marker paragraph (docx-writer.ts), with the library's own style ids.
 *
 * Every reader's word passes through {@link xmlText}: XML-escaped, and characters XML 1.0 cannot hold dropped.
 * Links are `HYPERLINK` fields (`w:fldSimple`), which need no relationship part entry.
 */
import type { ExportModel, ExportNote, ExportReply } from './export-model.ts';

const rtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// C0 controls other than tab, line feed and carriage return, U+FFFE/U+FFFF and lone surrogates: not XML 1.0 text.
const notXml =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` as XML character data or an attribute value. */
export function xmlText(text: string): string {
  return text.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface RunOptions {
  style?: string;
  bold?: boolean;
  italics?: boolean;
  rightToLeft?: boolean;
  /** A line break before the text. */
  breakBefore?: boolean;
}

/** One run (properties in the schema's order: style, bold, italics, right-to-left). */
function run(text: string, o: RunOptions = {}): string {
  const props =
    (o.style ? `<w:rStyle w:val="${o.style}"/>` : '') +
    (o.bold ? '<w:b/>' : '') +
    (o.italics ? '<w:i/>' : '') +
    (o.rightToLeft ? '<w:rtl/>' : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${o.breakBefore ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

/** The runs of a text's lines, a line break between them. */
function lineRuns(text: string, o: RunOptions = {}): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => run(line, { ...o, breakBefore: i > 0 || o.breakBefore }))
    .join('');
}

/** One paragraph (properties in the schema's order: style, bidirectional, indent). */
function paragraph(content: string, o: { style?: string; bidi?: boolean; indent?: number } = {}): string {
  const props =
    (o.style ? `<w:pStyle w:val="${o.style}"/>` : '') + (o.bidi ? '<w:bidi/>' : '') + (o.indent ? `<w:ind w:left="${o.indent}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
}

/**
 * Paragraphs of `text`: one, its lines broken, for left-to-right text; one per line, marked bidirectional where a line
 * holds a right-to-left script (bidirectionality is a paragraph's property).
 */
function textParagraphs(text: string, o: { style?: string; indent?: number; prefix?: string } = {}): string {
  if (!rtl.test(text)) return paragraph((o.prefix ?? '') + lineRuns(text), o);
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) =>
      paragraph((i === 0 ? (o.prefix ?? '') : '') + run(line, { rightToLeft: rtl.test(line) }), { ...o, bidi: rtl.test(line) }),
    )
    .join('');
}

/** A link as a HYPERLINK field: the text shown, in the Hyperlink style. */
function link(url: string, text: string): string {
  return `<w:fldSimple w:instr="${xmlText(` HYPERLINK "${url.replace(/"/g, '%22')}" `)}">${run(text, { style: 'Hyperlink' })}</w:fldSimple>`;
}

function replyXml(r: ExportReply): string {
  const prefix = run(`${r.author.name} replied: `, { bold: true });
  if (r.trace) return paragraph(prefix + run(r.trace, { italics: true }), { indent: 720 });
  return textParagraphs(r.text, { indent: 720, prefix });
}

function noteXml(n: ExportNote): string {
  const meta = `${n.typeLabel} by ${n.author.name}${n.themes.length ? ` · ${n.themes.join(', ')}` : ''}${n.threadState !== 'open' ? ` · ${n.threadState}` : ''}`;
  const commentLtr = !n.trace && n.comment && !rtl.test(n.comment);
  // The citation, the link back, the note's type and author and (left-to-right) its comment share one paragraph.
  const body =
    run(n.citation, { style: 'Citation' }) +
    run(' ') +
    link(n.deepLink, 'open in Glossa') +
    run(meta, { bold: true, breakBefore: true }) +
    (n.trace ? run(n.trace, { italics: true, breakBefore: true }) : '') +
    (commentLtr ? lineRuns(n.comment, { breakBefore: true }) : '');
  return (
    paragraph(run(n.locatorText || 'Passage'), { style: 'Heading2' }) +
    textParagraphs(n.quote, { style: 'Quote' }) +
    paragraph(body) +
    (!n.trace && n.comment && !commentLtr ? textParagraphs(n.comment) : '') +
    n.replies.map(replyXml).join('')
  );
}

/** The groups of notes (a Heading 1 each) and the replies to removed notes, as body XML. */
export function docxBodyXml(model: ExportModel): string {
  const parts: string[] = [];
  // A note under several themes is written once and placed in each of their sections.
  const made = new Map<string, string>();
  for (const group of model.groups) {
    parts.push(paragraph(run(group.title), { style: 'Heading1' }));
    for (const n of group.notes) {
      let xml = made.get(n.id);
      if (xml === undefined) made.set(n.id, (xml = noteXml(n)));
      parts.push(xml);
    }
  }
  if (model.orphanReplies.length) {
    parts.push(paragraph(run('Replies to removed notes'), { style: 'Heading1' }));
    for (const r of model.orphanReplies) parts.push(replyXml(r));
  }
  return parts.join('');
}
