/**
 * The ProseMirror schema of a reading text: headings and numbered paragraphs of plain text. Every node is a
 * textblock holding exactly one block of the canonical text, so every ProseMirror position maps to an offset of
 * the canonical text by arithmetic (see lib/anchoring/position-map.ts), whatever the block's type.
 */
import { Schema } from 'prosemirror-model';

/** How a numbered block is shown: a paragraph, a block quote or a verse line (all cited as ¶ n). */
export type ParagraphKind = 'paragraph' | 'quote' | 'verse';

/**
 * The reader's schema. Paragraph numbers (`n`, from 1; restarting per chapter when a text has chapters) are shown
 * in the gutter and cited as ¶ n; `i` is the paragraph's index in the whole text (unique, for the element id).
 * Headings (`level` 1–5) are drawn one rank below the page title and carry no number.
 */
export const readerSchema = new Schema({
  nodes: {
    // A long text's blocks are grouped in sections (lib/editor/reader-sections.ts), a short one's are not.
    doc: { content: 'block+ | section+' },
    section: {
      content: 'block+',
      attrs: { est: { default: 0 } },
      // `est`: a first guess of the section's height, until the browser has drawn it once.
      toDOM: (node) => [
        'section',
        { class: 'reader-section', style: `contain-intrinsic-size: auto ${Number(node.attrs.est) || 1000}px` },
        0,
      ],
    },
    paragraph: {
      group: 'block',
      content: 'text*',
      attrs: { n: { default: 0 }, i: { default: 0 }, kind: { default: 'paragraph' } },
      parseDOM: [{ tag: 'p', getAttrs: (dom) => ({ n: Number((dom as HTMLElement).dataset.n ?? 0) }) }],
      toDOM: (node) => {
        const kind = node.attrs.kind as ParagraphKind;
        const className = kind === 'paragraph' ? 'para' : `para para-${kind}`;
        return ['p', { class: className, 'data-n': String(node.attrs.n), id: `p-${node.attrs.i || node.attrs.n}` }, 0];
      },
    },
    heading: {
      group: 'block',
      content: 'text*',
      attrs: { level: { default: 1 }, i: { default: 0 } },
      defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node) => [`h${Math.min(6, Number(node.attrs.level) + 1)}`, { class: 'reader-heading', id: `h-${node.attrs.i}` }, 0],
    },
    text: {},
  },
  marks: {},
});
