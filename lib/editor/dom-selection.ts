/**
 * The browser's selection in the text when it has moved on from what ProseMirror last read. A key (Shift+arrows) or
 * a click moves the DOM selection at once, and ProseMirror reads it on the `selectionchange` event that follows; a
 * transaction that redraws decorations in between writes ProseMirror's older selection back over the browser's, and
 * the reader's keys or click are lost. Transactions dispatched on their own clock (other readers' presence, notes
 * arriving, find) start from {@link decorationTr}, which carries the browser's selection along.
 */
import { TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** What this needs of an EditorView (a narrow shape, so it can be tested without a browser). */
export interface SelectionSource {
  root: Document | ShadowRoot;
  dom: { contains(node: Node | null): boolean };
  posAtDOM(node: Node, offset: number, bias?: number): number;
  hasFocus(): boolean;
  state: { selection: { anchor: number; head: number } };
}

/** The DOM selection as document positions, when it is in the text and differs from ProseMirror's; else null. */
export function unreadSelection(view: SelectionSource): { anchor: number; head: number } | null {
  // Unfocused, ProseMirror neither reads the DOM selection nor writes it: a selection set in code stays.
  if (!view.hasFocus()) return null;
  const sel = (view.root as Document).getSelection?.();
  if (!sel?.anchorNode || !sel.focusNode) return null;
  // A selection elsewhere (a composer's textarea, the page) is not the text's: nothing to lose.
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
  try {
    // Bias 1, as ProseMirror reads a DOM selection (a point at a widget's edge resolves after it).
    const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset, 1);
    const head = view.posAtDOM(sel.focusNode, sel.focusOffset, 1);
    const { selection } = view.state;
    return anchor === selection.anchor && head === selection.head ? null : { anchor, head };
  } catch {
    // A point ProseMirror cannot map: leave the selection to ProseMirror.
    return null;
  }
}

/** A transaction for decorations only, holding the browser's selection if ProseMirror has not read it yet. */
export function decorationTr(view: EditorView): Transaction {
  const tr = view.state.tr;
  const unread = unreadSelection(view);
  if (!unread) return tr;
  const { doc } = view.state;
  const size = doc.content.size;
  if (unread.anchor < 0 || unread.head < 0 || unread.anchor > size || unread.head > size) return tr;
  return tr.setSelection(TextSelection.between(doc.resolve(unread.anchor), doc.resolve(unread.head)));
}
