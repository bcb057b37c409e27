'use client';
/**
 * Keeps the editor's highlight plugin in step with the notes: only highlights that changed (range or colour) are
 * pushed, removed notes are taken out, and the focused note, the flashing note and the draft passage are plugin
 * actions too, so a repaint never loses them. A room opening with thousands of notes is painted nearest the
 * window first, in slices of their own tasks.
 */
import type { EditorView } from 'prosemirror-view';
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
/** How long a passage flashes after its card is clicked (the CSS animation runs 1.2 s). */
export const flashMs = 1200;

const act = (view: EditorView, action: HighlightAction) => view.dispatch(view.state.tr.setMeta(highlightKey, action));

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
    const removed: string[] = [];
    // A painted note more than those placed is one that went away (notes still to paint only lower the count).
    if (shown !== painted.current.size) for (const id of painted.current.keys()) if (!placed.get(id)) removed.push(id);
    for (const id of removed) painted.current.delete(id);
    if (removed.length) act(view, { type: 'remove', ids: removed });

    // Many at once (a room opening): the passages nearest the window first, the rest in slices of their own
    // tasks, so the highlights in view show at once and no task grows with the room. A slice not yet painted when
    // the notes change again is simply found again by the next run (it is not marked painted).
    if (upserts.length > paintSlice) {
      const near = view.posAtCoords({ left: view.dom.getBoundingClientRect().left + 8, top: window.innerHeight / 2 })?.pos ?? 0;
      upserts.sort((a, b) => Math.abs(a.highlight.from - near) - Math.abs(b.highlight.from - near));
    }
    let timer = 0;
    const paint = (from: number) => {
      const slice = upserts.slice(from, from + paintSlice);
      if (slice.length === 0 || view.isDestroyed) return;
      for (const u of slice) painted.current.set(u.highlight.id, { placed: u.placed, key: u.key });
      act(view, { type: 'upsert', highlights: slice.map((u) => u.highlight) });
      if (from + paintSlice < upserts.length) timer = window.setTimeout(() => paint(from + paintSlice), 0);
    };
    paint(0);
    return () => window.clearTimeout(timer);
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
