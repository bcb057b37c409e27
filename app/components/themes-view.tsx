'use client';
/**
 * The Themes view (two tabs of the Themes panel): each theme's passages in text order, any of which starts the
 * theme's reading path there; and the co-occurrence matrix, theme × theme, each cell the notes tagged with both
 * themes (lib/tags/theme-matrix.ts), a button that shows just those notes (the `?with=a&with=b` filter). Both count
 * the notes the reader is shown, as the theme map does: under a filter, what is counted is what is drawn.
 */
import { type CSSProperties, type KeyboardEvent, useMemo, useState } from 'react';
import type { Tag } from '../../lib/annotations/schema.ts';
import { readingPaths } from '../../lib/tags/reading-path.ts';
import { cellCount, themeMatrix } from '../../lib/tags/theme-matrix.ts';
import { clipExcerpt, pathNotes } from './reading-path.tsx';
import type { Placed, Placements } from './use-anchoring.ts';

/** Themes the matrix shows until "Show all" is pressed (the most used). */
export const matrixThemes = 8;

const passages = (n: number) => (n === 1 ? '1 passage' : `${n} passages`);
const notesN = (n: number) => (n === 1 ? '1 note' : `${n} notes`);

/** Said when no shown note carries a theme. */
function NoThemes({ filtering }: { filtering: boolean }) {
  return <p className="empty">{filtering ? 'No note the filter shows has a theme.' : 'No themes yet — tag a passage to start.'}</p>;
}

/** Said under a filter: the counts are of the notes it shows. */
function FilterHint({ filtering }: { filtering: boolean }) {
  return filtering ? <p className="group-hint">Counting the notes the filter shows.</p> : null;
}

