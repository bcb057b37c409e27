import { describe, expect, it } from 'vitest';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import { buildReaderDoc, readerBlocks } from '../../lib/editor/build-reader-doc.ts';
import type { Block, Chapter } from '../../lib/text/document-model.ts';

// "One\n\nIt was.\n\nShe said.\n\nTwo\n\nEnd."
const text = 'One\n\nIt was.\n\nShe said.\n\nTwo\n\nEnd.';
const blocks: Block[] = [
  { type: 'heading', level: 1, start: 0, end: 3 },
  { type: 'paragraph', start: 5, end: 12 },
  { type: 'quote', start: 14, end: 23 },
  { type: 'heading', level: 1, start: 25, end: 28 },
  { type: 'paragraph', start: 30, end: 34 },
];
const chapters: Chapter[] = [
  { title: 'One', start: 0, end: 23, level: 1 },
  { title: 'Two', start: 25, end: 34, level: 1 },
];

describe('buildReaderDoc', () => {
  const doc = buildReaderDoc(text, readerBlocks(blocks, chapters));

  it('draws headings as heading nodes and the rest as numbered paragraphs', () => {
    const nodes: Array<[string, unknown]> = [];
    doc.forEach((node) => nodes.push([node.type.name, node.type.name === 'heading' ? node.attrs.level : node.attrs.n]));
    expect(nodes).toEqual([
      ['heading', 1],
      ['paragraph', 1],
      ['paragraph', 2],
      ['heading', 1],
      ['paragraph', 1],
    ]);
  });

  it('gives paragraphs unique element ids even when numbers restart', () => {
    const ids: string[] = [];
    doc.forEach((node) => ids.push((node.type.spec.toDOM!(node) as [string, { id: string }])[1].id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps position arithmetic: every block content sits where the position map says', () => {
    const map = new PositionMap(blocks);
    expect(map.docSize).toBe(doc.content.size);
    for (const b of blocks)
      expect(doc.textBetween(map.toPmPos(b.start, 'start'), map.toPmPos(b.end, 'end'))).toBe(text.slice(b.start, b.end));
  });

  it('numbers bare paragraph spans 1, 2, 3 … as before', () => {
    const plain = buildReaderDoc('a\n\nb', [
      { start: 0, end: 1 },
      { start: 3, end: 4 },
    ]);
    expect([plain.child(0).attrs.n, plain.child(1).attrs.n, plain.child(1).type.name]).toEqual([1, 2, 'paragraph']);
  });
});
