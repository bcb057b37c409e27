'use client';
/**
 * Keeps the editor's highlight plugin in step with the notes: only highlights that changed (range or colour) are
 * pushed, removed notes are taken out, and the focused note, the flashing note and the draft passage are plugin
 * actions too, so a repaint never loses them. A room opening with thousands of notes, or a filter showing or
 * hiding thousands, is painted nearest the window first, the rest in slices of their own tasks.
 */
import type { EditorView } from 'prosemirror-view';
import { decorationTr } from '../../lib/editor/dom-selection.ts';
import { useEffect, useRef } from 'react';
import { tagsOf } from '../../lib/annotations/build-annotation.ts';
import type { Tag } from '../../lib/annotations/schema.ts';
import { highlightKey, type Highlight, type HighlightAction } from '../../lib/editor/highlight-plugin.ts';
import { colorFor, highlightTint, tint, untaggedColor } from '../../lib/tags/palette.ts';
import type { Placed, Placements } from './use-anchoring.ts';

/** The highlight id of the passage a new note is being written on (never a note id: those start with `a-`). */
export const draftId = '(draft)';
const draftColor = tint('#2757c5', 0.22);
const draftDarkColor = tint('#2757c5', 0.3);
/** Highlights painted in one task when many arrive at once. */
const paintSlice = 800;
/**
 * Changes made before the frame when many come at once (the ones nearest the middle of the window): more than a
 * window of the densest text holds, and few enough that a filter over 10,000 notes redraws in well under 100 ms
 * (redrawing every changed passage at once took ~100 ms of ProseMirror's DOM work).
 */
const firstSlice = 200;
/** How long a passage flashes after its card is clicked (the CSS animation runs 1.2 s). */
export const flashMs = 1200;

const act = (view: EditorView, action: HighlightAction) => view.dispatch(decorationTr(view).setMeta(highlightKey, action));

export interface HighlightInputs {
  view: EditorView | null;
  placed: Placements;
  tags: ReadonlyMap<string, Tag>;
  focusedId: string | null;
  /** The note whose passage flashes, with a number that changes on every flash (null: none). */
  flash: { id: string; seq: number } | null;
  /** The passage of the note being written, if any. */
  draft: { from: number; to: number } | null;
}

