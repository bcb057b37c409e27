'use client';
/**
 * The popup offered on a selection in the text: Comment (C) and Highlight (H). It sits below the selection's end,
 * or above its start when there is no room below, and always inside the window (lib/layout/viewport.ts), however
 * narrow the window and wherever the selection ends.
 */
import type { EditorView } from 'prosemirror-view';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { placePopup } from '../../lib/layout/viewport.ts';
import type { TextSelectionInfo } from './use-reader-editor.ts';

export interface SelectionPopupProps {
  view: EditorView;
  selection: TextSelectionInfo;
  onComment(): void;
  onHighlight(): void;
  /** More actions after Highlight (a facilitator's Spotlight and Gather). */
  children?: ReactNode;
}

export function SelectionPopup({ view, selection, onComment, onHighlight, children }: SelectionPopupProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const place = () => {
      const el = ref.current;
      if (!el || view.isDestroyed) return;
      const start = view.coordsAtPos(selection.from, 1);
      const end = view.coordsAtPos(selection.to, -1);
      const size = { width: el.offsetWidth, height: el.offsetHeight };
      const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
      const p = placePopup({ left: end.left, top: start.top, bottom: end.bottom }, size, viewport);
      // In document coordinates, so the popup stays with the text when the page scrolls.
      setAt({ top: p.top + window.scrollY, left: p.left + window.scrollX });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [view, selection]);

  return (
    <div
      ref={ref}
      className="selection-popup"
      style={at ? { top: at.top, left: at.left } : { top: 0, left: 0, visibility: 'hidden' }}
      role="toolbar"
      aria-label="Annotate the selection"
      data-testid="selection-popup"
    >
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onComment}>
        Comment <kbd>C</kbd>
      </button>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onHighlight}>
        Highlight <kbd>H</kbd>
      </button>
      {children}
    </div>
  );
}
