/**
 * The ProseMirror schema of a reading text: paragraphs of plain text, numbered. Nothing else, so that every
 * ProseMirror position maps to an offset of the canonical text by arithmetic (see lib/anchoring/position-map.ts).
 */
import { Schema } from 'prosemirror-model';

/** The reader's schema. Paragraph numbers (`n`, from 1) are shown in the gutter and cited by exports as ¶ n. */
export const readerSchema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: {
      content: 'text*',
      attrs: { n: { default: 0 } },
      parseDOM: [{ tag: 'p', getAttrs: (dom) => ({ n: Number((dom as HTMLElement).dataset.n ?? 0) }) }],
      toDOM: (node) => ['p', { class: 'para', 'data-n': String(node.attrs.n), id: `p-${node.attrs.n}` }, 0],
    },
    text: {},
  },
  marks: {},
});
