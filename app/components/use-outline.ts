'use client';
/**
 * The outline in the page: which chapter is being read (an IntersectionObserver on the chapters' headings, so
 * scrolling costs nothing until a heading crosses the reading line) and a jump to any chapter.
 */
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import type { Chapter } from '../../lib/text/document-model.ts';

/** The element of a block at text offset `offset` (its heading or paragraph). */
export function blockElementAt(view: EditorView, positions: PositionMap, offset: number): HTMLElement | null {
  const pos = positions.toPmPos(Math.min(offset, positions.textLength), 'start');
  const $pos = view.state.doc.resolve(pos);
  // The textblock at that position, at depth 1 in a flat text and 2 in one drawn in sections.
  const dom = $pos.depth >= 1 ? view.nodeDOM($pos.before($pos.depth)) : null;
  return dom instanceof HTMLElement ? dom : null;
}

/** A heading passes the reading line when its top goes above this share of the window's height. */
const readingLine = 0.3;
/** How far above the window the observed box reaches: more than any book is tall. */
const farAbove = 10_000_000;

export function useOutline(view: EditorView | null, positions: PositionMap, chapters: readonly Chapter[]) {
  const [current, setCurrent] = useState(-1);
  useEffect(() => {
    if (!view || chapters.length === 0) return;
    const passed = new Array<boolean>(chapters.length).fill(false);
    const index = new Map<Element, number>();
    chapters.forEach((c, i) => {
      const el = blockElementAt(view, positions, c.start);
      if (el) index.set(el, i);
    });
    // The root box reaches from far above the page down to the reading line: a heading inside it has been passed.
    // A jump that carries a heading from below the line to above the window still crosses the box's bottom edge,
    // so it is reported (a box of the window only would miss it).
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const i = index.get(entry.target);
          if (i !== undefined) passed[i] = entry.isIntersecting;
        }
        setCurrent(passed.lastIndexOf(true));
      },
      { rootMargin: `${farAbove}px 0px -${100 - readingLine * 100}% 0px` },
    );
    for (const el of index.keys()) observer.observe(el);
    return () => observer.disconnect();
  }, [view, positions, chapters]);

  const jumpTo = useCallback(
    (i: number) => {
      const c = chapters[i];
      if (!view || !c) return;
      const el = blockElementAt(view, positions, c.start);
      el?.scrollIntoView({ block: 'start', behavior: 'instant' });
    },
    [view, positions, chapters],
  );

  return { current, jumpTo };
}