/** Up and Down move between the buttons of one list (Tab still walks them all). */
function onListKey(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

export interface ThemePassagesProps {
  placed: Placements;
  tags: ReadonlyMap<string, Tag>;
  locatorOf(p: Placed): string;
  /** Whether a filter narrows the notes shown. */
  filtering: boolean;
  /** The path being read and the note shown on it, to mark them. */
  active: { theme: string | null; id: string | null };
  /** Starts `theme`'s reading path at note `id` (at its first note when none is given). */
  onStart(theme: string, id?: string): void;
}

/** Each theme with its count; opened, its passages in text order (locator and excerpt), each starting the path. */
export function ThemePassages({ placed, tags, locatorOf, filtering, active, onStart }: ThemePassagesProps) {
  const paths = useMemo(() => readingPaths(pathNotes(placed)), [placed]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(active.theme ? [active.theme] : []));
  const themes = [...paths.keys()].sort((a, b) => (tags.get(a)?.label ?? a).localeCompare(tags.get(b)?.label ?? b));
  if (themes.length === 0) return <NoThemes filtering={filtering} />;
  return (
    <>
      <FilterHint filtering={filtering} />
      <ul className="themes-list theme-paths" aria-label="Each theme's passages, in text order">
        {themes.map((theme) => {
          const tag = tags.get(theme);
          const label = tag?.label ?? theme;
          const path = paths.get(theme) ?? [];
          const expanded = open.has(theme);
          const listId = `theme-path-${encodeURIComponent(theme)}`;
          return (
            <li key={theme} className="theme-row">
              <div className="theme-line">
                <button
                  type="button"
                  className="theme-path-toggle"
                  aria-expanded={expanded}
                  aria-controls={listId}
                  onClick={() => {
                    const next = new Set(open);
                    if (expanded) next.delete(theme);
                    else next.add(theme);
                    setOpen(next);
                  }}
                >
                  <span className="theme-path-caret" aria-hidden>
                    {expanded ? '▾' : '▸'}
                  </span>
                  <span className="theme-swatch" style={{ background: tag?.color }} aria-hidden />
                  <span className="theme-label">{label}</span> <span className="theme-count">{passages(path.length)}</span>
                </button>
                <span className="theme-actions">
                  <button type="button" className="link small" aria-label={`Read in order: ${label}`} onClick={() => onStart(theme)}>
                    Read in order
                  </button>
                </span>
              </div>
              {expanded && (
                <ol
                  id={listId}
                  className="filter-list theme-path-list"
                  aria-label={`${label}: passages in text order`}
                  onKeyDown={onListKey}
                >
                  {path.map((n) => (
                    <li key={n.id}>
                      <button
                        type="button"
                        className="toc-item"
                        aria-current={active.theme === theme && active.id === n.id ? 'step' : undefined}
                        onClick={() => onStart(theme, n.id)}
                      >
                        <span className="para-ref">{locatorOf(n.placed)}</span>{' '}
                        {clipExcerpt(n.placed.annotation.target.selector[0].exact, 90)}
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export interface CoOccurrenceMatrixProps {
  placed: Placements;
  tags: ReadonlyMap<string, Tag>;
  filtering: boolean;
  /** Shows the notes tagged with both `a` and `b`. */
  onOpen(a: string, b: string): void;
}

/** The theme × theme table: the most used themes (all of them on request), counts of notes tagged with both. */
export function CoOccurrenceMatrix({ placed, tags, filtering, onOpen }: CoOccurrenceMatrixProps) {
  const [all, setAll] = useState(false);
  const matrix = useMemo(() => {
    const notes = [];
    for (const p of placed.values()) if (p) notes.push(p.annotation);
    return themeMatrix(notes, all ? Number.POSITIVE_INFINITY : matrixThemes);
  }, [placed, all]);
  if (matrix.themeCount === 0) return <NoThemes filtering={filtering} />;
  const label = (theme: string) => tags.get(theme)?.label ?? theme;
  return (
    <>
      <FilterHint filtering={filtering} />
      <p className="group-hint">
        Two themes share a passage when one note carries both. A number opens those notes; the diagonal is each theme's own count.
      </p>
      {matrix.most === 0 && <p className="empty">No two themes share a note yet: tag a passage with two themes.</p>}
      <div className="theme-matrix-scroll" role="region" aria-label="Co-occurrence of themes (scrolls)" tabIndex={0}>
        <table className="theme-matrix" data-testid="theme-matrix">
          <caption className="sr-only">Notes tagged with both themes; on the diagonal, the notes of each theme</caption>
          <thead>
            <tr>
              <td className="theme-matrix-corner" />
              {matrix.themes.map((theme) => (
                <th key={theme} scope="col" title={label(theme)}>
                  <span className="theme-matrix-column">
                    <span className="theme-swatch" style={{ background: tags.get(theme)?.color }} aria-hidden />
                    {label(theme)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.themes.map((row) => (
              <tr key={row}>
                <th scope="row" title={label(row)}>
                  <span className="theme-matrix-row">
                    <span className="theme-swatch" style={{ background: tags.get(row)?.color }} aria-hidden />
                    {label(row)}
                  </span>
                </th>
                {matrix.themes.map((column) => {
                  const n = cellCount(matrix, row, column);
                  if (row === column)
                    return (
                      <td key={column} className="theme-matrix-self" title={`${label(row)}: ${notesN(n)}`}>
                        {n}
                      </td>
                    );
                  if (n === 0)
                    return (
                      <td key={column} className="theme-matrix-none">
                        <span aria-hidden>·</span>
                        <span className="sr-only">none</span>
                      </td>
                    );
                  return (
                    <td key={column} style={{ '--share': n / matrix.most } as CSSProperties}>
                      <button
                        type="button"
                        className="theme-matrix-cell"
                        title={`${label(row)} × ${label(column)}: ${notesN(n)}`}
                        aria-label={`${label(row)} × ${label(column)}: ${notesN(n)}, show them`}
                        onClick={() => onOpen(row, column)}
                      >
                        {n}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.themeCount > matrixThemes && (
        <button type="button" className="link small theme-matrix-all" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show the ${matrixThemes} most used` : `Show all ${matrix.themeCount} themes`}
        </button>
      )}
    </>
  );
}
