'use client';
/**
 * A reading path through one theme: its passages in text order, stepped through with Next and Previous (or `]` and
 * `[` anywhere but a field being typed in), each step scrolling the text to the passage and focusing its note. The
 * bar under the header says where the reader is ("guilt · 3 of 14 · ch. 2, ¶ 7") and shows the passage, and says it
 * again to a screen reader at each step. The order and the steps are lib/tags/reading-path.ts; this module keeps the
 * reader's place and draws the bar.
 *
 * A path walks the notes the reader is shown (the filter's, if one is set): a step must land on a drawn highlight.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { tagsOf } from '../../lib/annotations/build-annotation.ts';
import type { Tag } from '../../lib/annotations/schema.ts';
import { type PathNote, type PathPlace, positionOn, readingPath, stepOn } from '../../lib/tags/reading-path.ts';
import type { Placed, Placements } from './use-anchoring.ts';

/** A note on a path, with where it is drawn. */
export interface PathStep extends PathNote {
  placed: Placed;
}

/** The reader's reading path: the theme followed, its notes, where the reader is, and how to move. */
export interface ReadingPath {
  /** The theme followed, or null when no path is being read. */
  theme: string | null;
  /** Its notes in text order (those the reader is shown). */
  steps: readonly PathStep[];
  /** The index of the note shown in `steps`, or null before the first step or once that note left the path. */
  index: number | null;
  /** Whether a step that way leads anywhere (a path stops at its ends). */
  canStep(direction: 1 | -1): boolean;
  /** Follows `theme` from note `id` (from its first note when none is given). */
  start(theme: string, id?: string): void;
  /** Goes to the next (1) or previous (-1) note; `focusCard` moves the keyboard focus to its card. */
  step(direction: 1 | -1, focusCard: boolean): void;
  stop(): void;
}

/** The notes the reader is shown, each with its themes and where it is drawn (in editor positions: text order). */
export function pathNotes(placed: Placements): PathStep[] {
  const out: PathStep[] = [];
  for (const [id, p] of placed) if (p) out.push({ id, start: p.from, end: p.to, themes: tagsOf(p.annotation), placed: p });
  return out;
}

/** Whether a key typed at `target` is the reader's to take: not in a field (the read-only text is no field). */
function outsideFields(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null;
  const field = el?.closest('input, textarea, select, [contenteditable="true"]');
  return !field || field.classList.contains('reader-text');
}

/**
 * Keeps the reader's place on a theme's path through the notes `placed` holds. `go(id, focusCard)` shows a note: it
 * scrolls the text to the passage and focuses the note's card (the keyboard focus too when `focusCard`).
 */
export function useReadingPath(placed: Placements, go: (id: string, focusCard: boolean) => void): ReadingPath {
  const [at, setAt] = useState<{ theme: string; place: PathPlace | null } | null>(null);
  const goRef = useRef(go);
  goRef.current = go;
  const notes = useMemo(() => pathNotes(placed), [placed]);
  const theme = at?.theme ?? null;
  const steps = useMemo(() => (theme === null ? [] : readingPath(notes, theme)), [notes, theme]);
  const place = at?.place ?? null;
  const position = positionOn(steps, place);
  const index = place && position.exact ? position.index : null;

  const start = useCallback(
    (theme: string, id?: string) => {
      const path = readingPath(notes, theme);
      const first = (id ? path.find((n) => n.id === id) : undefined) ?? path[0];
      setAt({ theme, place: first ? { id: first.id, start: first.start, end: first.end } : null });
      if (first) goRef.current(first.id, true);
    },
    [notes],
  );
  const step = useCallback(
    (direction: 1 | -1, focusCard: boolean) => {
      const to = stepOn(steps, place, direction, 'stop');
      const note = to === null ? undefined : steps[to];
      if (!note || theme === null) return;
      setAt({ theme, place: { id: note.id, start: note.start, end: note.end } });
      goRef.current(note.id, focusCard);
    },
    [steps, place, theme],
  );
  const stop = useCallback(() => setAt(null), []);

  // `]` and `[` step while a path is being read (from the text, a card or the page; never from a field).
  useEffect(() => {
    if (theme === null) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== ']' && e.key !== '[') || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (!outsideFields(e.target)) return;
      e.preventDefault();
      step(e.key === ']' ? 1 : -1, true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [theme, step]);

  return {
    theme,
    steps,
    index,
    canStep: (direction) => stepOn(steps, place, direction, 'stop') !== null,
    start,
    step,
    stop,
  };
}

/** `text` on one line, cut to about `length` characters with an ellipsis. */
export function clipExcerpt(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1).trimEnd()}…` : line;
}

export interface ReadingPathBarProps {
  path: ReadingPath;
  tags: ReadonlyMap<string, Tag>;
  /** How a passage is cited ("ch. 3, ¶ 12"). */
  locatorOf(p: Placed): string;
  /** A theme the filter shows alone: the bar offers to read its passages in order. */
  offer: string | null;
}

/** The bar under the header while a path is read (or offering one for a theme filtered alone). */
export function ReadingPathBar({ path, tags, locatorOf, offer }: ReadingPathBarProps) {
  if (path.theme === null) {
    if (offer === null) return null;
    const label = tags.get(offer)?.label ?? offer;
    return (
      <p className="reading-path reading-path-offer" data-testid="reading-path-offer">
        <span className="theme-swatch" style={{ background: tags.get(offer)?.color }} aria-hidden />
        Read the <strong>{label}</strong> passages in order{' '}
        <button type="button" className="link small" onClick={() => path.start(offer)}>
          Start the reading path
        </button>
      </p>
    );
  }
  const tag = tags.get(path.theme);
  const label = tag?.label ?? path.theme;
  const current = path.index === null ? null : path.steps[path.index];
  const total = path.steps.length;
  const where =
    total === 0
      ? 'no passages shown'
      : current
        ? [`${(path.index ?? 0) + 1} of ${total}`, locatorOf(current.placed)].filter(Boolean).join(' · ')
        : `${total} passage${total === 1 ? '' : 's'}`;
  const move = (direction: 1 | -1) => () => {
    if (path.canStep(direction)) path.step(direction, false);
  };
  return (
    <section className="reading-path" aria-label={`Reading path: ${label}`} data-testid="reading-path">
      <div className="reading-path-text" role="status" data-testid="reading-path-status">
        <span className="reading-path-where">
          <span className="theme-swatch" style={{ background: tag?.color }} aria-hidden /> <strong>{label}</strong> · {where}
        </span>
        {current && <q className="reading-path-excerpt">{clipExcerpt(current.placed.annotation.target.selector[0].exact, 160)}</q>}
      </div>
      <span className="reading-path-buttons">
        {/* aria-disabled, not disabled: a button that stays focusable keeps the keyboard where it was at an end. */}
        <button type="button" aria-label="Previous passage" aria-keyshortcuts="[" aria-disabled={!path.canStep(-1)} onClick={move(-1)}>
          ‹ Previous <kbd aria-hidden>[</kbd>
        </button>
        <button type="button" aria-label="Next passage" aria-keyshortcuts="]" aria-disabled={!path.canStep(1)} onClick={move(1)}>
          Next › <kbd aria-hidden>]</kbd>
        </button>
        <button type="button" className="link small" onClick={path.stop}>
          Stop
        </button>
      </span>
    </section>
  );
}
