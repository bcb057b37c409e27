/**
 * The DOCX export, made with `docx` 9: the same content as the Markdown essay pack, with real Word styles — the
 * title as Title, groups as Heading 1, each passage's locator as Heading 2, passages in the built-in Quote style,
 * citations after each quote — so a word processor's outline, navigation pane and restyling all work on it.
 * Right-to-left paragraphs are marked bidirectional.
 */
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { citationStyleLabels, referenceEntry } from './citation.ts';
import type { ExportModel, ExportNote, ExportReply } from './export-model.ts';

const rtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Runs of `text`, a line break between its lines (for left-to-right text: one paragraph, not one per line). */
function lineRuns(text: string, options: { breakBefore?: boolean } = {}): TextRun[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 || options.breakBefore ? 1 : undefined }));
}

/**
 * Paragraphs of `text`: one paragraph with line breaks for left-to-right text (every paragraph costs the docx
 * library ~20 µs: a 10,000-note export is mostly paragraphs), one per line marked right-to-left when a line holds such
 * a script (bidirectionality is a paragraph's property).
 */
function textParagraphs(text: string, options: { style?: string; indent?: number; prefix?: TextRun[] } = {}): Paragraph[] {
  if (!rtl.test(text))
    return [
      new Paragraph({
        style: options.style,
        indent: options.indent ? { left: options.indent } : undefined,
        children: [...(options.prefix ?? []), ...lineRuns(text)],
      }),
    ];
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(
      (line, i) =>
        new Paragraph({
          style: options.style,
          bidirectional: rtl.test(line),
          indent: options.indent ? { left: options.indent } : undefined,
          children: [...(i === 0 ? (options.prefix ?? []) : []), new TextRun({ text: line, rightToLeft: rtl.test(line) })],
        }),
    );
}

function replyParagraphs(r: ExportReply): Paragraph[] {
  const prefix = [new TextRun({ text: `${r.author.name} replied: `, bold: true })];
  if (r.trace) return [new Paragraph({ indent: { left: 720 }, children: [...prefix, new TextRun({ text: r.trace, italics: true })] })];
  return textParagraphs(r.text, { indent: 720, prefix });
}

function noteParagraphs(n: ExportNote): Paragraph[] {
  const out: Paragraph[] = [];
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(n.locatorText || 'Passage')] }));
  out.push(...textParagraphs(n.quote, { style: 'Quote' }));
  const meta = `${n.typeLabel} by ${n.author.name}${n.themes.length ? ` · ${n.themes.join(', ')}` : ''}${n.threadState !== 'open' ? ` · ${n.threadState}` : ''}`;
  // The citation, the link back and the note's type and author in one paragraph (two lines): fewer paragraphs is
  // most of what makes a 10,000-note document quick to write.
  out.push(
    new Paragraph({
      children: [
        new TextRun({ text: n.citation, style: 'Citation' }),
        new TextRun(' '),
        new ExternalHyperlink({ link: n.deepLink, children: [new TextRun({ text: 'open in Glossa', style: 'Hyperlink' })] }),
        new TextRun({ text: meta, bold: true, break: 1 }),
        // A left-to-right comment goes in the same paragraph, after a line break (see textParagraphs).
        ...(n.trace ? [new TextRun({ text: n.trace, italics: true, break: 1 })] : []),
        ...(!n.trace && n.comment && !rtl.test(n.comment) ? lineRuns(n.comment, { breakBefore: true }) : []),
      ],
    }),
  );
  if (!n.trace && n.comment && rtl.test(n.comment)) out.push(...textParagraphs(n.comment));
  for (const r of n.replies) out.push(...replyParagraphs(r));
  return out;
}

/** The DOCX document of `model`. */
export function docxDocument(model: ExportModel): Document {
  const d = model.document;
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }),
    ...(d.author ? [new Paragraph({ children: [new TextRun({ text: d.author, italics: true })] })] : []),
    new Paragraph({
      children: [
        new TextRun(
          `Exported ${model.options.exportedAt.slice(0, 10)} · ${model.notes.length} notes · ${citationStyleLabels[model.options.style]}`,
        ),
      ],
    }),
  ];
  if (model.themes.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Themes')] }));
    for (const t of model.themes) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${t.label}: ${t.count}`)] }));
    for (const c of model.coOccurrences.slice(0, 20))
      children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${c.a} + ${c.b}: ${c.count} shared`)] }));
  }
  // A note under several themes is made once and placed in each of their sections.
  const made = new Map<string, Paragraph[]>();
  for (const group of model.groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(group.title)] }));
    for (const n of group.notes) {
      let paragraphs = made.get(n.id);
      if (!paragraphs) made.set(n.id, (paragraphs = noteParagraphs(n)));
      children.push(...paragraphs);
    }
  }
  if (model.orphanReplies.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Replies to removed notes')] }));
    for (const r of model.orphanReplies) children.push(...replyParagraphs(r));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Works cited')] }));
  // The entry's *title* markers become italics.
  const entry = referenceEntry(model.options.style, { title: '\u0000', author: d.author, year: d.year }, d.url).split('*');
  children.push(
    new Paragraph({
      indent: { left: 720, hanging: 720 },
      children: entry.map((part, i) => new TextRun({ text: part.replace('\u0000', d.title), italics: i % 2 === 1 })),
    }),
  );
  return new Document({
    creator: 'Glossa',
    title: d.title,
    description: `Notes on ${d.title}`,
    styles: {
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 }, alignment: AlignmentType.LEFT },
        },
      ],
      characterStyles: [{ id: 'Citation', name: 'Citation', basedOn: 'DefaultParagraphFont', run: { color: '555555' } }],
    },
    sections: [{ children }],
  });
}

/** The DOCX file of `model`. */
export function writeDocx(model: ExportModel): Promise<Uint8Array> {
  return Packer.toBuffer(docxDocument(model)).then((b) => new Uint8Array(b));
}
