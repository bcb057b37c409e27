'use client';
/**
 * Find in the text: the canonical text is searched (lib/text/find.ts), not the page, so every match is found
 * whatever the page has drawn; matches are painted by the find plugin and the current one is scrolled to the
 * middle of the window. Ctrl/Cmd+F opens the bar inside the reader.
 */
import type { EditorView } from 'prosemirror-view';
import { decorationTr } from '../../lib/editor/dom-selection.ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import { findKey, type FindAction } from '../../lib/editor/find-plugin.ts';
import { findInText, foldText, type FoldedText } from '../../lib/text/find.ts';

/** At most this many matches are counted and painted ("10000+" beyond). */
export const findLimit = 10_000;
const debounceMs = 120;

const act = (view: EditorView, action: FindAction) => view.dispatch(decorationTr(view).setMeta(findKey, action));

/** Scrolls editor position `pos` to the middle of the window (one layout read). */
function scrollToPos(view: EditorView, pos: number): void {
  const { top, bottom } = view.coordsAtPos(pos);
  window.scrollBy({ top: (top + bottom) / 2 - window.innerHeight / 2, behavior: 'instant' });
}

export interface FindState {
  open: boolean;
  query: string;
  /** The number of matches (capped at {@link findLimit}). */
  count: number;
  /** The index of the current match, or -1. */
  current: number;
}

export function useFind(view: EditorView | null, text: string, positions: PositionMap, topOffset: () => number) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState(-1);
  const [focusSeq, setFocusSeq] = useState(0);
  const folded = useRef<{ text: string; value: FoldedText } | null>(null);
  const matches = useRef<Array<{ from: number; to: number }>>([]);
  const topRef = useRef(topOffset);
  topRef.current = topOffset;

  // Ctrl/Cmd+F opens the reader's find (it sees the whole text; the browser's sees only what the page has drawn).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setOpen(true);
        setFocusSeq((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A new query searches (debounced) and makes current the first match at or below the top of the window.
  useEffect(() => {
    if (!view) return;
    if (!open || !query.trim()) {
      matches.current = [];
      setCount(0);
      setCurrent(-1);
      act(view, { type: 'clear' });
      return;
    }
    const timer = window.setTimeout(() => {
      if (folded.current?.text !== text) folded.current = { text, value: foldText(text) };
      const ranges = findInText(folded.current.value, query, findLimit);
      matches.current = ranges.map((r) => positions.toPmRange(r));
      const top = topRef.current();
      const first = Math.max(
        0,
        ranges.findIndex((r) => r.start >= top),
      );
      const at = ranges.length ? first : -1;
      setCount(ranges.length);
      setCurrent(at);
      act(view, { type: 'matches', matches: matches.current, current: at });
      if (at >= 0) scrollToPos(view, matches.current[at]!.from);
    }, debounceMs);
    return () => window.clearTimeout(timer);
  }, [view, open, query, text, positions]);

  const step = useCallback(
    (delta: number) => {
      const n = matches.current.length;
      if (!view || n === 0) return;
      const next = (((current + delta) % n) + n) % n;
      setCurrent(next);
      act(view, { type: 'current', current: next });
      scrollToPos(view, matches.current[next]!.from);
    },
    [view, current],
  );

  const close = useCallback(() => {
    setOpen(false);
    // The keyboard goes back to where find was opened from the header.
    document.querySelector<HTMLElement>('.reader-nav .find-toggle')?.focus();
  }, []);
  const openBar = useCallback(() => {
    setOpen(true);
    setFocusSeq((n) => n + 1);
  }, []);

  const state: FindState = useMemo(() => ({ open, query, count, current }), [open, query, count, current]);
  return { state, focusSeq, setQuery, next: () => step(1), previous: () => step(-1), close, open: openBar };
}
