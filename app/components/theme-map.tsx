'use client';
/**
 * The theme map: a slim strip beside the text with a column per theme (the most used first), marking where its
 * notes fall along the whole text — darker where more of them gather. Hovering a mark names the theme and how many
 * notes are there; clicking (or Enter) jumps to the first of them. Arrow keys move along a column.
 */
import { memo, type KeyboardEvent } from 'react';
import type { Tag } from '../../lib/annotations/schema.ts';
import type { ThemeBin } from '../../lib/tags/theme-map.ts';

export interface ThemeMapProps {
  density: ReadonlyMap<string, ThemeBin[]>;
  bins: number;
  tags: ReadonlyMap<string, Tag>;
  /** Columns shown at most (the themes with the most notes). */
  maxThemes?: number;
  onJump(noteId: string): void;
}

/** Memoised: its hundreds of marks are drawn again only when the notes shown or the themes change. */
export const ThemeMap = memo(function ThemeMap({ density, bins, tags, maxThemes = 6, onJump }: ThemeMapProps) {
  const columns = [...density.entries()]
    .map(([name, strip]) => ({ name, strip, total: strip.reduce((n, b) => n + b.count, 0) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .slice(0, maxThemes);
  if (columns.length === 0) return null;
  const onKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const column = event.currentTarget.parentElement;
    const marks = [...(column?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = marks.indexOf(event.currentTarget);
    marks[Math.min(marks.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <nav className="theme-map" aria-label="Theme map: where each theme falls in the text" data-testid="theme-map">
      {columns.map(({ name, strip, total }) => {
        const tag = tags.get(name);
        const label = tag?.label ?? name;
        const most = Math.max(...strip.map((b) => b.count));
        return (
          <div key={name} className="theme-map-column" role="group" aria-label={`${label}: ${total} notes`}>
            {strip.map((b, i) => (
              <button
                key={b.bin}
                type="button"
                className="theme-map-mark"
                tabIndex={i === 0 ? 0 : -1}
                style={{
                  top: `${(b.bin / bins) * 100}%`,
                  height: `${Math.max(100 / bins, 0.6)}%`,
                  background: tag?.color,
                  opacity: 0.35 + 0.65 * (b.count / most),
                }}
                title={`${label}: ${b.count} note${b.count === 1 ? '' : 's'} here`}
                aria-label={`${label}, ${b.count} note${b.count === 1 ? '' : 's'} at ${Math.round((b.bin / bins) * 100)}% of the text`}
                onClick={() => onJump(b.firstId)}
                onKeyDown={onKey}
              />
            ))}
          </div>
        );
      })}
    </nav>
  );
});
