'use client';
/** The find bar: a query, "3 of 41", previous/next (Shift+Enter/Enter) and close (Esc). */
import { useEffect, useRef } from 'react';
import { findLimit, type FindState } from './use-find.ts';

export interface FindBarProps {
  state: FindState;
  /** Changes whenever the bar should take the keyboard focus (opened, or Ctrl/Cmd+F again). */
  focusSeq: number;
  onQuery(query: string): void;
  onNext(): void;
  onPrevious(): void;
  onClose(): void;
}

export function FindBar({ state, focusSeq, onQuery, onNext, onPrevious, onClose }: FindBarProps) {
  const input = useRef<HTMLInputElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusSeq is a trigger: each request to open the bar focuses and selects its input again
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusSeq]);
  const { query, count, current } = state;
  const counted = count >= findLimit ? `${findLimit}+` : String(count);
  const status = !query.trim() ? '' : count === 0 ? 'No matches' : `${current + 1} of ${counted}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in the text">
      <input
        ref={input}
        type="search"
        aria-label="Find in the text"
        placeholder="Find in the text"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) onPrevious();
            else onNext();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" role="status" data-testid="find-count">
        {status}
      </span>
      <button type="button" onClick={onPrevious} disabled={count === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" onClick={onNext} disabled={count === 0} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <button type="button" onClick={onClose} aria-label="Close find" title="Close (Esc)">
        ×
      </button>
    </div>
  );
}
