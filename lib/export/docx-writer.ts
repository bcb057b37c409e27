/**
 * The DOCX export, made with `docx` 9: the same content as the Markdown essay pack, with real Word styles — the
 * title as Title, groups as Heading 1, each passage's locator as Heading 2, passages in the built-in Quote style,
 * citations after each quote — so a word processor's outline, navigation pane and restyling all work on it.
 * Right-to-left paragraphs are marked bidirectional. The library makes the package, styles and front matter; the
 * notes themselves are written as body XML by docx-body.ts (the library's per-paragraph cost made 10,000 notes 2–3 s).
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { docxBodyXml } from './docx-body.ts';
import { citationStyleLabels, referenceEntry } from './citation.ts';
import type { ExportModel } from './export-model.ts';

/** The one paragraph the body's notes replace (docx-body.ts); a text no reader's note can contain. */
const bodyMarker = 'glossa-docx-body-7c1f3e0a';

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
  // The groups of notes are written by docx-body.ts in place of this paragraph.
  children.push(new Paragraph({ children: [new TextRun(bodyMarker)] }));
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

/** The DOCX file of `model`: the library's package with the notes' body XML in place of the marker paragraph. */
export async function writeDocx(model: ExportModel): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(docxDocument(model))));
  const documentXml = strFromU8(files['word/document.xml']!);
  // The marker's paragraph: from the `<w:p` before it to the `</w:p>` after it (a paragraph holds no other paragraph).
  const at = documentXml.indexOf(bodyMarker);
  const from =
    documentXml.lastIndexOf('<w:p>', at) >= documentXml.lastIndexOf('<w:p ', at)
      ? documentXml.lastIndexOf('<w:p>', at)
      : documentXml.lastIndexOf('<w:p ', at);
  const to = documentXml.indexOf('</w:p>', at);
  if (at < 0 || from < 0 || to < 0) throw new Error('the DOCX body marker is missing from the document');
  files['word/document.xml'] = strToU8(documentXml.slice(0, from) + docxBodyXml(model) + documentXml.slice(to + '</w:p>'.length));
  return zipSync(files, { level: 6 });
}
