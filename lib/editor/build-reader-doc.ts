/** Builds the read-only ProseMirror document of a text from its canonical text and paragraph spans. */
import type { Node } from 'prosemirror-model';
import type { ParagraphSpan } from '../text/canonical-text.ts';
import { readerSchema } from './reader-schema.ts';

/** One paragraph node per span, numbered from 1. */
export function buildReaderDoc(text: string, paragraphs: ParagraphSpan[]): Node {
  const nodes = paragraphs.map((p, i) => {
    const content = text.slice(p.start, p.end);
    return readerSchema.node('paragraph', { n: i + 1 }, content ? [readerSchema.text(content)] : []);
  });
  return readerSchema.node('doc', null, nodes);
}
