'use client';
/**
 * Filters over the room's notes, with counts, and the list of the notes that match in text order: themes, readers,
 * note types, thread state, "has replies" and words. Every change applies at once to the highlights, the margin
 * and this list, and is kept in the page's URL, so the view can be shared as a link.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NoteFilter, ThreadFilter } from '../../lib/annotations/note-filter.ts';
import { noteTypeInfo, noteTypes, type NoteType } from '../../lib/annotations/note-types.ts';
import type { Tag } from '../../lib/annotations/schema.ts';

export interface FilterPanelProps {
  filter: NoteFilter;
  onChange(filter: NoteFilter): void;
  counts: {
    themes: ReadonlyMap<string, number>;
    readers: ReadonlyMap<string, { name: string; count: number }>;
    types: ReadonlyMap<NoteType, number>;
  };
  tags: ReadonlyMap<string, Tag>;
  /** The ids of the notes that match, in text order. */
  matches: readonly string[];
  /** Where a matching note is, and a line of its text (asked only for the notes listed). */
  lineOf(id: string): { locator: string; excerpt: string };
  total: number;
  onOpen(id: string): void;
  onClose(): void;
  /**
   * Where the words are searched in a large room: on the server (`searching…`, or why it failed); absent or `off`
   * when the reader searches the notes it holds.
   */
  search?: { status: 'off' | 'searching' | 'done' } | { status: 'error'; error: string };
}

/**
 * Matching notes listed at first, and added per "Show more": a room of 10,000 notes made 10,000 list items, and
 * every filter change built and laid them out again (most of the time a filter took).
 */
export const listStep = 200;

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export const FilterPanel = memo(function FilterPanel({
  filter,
  onChange,
  counts,
  tags,
  matches,
  lineOf,
  total,
  onOpen,
  onClose,
  search,
}: FilterPanelProps) {
  const panel = useRef<HTMLElement | null>(null);
  const [listed, setListed] = useState(listStep);
  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  const set = (patch: Partial<NoteFilter>) => onChange({ ...filter, ...patch });

  return (
    <section ref={panel} className="toc-panel filter-panel" aria-label="Filter notes" onKeyDown={onKey} data-testid="filter-panel">
      <div className="toc-head">
        <h2>Filter notes</h2>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="filter-search">
        Words in notes, replies or passages
        <input
          type="search"
          value={filter.q}
          onChange={(e) => set({ q: e.target.value })}
          aria-busy={search?.status === 'searching'}
          aria-describedby="filter-search-status"
        />
      </label>
      <p id="filter-search-status" className="filter-search-status" role="status" data-testid="filter-search-status">
        {search?.status === 'searching'
          ? 'Searching…'
          : search?.status === 'error'
            ? `The words could not be searched: ${search.error} Notes are not narrowed by words.`
            : ''}
      </p>
      {counts.themes.size > 0 && (
        <fieldset>
          <legend>Themes</legend>
          {[...counts.themes.entries()].map(([name, n]) => (
            <label key={name} className="filter-choice">
              <input
                type="checkbox"
                checked={filter.themes.includes(name)}
                onChange={() => set({ themes: toggled(filter.themes, name) })}
              />
              <span className="theme-swatch" style={{ background: tags.get(name)?.color }} aria-hidden /> {tags.get(name)?.label ?? name}{' '}
              <span className="theme-count">{n}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Readers</legend>
        {[...counts.readers.entries()].map(([id, r]) => (
          <label key={id} className="filter-choice">
            <input type="checkbox" checked={filter.readers.includes(id)} onChange={() => set({ readers: toggled(filter.readers, id) })} />{' '}
            {r.name} <span className="theme-count">{r.count}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Types</legend>
        {noteTypes.map((t) => (
          <label key={t} className="filter-choice">
            <input type="checkbox" checked={filter.types.includes(t)} onChange={() => set({ types: toggled(filter.types, t) })} />{' '}
            {noteTypeInfo[t].label} <span className="theme-count">{counts.types.get(t) ?? 0}</span>
          </label>
        ))}
      </fieldset>
      <div className="filter-row">
        <label>
          Threads{' '}
          <select value={filter.thread} onChange={(e) => set({ thread: e.target.value as ThreadFilter })}>
            <option value="any">all</option>
            <option value="open">open</option>
            <option value="resolved">resolved or answered</option>
          </select>
        </label>
        <label className="filter-choice">
          <input type="checkbox" checked={filter.hasReplies} onChange={(e) => set({ hasReplies: e.target.checked })} /> with replies
        </label>
      </div>
      <h3 className="filter-count" aria-live="polite">
        {matches.length === total ? `All ${total} notes` : `${matches.length} of ${total} notes`}
      </h3>
      {matches.length === 0 ? (
        <p className="empty">No note matches. Clear a filter to see more.</p>
      ) : (
        <ol className="filter-list" aria-label="Matching notes, in text order">
          {matches.slice(0, listed).map((id) => {
            const { locator, excerpt } = lineOf(id);
            return (
              <li key={id}>
                <button type="button" className="toc-item" onClick={() => onOpen(id)}>
                  <span className="para-ref">{locator}</span> {excerpt}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {matches.length > listed && (
        <button type="button" className="link small" onClick={() => setListed((n) => n + listStep)}>
          Show {Math.min(listStep, matches.length - listed)} more ({matches.length - listed} not listed)
        </button>
      )}
    </section>
  );
});
