'use client';
/**
 * Mounts the read-only ProseMirror view of the text and reports the reader's selection (as a text range) and
 * clicks on highlights. The view is created once per text; highlights are pushed into it as plugin actions.
 */
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import { sectionStarts } from '../../lib/editor/reader-sections.ts';
import type { TextRange } from '../../lib/anchoring/types.ts';
import { buildReaderDoc } from '../../lib/editor/build-reader-doc.ts';
import { caretPlugin } from '../../lib/editor/caret-plugin.ts';
import { findPlugin } from '../../lib/editor/find-plugin.ts';
import { highlightPlugin, highlightsAt } from '../../lib/editor/highlight-plugin.ts';
import { presencePlugin } from '../../lib/editor/presence-plugin.ts';
import { readOnlyPlugin } from '../../lib/editor/read-only-plugin.ts';
import type { ParagraphSpan } from '../../lib/text/canonical-text.ts';

/** A non-empty selection in the text. */
export interface TextSelectionInfo {
  range: TextRange;
  from: number;
  to: number;
}

export interface EditorHandlers {
  /** A key pressed while text is selected: 'c' comment, 'h' highlight. Returns whether it was handled. */
  onSelectionKey(key: string, selection: TextSelectionInfo): boolean;
  onHighlightClick(ids: string[]): void;
}

/**
 * The selection as the browser shows it now. ProseMirror reads DOM selection changes a moment later, so a key
 * pressed right after Shift+Arrow would otherwise act on the selection one step behind.
 */
function currentSelection(view: EditorView, positions: PositionMap): TextSelectionInfo | null {
  const dom = view.dom.ownerDocument.getSelection();
  let { from, to } = view.state.selection;
  if (dom?.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode)) {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    [from, to] = [Math.min(anchor, head), Math.max(anchor, head)];
  }
  if (from === to) return null;
  return { from, to, range: positions.toTextRange(from, to) };
}

/** Collapses the editor's selection to its end (Escape, or a note made from it). */
function collapseToEnd(view: EditorView): void {
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, view.state.selection.to)));
}

export function useReaderEditor(text: string, paragraphs: ParagraphSpan[], handlers: EditorHandlers) {
  const mountRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [selection, setSelection] = useState<TextSelectionInfo | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  // The same sections as the document's (build-reader-doc.ts), so offsets and positions agree.
  const positions = useMemo(() => new PositionMap(paragraphs, sectionStarts(paragraphs)), [paragraphs]);

  useEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    let pointerDown = false;
    const report = (v: EditorView) => setSelection(pointerDown ? null : currentSelection(v, positions));
    const editor = new EditorView(mount, {
      state: EditorState.create({
        doc: buildReaderDoc(text, paragraphs),
        plugins: [
          readOnlyPlugin(),
          highlightPlugin(),
          findPlugin(),
          presencePlugin(),
          caretPlugin({ text, blocks: paragraphs, positions }),
        ],
      }),
      dispatchTransaction(tr) {
        editor.updateState(editor.state.apply(tr));
        if (tr.selectionSet) report(editor);
      },
      handleKeyDown(v, event) {
        if (event.key === 'Escape' && !v.state.selection.empty) {
          collapseToEnd(v);
          return true;
        }
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        const selection = currentSelection(v, positions);
        return selection ? handlersRef.current.onSelectionKey(event.key.toLowerCase(), selection) : false;
      },
      handleClick(v, pos) {
        // Only plain clicks get here (a drag that selects does not), whatever the selection was before.
        const ids = highlightsAt(v.state, pos);
        if (ids.length) handlersRef.current.onHighlightClick(ids);
        return false;
      },
      handleDOMEvents: {
        mousedown: () => {
          pointerDown = true;
          return false;
        },
        mouseup: (v) => {
          pointerDown = false;
          setTimeout(() => report(v), 0);
          return false;
        },
      },
      attributes: {
        class: 'reader-text',
        'aria-label':
          'Text. Alt+arrows move by sentence and paragraph, Shift extends the selection; C comments, H highlights; J and K go to the next and previous note; ? lists the keys.',
      },
    });
    setView(editor);
    return () => {
      editor.destroy();
      setView(null);
    };
  }, [text, paragraphs, positions]);

  /** Collapses the selection to its end, e.g. once a note has been made from it. */
  const collapseSelection = () => {
    if (view && !view.state.selection.empty) collapseToEnd(view);
    setSelection(null);
  };

  return { mountRef, view, selection, positions, collapseSelection };
}
