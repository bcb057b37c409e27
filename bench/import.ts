/**
 * Import benchmark: War and Peace as an EPUB (one XHTML file per chapter, a nav document; built here from the plain
 * text's chapters) and as plain text, each imported a few times in this process; the target is an EPUB import of a
 * full novel under 2 s. Run alone with `node --import tsx bench/import.ts`; `runImportBench()` returns the figures
 * as JSON for a caller that collects them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importEpub } from '../lib/import/epub.ts';
import { importPlainTextBytes } from '../lib/import/plain-text.ts';
import { importPlainText } from '../lib/text/import-text.ts';
import { buildEpub, type EpubChapter } from '../tests/helpers/epub-builder.ts';

/** Where the novel is (beside the project, as in the shared layout). */
const novelPath = fileURLToPath(new URL('../../shared/texts/war-and-peace.txt', import.meta.url));

export interface ImportBenchRow {
  case: string;
  bytes: number;
  chapters: number;
  blocks: number;
  medianMs: number;
  maxMs: number;
}

export interface ImportBenchResult {
  runs: number;
  targetMs: number;
  rows: ImportBenchRow[];
  epubMeetsTarget: boolean;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The novel's chapters as EPUB chapters: each chapter heading an `h2`, each paragraph a `p`. */
function novelChapters(raw: string): EpubChapter[] {
  const novel = importPlainText(raw, { fallbackTitle: 'War and Peace' });
  const leaves = novel.chapters.filter((c) => c.level === 2);
  const starts = [0, ...leaves.map((c) => c.start)];
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : novel.text.length;
    const blocks = novel.blocks.filter((b) => b.start >= start && b.end <= end);
    const body = blocks
      .map((b) =>
        b.type === 'heading'
          ? `<h2>${escapeXml(novel.text.slice(b.start, b.end))}</h2>`
          : `<p>${escapeXml(novel.text.slice(b.start, b.end))}</p>`,
      )
      .join('\n');
    return { title: i === 0 ? 'Opening' : leaves[i - 1]!.title, body };
  });
}

function time<T>(runs: number, work: () => T): { result: T; medianMs: number; maxMs: number } {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { result: result!, medianMs: Math.round(times[Math.floor(times.length / 2)]!), maxMs: Math.round(times.at(-1)!) };
}

/** Runs the benchmark and prints a table; returns the figures. */
export function runImportBench(runs = 5): ImportBenchResult {
  const raw = readFileSync(novelPath);
  const chapters = novelChapters(raw.toString('utf8'));
  const epub = buildEpub({ title: 'War and Peace', author: 'Leo Tolstoy', chapters });
  const targetMs = 2000;
  const rows: ImportBenchRow[] = [];
  const epubRun = time(runs, () => importEpub(epub, { fallbackTitle: 'War and Peace' }));
  rows.push({
    case: `EPUB (${chapters.length} XHTML files, nav)`,
    bytes: epub.byteLength,
    chapters: epubRun.result.chapters.length,
    blocks: epubRun.result.blocks.length,
    medianMs: epubRun.medianMs,
    maxMs: epubRun.maxMs,
  });
  const textRun = time(runs, () => importPlainTextBytes(raw, { fallbackTitle: 'War and Peace' }));
  rows.push({
    case: 'plain text (UTF-8, chapter detection)',
    bytes: raw.byteLength,
    chapters: textRun.result.chapters.length,
    blocks: textRun.result.blocks.length,
    medianMs: textRun.medianMs,
    maxMs: textRun.maxMs,
  });
  const result = { runs, targetMs, rows, epubMeetsTarget: epubRun.medianMs < targetMs };
  console.log(`\nImport of War and Peace (${runs} runs, median / max; target: EPUB < ${targetMs} ms)`);
  console.table(
    rows.map((r) => ({
      case: r.case,
      'size (KB)': Math.round(r.bytes / 1024),
      chapters: r.chapters,
      blocks: r.blocks,
      'median (ms)': r.medianMs,
      'max (ms)': r.maxMs,
    })),
  );
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(JSON.stringify(runImportBench()));
