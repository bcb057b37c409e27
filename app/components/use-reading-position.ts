'use client';
/**
 * "Continue where you left off": the paragraph at the top of the window is kept per document in localStorage
 * once scrolling has rested for half a second (finding it asks the browser for a caret position, a layout query
 * that costs ~10 ms in a whole novel, so never while the page is moving), and when the page is hidden; on return the reader is offered to go back to it. Never an
 * automatic jump: a link to a note, or a reader who wants the start, decides where the page opens.
 */
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import { blockElementAt } from './use-outline.ts';

const keyOf = (documentId: string) => `glossa.position.${documentId}`;
const restMs = 500;

/** The stored reading position of a document (a text offset), or null. */
function load(documentId: string): number | null {
  try {
    const raw = JSON.parse(localStorage.getItem(keyOf(documentId)) ?? 'null') as unknown;
    const offset = (raw as { offset?: unknown } | null)?.offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

/** The text offset of the block at the top of the window, below the sticky header. */
export function offsetAtTop(view: EditorView, positions: PositionMap): number | null {
  const header = document.querySelector('.reader-header');
  const top = (header?.getBoundingClientRect().bottom ?? 0) + 8;
  const box = view.dom.getBoundingClientRect();
  if (box.bottom < top) return positions.textLength;
  const hit = view.posAtCoords({ left: box.left + 8, top: Math.max(top, box.top + 1) });
  if (!hit) return null;
  // The start of the block there, so the offer names (and goes back to) a whole paragraph.
  const pos = Math.min(Math.max(hit.inside >= 0 ? hit.inside + 1 : hit.pos, 0), view.state.doc.content.size);
  const $pos = view.state.doc.resolve(pos);
  return positions.toOffset($pos.parent.isTextblock ? $pos.start() : pos);
}

export function useReadingPosition(documentId: string, view: EditorView | null, positions: PositionMap) {
  // Read once, before this visit's scrolling overwrites it.
  const [offer, setOffer] = useState<number | null>(null);
  useEffect(() => {
    const stored = load(documentId);
    setOffer(stored !== null && stored > 0 ? stored : null);
  }, [documentId]);

  useEffect(() => {
    if (!view) return;
    let timer = 0;
    const save = () => {
      timer = 0;
      if (view.isDestroyed) return;
      const offset = offsetAtTop(view, positions);
      if (offset === null) return;
      try {
        localStorage.setItem(keyOf(documentId), JSON.stringify({ offset, at: Date.now() }));
      } catch {
        /* storage full or off: nothing to remember */
      }
    };
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, restMs);
    };
    const onHide = () => {
      if (timer) {
        window.clearTimeout(timer);
        save();
      }
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onHide);
    return () => {
      onHide();
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onHide);
    };
  }, [documentId, view, positions]);

  const resume = useCallback(() => {
    if (offer === null || !view) return;
    blockElementAt(view, positions, offer)?.scrollIntoView({ block: 'start', behavior: 'instant' });
    setOffer(null);
  }, [offer, view, positions]);
  const dismiss = useCallback(() => setOffer(null), []);

  return { offer, resume, dismiss };
}
