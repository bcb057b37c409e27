/**
 * The reader's caret: drawn, because the text is read-only and its native caret is hidden (a blinking bar in a
 * text nobody can type into would invite typing), and moved by sentence and by paragraph besides ProseMirror's
 * arrows. Alt+→/← go to the next/previous sentence, Alt+↓/↑ to the next/previous paragraph; with Shift they extend
 * the selection (forward to the end of a sentence or paragraph, see lib/text/text-moves.ts).
 *
 * The caret is an element laid over the text, beside the editable DOM and not a decoration inside it: a widget
 * at the caret would split the text node the browser's own Shift+arrows are walking through.
 */
import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { PositionMap } from '../anchoring/position-map.ts';
import { moveCaret, type BlockSpan, type TextMove } from '../text/text-moves.ts';

/** The text the caret moves through: the canonical text, its blocks, and how offsets map to positions. */
export interface CaretText {
  text: string;
  blocks: readonly BlockSpan[];
  positions: PositionMap;
}

const moves: Record<string, Omit<TextMove, 'extend'>> = {
  ArrowRight: { unit: 'sentence', direction: 'forward' },
  ArrowLeft: { unit: 'sentence', direction: 'backward' },
  ArrowDown: { unit: 'paragraph', direction: 'forward' },
  ArrowUp: { unit: 'paragraph', direction: 'backward' },
};

/**
 * The selection's anchor and head as the browser shows them now: ProseMirror reads a selection made with the
 * browser's own Shift+arrows a moment later, and a step taken before then must extend that selection, not the old one.
 */
export function liveSelection(view: EditorView): { anchor: number; head: number } {
  const dom = view.dom.ownerDocument.getSelection();
  const { anchor, head } = view.state.selection;
  if (!dom?.anchorNode || !dom.focusNode || !view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode))
    return { anchor, head };
  return { anchor: view.posAtDOM(dom.anchorNode, dom.anchorOffset), head: view.posAtDOM(dom.focusNode, dom.focusOffset) };
}

/** Takes the step `key` names (with Alt; Shift extends) from the caret; true when the key was one of them. */
function step(view: EditorView, source: CaretText, event: KeyboardEvent): boolean {
  const base = moves[event.key];
  if (!base || !event.altKey || event.ctrlKey || event.metaKey) return false;
  const move: TextMove = { ...base, extend: event.shiftKey };
  const { anchor, head } = liveSelection(view);
  const offset = source.positions.toOffset(head, move.direction === 'forward' ? 'end' : 'start');
  const to = moveCaret(source.text, source.blocks, offset, move);
  // Handled even at the end of the text: Alt+← must never fall through to the browser's Back.
  if (to === null) return true;
  const pos = source.positions.toPmPos(to, 'start');
  const doc = view.state.doc;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, move.extend ? anchor : pos, pos)).scrollIntoView());
  return true;
}

/** Draws the caret at the selection's head while the text has focus. */
class CaretView {
  private readonly el: HTMLElement;
  private readonly resize: ResizeObserver | null;
  private readonly redraw = () => this.draw();

  constructor(private readonly view: EditorView) {
    const doc = view.dom.ownerDocument;
    this.el = doc.createElement('div');
    this.el.className = 'reader-caret';
    this.el.setAttribute('aria-hidden', 'true');
    this.el.dataset.testid = 'reader-caret';
    this.el.hidden = true;
    view.dom.parentElement?.appendChild(this.el);
    view.dom.addEventListener('focus', this.redraw);
    view.dom.addEventListener('blur', this.redraw);
    // Sections drawn late (content-visibility) and a narrower window move the text under the caret.
    this.resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(this.redraw);
    this.resize?.observe(view.dom);
    this.draw();
  }

  update(): void {
    this.draw();
  }

  private draw(): void {
    const { view, el } = this;
    const parent = el.parentElement;
    if (!parent || !view.hasFocus()) {
      el.hidden = true;
      return;
    }
    const at = view.coordsAtPos(view.state.selection.head);
    const box = parent.getBoundingClientRect();
    el.hidden = false;
    el.style.transform = `translate(${Math.round(at.left - box.left)}px, ${Math.round(at.top - box.top)}px)`;
    el.style.height = `${Math.max(8, at.bottom - at.top)}px`;
  }

  destroy(): void {
    this.view.dom.removeEventListener('focus', this.redraw);
    this.view.dom.removeEventListener('blur', this.redraw);
    this.resize?.disconnect();
    this.el.remove();
  }
}

/** The plugin: the drawn caret, and Alt(+Shift)+arrows by sentence and paragraph over `source`. */
export function caretPlugin(source: CaretText): Plugin {
  return new Plugin({
    view: (view) => new CaretView(view),
    props: { handleKeyDown: (view, event) => step(view, source, event) },
  });
}
