'use client';
/**
 * The reader's navigation row: the table of contents (a panel listing the chapters), previous/next chapter, the
 * chapter being read, find in the text, and the offer to continue where the reader left off.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { Chapter } from '../../lib/text/document-model.ts';

export interface ReaderNavProps {
  chapters: readonly Chapter[];
  /** The chapter being read (-1: before the first). */
  current: number;
  previous: number | null;
  next: number | null;
  onJump(index: number): void;
  onFind(): void;
  /** Opens the room's themes. */
  onThemes?(): void;
  /** Opens the filters (and the list of matching notes); `filtering` marks the button while a filter is on. */
  onFilter?(): void;
  filtering?: boolean;
  /** "ch. 3, ¶ 12" when the reader was here before and may continue there. */
  continueAt: string | null;
  onContinue(): void;
  onDismissContinue(): void;
  /** More of the reader's tools (export, print, import), in the same row: on a phone the header stays short. */
  tools?: ReactNode;
  /** The reader's inbox (mentions, replies to their notes), first in the row. */
  inbox?: ReactNode;
}

/** A chapter's title as the header shows it: with its book's for a chapter inside one. */
function fullTitle(chapters: readonly Chapter[], i: number): string {
  const c = chapters[i];
  if (!c) return '';
  if (c.level > 1) {
    for (let j = i - 1; j >= 0; j--) {
      const parent = chapters[j]!;
      if (parent.level < c.level && parent.end >= c.start) return `${parent.title} · ${c.title}`;
    }
  }
  return c.title;
}

export function ReaderNav(props: ReaderNavProps) {
  const { chapters, current, previous, next, onJump, onFind, continueAt } = props;
  const [tocOpen, setTocOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement | null>(null);
  const panel = useRef<HTMLElement | null>(null);

  // Opening the contents puts the keyboard on the chapter being read.
  useEffect(() => {
    if (!tocOpen) return;
    const items = panel.current?.querySelectorAll<HTMLButtonElement>('button.toc-item');
    (items?.[Math.max(current, 0)] ?? items?.[0])?.focus();
  }, [tocOpen, current]);

  const closeToc = () => {
    setTocOpen(false);
    toggle.current?.focus();
  };

  return (
    <div className="reader-nav">
      {props.inbox}
      {chapters.length > 0 && (
        <>
          <button
            ref={toggle}
            type="button"
            className="toc-toggle"
            aria-expanded={tocOpen}
            aria-controls={panelId}
            onClick={() => (tocOpen ? closeToc() : setTocOpen(true))}
          >
            Contents
          </button>
          <button
            type="button"
            disabled={previous === null}
            onClick={() => previous !== null && onJump(previous)}
            aria-label="Previous chapter"
            title="Previous chapter"
          >
            ‹
          </button>
          <span className="current-chapter" data-testid="current-chapter">
            {current >= 0 ? fullTitle(chapters, current) : 'Beginning'}
          </span>
          <button
            type="button"
            disabled={next === null}
            onClick={() => next !== null && onJump(next)}
            aria-label="Next chapter"
            title="Next chapter"
          >
            ›
          </button>
        </>
      )}
      <button type="button" className="find-toggle" onClick={onFind} title="Find in the text (Ctrl+F)">
        Find
      </button>
      {props.onFilter && (
        <button type="button" className="filter-toggle" aria-pressed={props.filtering ?? false} onClick={props.onFilter}>
          Filter
        </button>
      )}
      {props.onThemes && (
        <button type="button" className="themes-toggle" onClick={props.onThemes}>
          Themes
        </button>
      )}
      {props.tools}
      {continueAt && (
        <span className="continue-offer">
          <button type="button" className="primary" onClick={props.onContinue}>
            Continue at {continueAt}
          </button>
          <button type="button" className="link small" onClick={props.onDismissContinue} aria-label="Dismiss: stay here">
            ×
          </button>
        </span>
      )}
      {tocOpen && (
        <nav
          id={panelId}
          ref={panel}
          className="toc-panel"
          aria-label="Table of contents"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closeToc();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              // Arrows move between chapters, as in a menu; Tab works as well.
              e.preventDefault();
              const items = [...(panel.current?.querySelectorAll<HTMLButtonElement>('button.toc-item') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLButtonElement);
              items[Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
            }
          }}
        >
          <div className="toc-head">
            <h2>Contents</h2>
            <button type="button" className="link small" onClick={closeToc}>
              Close
            </button>
          </div>
          <ol className="toc-list">
            {chapters.map((c, i) => (
              <li key={`${c.start}`} className={`toc-level-${c.level}`}>
                <button
                  type="button"
                  className="toc-item"
                  aria-current={i === current ? 'location' : undefined}
                  onClick={() => {
                    onJump(i);
                    closeToc();
                  }}
                >
                  {c.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </div>
  );
}