export function useHighlightSync({ view, placed, tags, focusedId, flash, draft }: HighlightInputs): void {
  // What each note's highlight was painted from: its placement (an object that changes only when the note or its
  // anchor does) and the room's tags, so a remote note costs one comparison per other note, not a recolouring.
  const painted = useRef(new Map<string, { placed: Placed; key: string }>());
  const paintedTags = useRef<ReadonlyMap<string, Tag> | null>(null);
  // The position in the middle of the window, for the order of a large paint: a caret hit test forces a layout
  // of the whole text (~80 ms in a novel just after a filter changed the page), so it is asked again only once
  // the page has scrolled or the window changed size (clearing a filter asked it on every clear). Told by events,
  // not by reading window.scrollY, which forces a layout too.
  const middle = useRef<{ view: EditorView; pos: number } | null>(null);
  useEffect(() => {
    const moved = () => {
      middle.current = null;
    };
    window.addEventListener('scroll', moved, { passive: true });
    window.addEventListener('resize', moved);
    return () => {
      window.removeEventListener('scroll', moved);
      window.removeEventListener('resize', moved);
    };
  }, []);

  useEffect(() => {
    if (!view) return;
    const sameTags = paintedTags.current === tags;
    paintedTags.current = tags;
    const upserts: Array<{ highlight: Highlight; placed: Placed; key: string }> = [];
    let shown = 0;
    for (const [id, p] of placed) {
      if (!p) continue;
      shown++;
      const before = painted.current.get(id);
      if (sameTags && before?.placed === p) continue;
      const first = tagsOf(p.annotation)[0];
      const hex = first ? (tags.get(first)?.color ?? colorFor(first)) : untaggedColor;
      // Tints that keep the text at 4.5:1 in each theme, also where two notes nest (lib/tags/palette.ts).
      const color = highlightTint(hex, 'light');
      const darkColor = highlightTint(hex, 'dark');
      const key = `${p.from}:${p.to}:${color}:${darkColor}`;
      if (before?.key === key) painted.current.set(id, { placed: p, key });
      else upserts.push({ highlight: { id, from: p.from, to: p.to, color, darkColor }, placed: p, key });
    }
    // The changes: the highlights to paint, and the notes painted that are not placed any more (filtered out,
    // deleted, lost their passage). A painted note more than those placed is one that went away (notes still to
    // paint only lower the count).
    const changes: Array<{ at: number; id: string; paint: (typeof upserts)[number] | null }> = upserts.map((u) => ({
      at: u.highlight.from,
      id: u.highlight.id,
      paint: u,
    }));
    if (shown !== painted.current.size)
      for (const [id, was] of painted.current) if (!placed.get(id)) changes.push({ at: was.placed.from, id, paint: null });

    // Many at once (a room opening, a filter set or cleared): the passages nearest the window first, before the
    // frame, the rest in slices of their own tasks, so the highlights in view are right at once and no task grows
    // with the room. A change not yet made when the notes change again is simply found again by the next run
    // (`painted` holds what is drawn).
    if (changes.length > firstSlice) {
      let near = middle.current?.view === view ? middle.current.pos : null;
      if (near === null) {
        near = view.posAtCoords({ left: view.dom.getBoundingClientRect().left + 8, top: window.innerHeight / 2 })?.pos ?? 0;
        middle.current = { view, pos: near };
      }
      changes.sort((a, b) => Math.abs(a.at - near) - Math.abs(b.at - near));
    }
    let timer = 0;
    let fallback = 0;
    let frame = 0;
    const paint = (from: number, size: number) => {
      const slice = changes.slice(from, from + size);
      if (slice.length === 0 || view.isDestroyed) return;
      const highlights: Highlight[] = [];
      const remove: string[] = [];
      for (const c of slice) {
        if (c.paint) {
          painted.current.set(c.id, { placed: c.paint.placed, key: c.paint.key });
          highlights.push(c.paint.highlight);
        } else {
          painted.current.delete(c.id);
          remove.push(c.id);
        }
      }
      act(view, { type: 'upsert', highlights, remove });
      if (from + size >= changes.length) return;
      const rest = () => paint(from + size, paintSlice);
      if (from > 0) timer = window.setTimeout(rest, 0);
      else {
        // The rest waits for the frame that shows the nearest (a timer alone ran slices before it): a task after
        // the next frame, or after 200 ms in a page that draws no frames (hidden).
        const once = () => {
          window.clearTimeout(fallback);
          cancelAnimationFrame(frame);
          if (!timer) timer = window.setTimeout(rest, 0);
        };
        frame = requestAnimationFrame(once);
        fallback = window.setTimeout(once, 200);
      }
    };
    paint(0, firstSlice);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(fallback);
      cancelAnimationFrame(frame);
    };
  }, [placed, tags, view]);

  // A new view starts with no decorations: forget what was painted into the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cleanup must run when the view is replaced, which is what this dependency triggers
  useEffect(
    () => () => {
      painted.current.clear();
      paintedTags.current = null;
    },
    [view],
  );

  useEffect(() => {
    if (view) act(view, { type: 'focus', id: focusedId });
  }, [focusedId, view]);

  useEffect(() => {
    if (!view || !flash) return;
    act(view, { type: 'flash', id: flash.id });
    const timer = window.setTimeout(() => !view.isDestroyed && act(view, { type: 'flash', id: null }), flashMs);
    return () => window.clearTimeout(timer);
  }, [flash, view]);

  // While a new note is being written, its passage stays marked (the browser's selection is gone with the focus).
  const from = draft?.from;
  const to = draft?.to;
  useEffect(() => {
    if (!view || from === undefined || to === undefined) return;
    act(view, { type: 'upsert', highlights: [{ id: draftId, from, to, color: draftColor, darkColor: draftDarkColor }] });
    return () => {
      if (!view.isDestroyed) act(view, { type: 'remove', ids: [draftId] });
    };
  }, [from, to, view]);
}
