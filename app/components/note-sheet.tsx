'use client';
/**
 * On small screens the margin is a sheet along the bottom of the window (CSS `.note-sheet`, under 720 px): closed
 * until a highlight is tapped (then it shows that note's card and thread), a note is written (the composer) or
 * a new note is made. It is a labelled region that behaves like a non-modal dialog: it takes the focus when it
 * opens and gives it back when it closes, Escape or its Close button closes it, and the page is scrolled so the
 * passage it is about shows between the header and the sheet, never under it.
 */
import type { EditorView } from 'prosemirror-view';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { scrollToShow, type Span } from '../../lib/layout/viewport.ts';

/** Scrolls the page so `passage` (viewport coordinates) shows between the sticky header and the open sheet. */
export function scrollAboveSheet(passage: Span): void {
  const header = document.querySelector('.reader-header')?.getBoundingClientRect().bottom ?? 0;
  const sheet = document.querySelector('.note-sheet:not([hidden])')?.getBoundingClientRect().top ?? window.innerHeight;
  const delta = scrollToShow(passage, { top: Math.max(0, header), bottom: Math.min(sheet, window.innerHeight) });
  if (delta) window.scrollBy({ top: delta, behavior: 'instant' });
}

export interface NoteSheetOptions {
  /** The sheet's element (the margin). */
  ref: RefObject<HTMLElement | null>;
  /** What it shows, or null when closed: a note's id, or 'composer'. A change moves the focus to the new content. */
  content: string | null;
  /** The passage it is about, in viewport coordinates (a layout read), or null. */
  passage(): Span | null;
  onClose(): void;
}

/** Focus, Escape and scrolling for the note sheet; does nothing while `content` is null. */
export function useNoteSheet({ ref, content, passage, onClose }: NoteSheetOptions): void {
  const latest = useRef({ onClose, passage });
  latest.current = { onClose, passage };
  const open = content !== null;

  // The focus goes back where it was when the sheet opened (the text, usually), if it was still in the sheet.
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    const sheet = ref.current;
    return () => {
      const now = document.activeElement;
      if (before?.isConnected && (!now || now === document.body || sheet?.contains(now))) before.focus({ preventScroll: true });
    };
  }, [open, ref]);

  // Escape closes it unless something in the page (the composer, a reply box, the text's selection) used it.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      latest.current.onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  // New content takes the focus (a composer focuses its own text box) and its passage is kept in view, also when
  // the sheet grows or shrinks.
  useLayoutEffect(() => {
    const sheet = ref.current;
    if (content === null || !sheet) return;
    if (!sheet.contains(document.activeElement)) (sheet.querySelector<HTMLElement>('.note-card') ?? sheet).focus({ preventScroll: true });
    const keep = () => {
      const box = latest.current.passage();
      if (box) scrollAboveSheet(box);
    };
    keep();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(keep);
    });
    observer.observe(sheet);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [content, ref]);
}

/** The sheet's top bar: its title (which names the dialog), a handle, and Close. */
export function NoteSheetBar({ titleId, label, onClose }: { titleId: string; label: string; onClose(): void }) {
  return (
    <div className="note-sheet-bar">
      <h2 id={titleId}>{label}</h2>
      <span className="sheet-handle" aria-hidden />
      <button type="button" className="note-sheet-close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

/** The viewport span of the passage from `from` to `to` (a layout read). */
export function passageBox(view: EditorView, from: number, to: number): Span {
  const start = view.coordsAtPos(from, 1);
  const end = view.coordsAtPos(to, -1);
  return { top: Math.min(start.top, end.top), bottom: Math.max(start.bottom, end.bottom) };
}
