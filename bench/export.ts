/**
 * Exports at scale (issue 10's benchmark): War and Peace with 10,000 notes (a third tagged, every tenth with two
 * replies, some linked), exported to each format — Markdown, CSV, W3C JSON-LD, DOCX — in this process, from the
 * rows the route reads. Each is timed with the model built (grouping by theme, the heaviest: a note under each of
 * its themes) and compared with a reference in the same run: `JSON.stringify` of the same notes, the least any
 * serialisation of them costs. Target: under 1 s each. Medians of 3 after a warm-up.
 */
import { readFileSync } from 'node:fs';
import { buildReply } from '../lib/annotations/build-annotation.ts';
import { noFilter } from '../lib/annotations/note-filter.ts';
import type { Annotation, PassageAnnotation } from '../lib/annotations/schema.ts';
import { buildExportModel, type ExportDocument, type ExportFormat, exportFormats } from '../lib/export/export-model.ts';
import { writeExport } from '../lib/export/write-export.ts';
import { importPlainText } from '../lib/text/import-text.ts';
import { noteFactory } from './notes.ts';
import { timeMedian } from './stats.ts';
import { fileURLToPath } from 'node:url';

export interface ExportBenchResult {
  notes: number;
  replies: number;
  referenceMs: number;
  reference: string;
  modelMs: number;
  formats: Array<{ format: ExportFormat; ms: number; bytes: number; ratio: number }>;
}

const themes = ['guilt', 'war', 'love', 'faith', 'memory'];

/** Runs the bench on `textPath` with `count` notes. */
export async function runExportBench(
  count = 10_000,
  textPath = fileURLToPath(new URL('../../shared/texts/war-and-peace.txt', import.meta.url)),
): Promise<ExportBenchResult> {
  const imported = importPlainText(readFileSync(textPath, 'utf8'), { fallbackTitle: 'War and Peace' });
  const doc: ExportDocument = {
    id: 'war-and-peace',
    title: imported.title,
    author: imported.author ?? 'Leo Tolstoy',
    metadata: imported.metadata,
    text: imported.text,
    blocks: imported.blocks,
    chapters: imported.chapters,
  };
  const make = noteFactory(doc.id, doc.text, { id: 'bench-writer', name: 'Bench writer' });
  const annotations: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    const base = make(`note-${i}`, i);
    const tags = i % 3 === 0 ? [themes[i % 5]!, themes[(i + 1) % 5]!] : [];
    const note: PassageAnnotation = {
      ...base,
      body: [
        ...base.body.filter((b) => b.purpose !== 'tagging'),
        ...tags.map((value) => ({ type: 'TextualBody' as const, purpose: 'tagging' as const, value })),
      ],
      ...(i % 50 === 1 ? { links: [{ target: `note-${i - 1}`, type: 'echoes' as const }] } : {}),
    };
    annotations.push(note);
    if (i % 10 === 0)
      for (const r of [0, 1])
        annotations.push(
          buildReply({
            id: `reply-${i}-${r}`,
            parentId: note.id,
            creator: { id: 'bench-replier', name: 'Replier' },
            text: `Reply ${r} to note ${i}, "quoted", with commas.`,
            now: new Date(),
          }),
        );
  }
  const vocabulary = themes.map((name) => ({ name, label: name }));
  const options = {
    selection: 'all' as const,
    filter: noFilter,
    viewer: { id: null, moderator: true },
    grouping: 'theme' as const,
    replies: true,
    style: 'chicago' as const,
    origin: 'http://127.0.0.1:3000',
    exportedAt: new Date().toISOString(),
  };
  const referenceMs = await timeMedian(() => JSON.stringify(annotations), 3);
  const modelMs = await timeMedian(() => buildExportModel(doc, annotations, vocabulary, options), 3);
  const formats: ExportBenchResult['formats'] = [];
  for (const format of exportFormats) {
    let bytes = 0;
    const ms = await timeMedian(async () => {
      const model = buildExportModel(doc, annotations, vocabulary, options);
      const out = await writeExport(model, format, 'http://127.0.0.1:3000/api/documents/war-and-peace/export');
      bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
    }, 3);
    formats.push({ format, ms, bytes, ratio: ms / referenceMs });
  }
  return {
    notes: count,
    replies: annotations.length - count,
    referenceMs,
    reference: 'JSON.stringify of the same notes',
    modelMs,
    formats,
  };
}

/** The result as a table. */
export function formatExport(r: ExportBenchResult): string {
  const lines = [
    `Export of ${r.notes.toLocaleString('en')} notes and ${r.replies.toLocaleString('en')} replies on War and Peace (model + writer, median of 3; target < 1,000 ms each)`,
    `reference: ${r.reference} = ${r.referenceMs.toFixed(1)} ms; building the model alone = ${r.modelMs.toFixed(1)} ms`,
    '',
    '| format | ms | × reference | size | within 1 s |',
    '| --- | ---: | ---: | ---: | --- |',
    ...r.formats.map(
      (f) =>
        `| ${f.format} | ${f.ms.toFixed(0)} | ${f.ratio.toFixed(1)} | ${(f.bytes / 1024 / 1024).toFixed(1)} MiB | ${f.ms < 1000 ? 'yes' : 'NO'} |`,
    ),
  ];
  return lines.join('\n');
}
