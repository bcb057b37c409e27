/** Builds the read-only ProseMirror document of a text from its canonical text and block spans. */
import type { Node } from 'prosemirror-model';
import type { ParagraphSpan } from '../text/canonical-text.ts';
import type { Block, Chapter } from '../text/document-model.ts';
import { paragraphNumbers } from '../text/locator.ts';
import { readerSchema } from './reader-schema.ts';
import { estimatedHeight, sectionStarts } from './reader-sections.ts';

/**
 * A span the reader draws: a bare paragraph span (documents as they were), or a block with its type and, for
 * numbered blocks, its ¶ number. A `ReaderBlock` is a `ParagraphSpan`, so the reader's props stay compatible.
 */
export type ReaderBlock = ParagraphSpan & { type?: Block['type']; level?: number; n?: number };

/** The blocks of a document with the ¶ numbers its chapters give them, ready for {@link buildReaderDoc}. */
export function readerBlocks(blocks: readonly Block[], chapters: readonly Chapter[]): ReaderBlock[] {
  const numbers = paragraphNumbers(blocks, chapters);
  return blocks.map((b, i) => ({
    start: b.start,
    end: b.end,
    type: b.type,
    ...(b.level ? { level: b.level } : {}),
    ...(numbers[i] ? { n: numbers[i] } : {}),
  }));
}

/**
 * One node per span: a heading node for heading blocks, else a paragraph numbered with the span's `n` (or, for bare
 * spans, 1, 2, 3 … through the text); a long text's nodes grouped in the sections `sectionStarts` gives (build its
 * PositionMap with the same starts).
 */
export function buildReaderDoc(text: string, spans: readonly ReaderBlock[]): Node {
  let running = 0;
  let headings = 0;
  const nodes = spans.map((span) => {
    const content = text.slice(span.start, span.end);
    const children = content ? [readerSchema.text(content)] : [];
    if (span.type === 'heading') return readerSchema.node('heading', { level: span.level ?? 1, i: ++headings }, children);
    running += 1;
    const kind = span.type === 'quote' || span.type === 'verse' ? span.type : 'paragraph';
    return readerSchema.node('paragraph', { n: span.n ?? running, i: running, kind }, children);
  });
  const starts = sectionStarts(spans);
  if (starts.length === 0) return readerSchema.node('doc', null, nodes);
  const sections = starts.map((from, k) => {
    const to = starts[k + 1] ?? spans.length;
    return readerSchema.node('section', { est: estimatedHeight(spans, from, to) }, nodes.slice(from, to));
  });
  return readerSchema.node('doc', null, sections);
}
