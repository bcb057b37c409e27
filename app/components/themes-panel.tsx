'use client';
/**
 * The room's themes: each with its colour and how many notes carry it. Facilitators and owners rename, recolour and
 * delete them here (a theme notes still use cannot be deleted); everyone else sees the vocabulary, and creates a
 * theme by tagging a note. The room enforces the same rule; this panel only offers what it would accept.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Tag } from '../../lib/annotations/schema.ts';
import { annotationLimits } from '../../lib/limits.ts';

export interface ThemesPanelProps {
  tags: ReadonlyMap<string, Tag>;
  /** How many notes carry each theme, by name. */
  usage: ReadonlyMap<string, number>;
  canGovern: boolean;
  onRename(name: string, label: string): void;
  onRecolour(name: string, color: string): void;
  onDelete(name: string): void;
  onClose(): void;
}

export function ThemesPanel({ tags, usage, canGovern, onRename, onRecolour, onDelete, onClose }: ThemesPanelProps) {
  const panel = useRef<HTMLElement | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  // A colour picker reports every shade it passes through: only where it comes to rest is sent to the room.
  const recolourTimer = useRef(0);
  const recolour = (name: string, color: string) => {
    window.clearTimeout(recolourTimer.current);
    recolourTimer.current = window.setTimeout(() => onRecolour(name, color), 400);
  };
  useEffect(() => () => window.clearTimeout(recolourTimer.current), []);
  const sorted = [...tags.entries()].sort(([, a], [, b]) => a.label.localeCompare(b.label));

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, []);

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && editing === null) {
      event.preventDefault();
      onClose();
    }
  };
  const save = (name: string) => {
    const label = draft.trim();
    if (label && label !== tags.get(name)?.label) onRename(name, label);
    setEditing(null);
  };

  return (
    <section ref={panel} className="toc-panel themes-panel" aria-label="Themes" onKeyDown={onKey} data-testid="themes-panel">
      <div className="toc-head">
        <h2>Themes</h2>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="group-hint">
        {canGovern
          ? 'You may rename, recolour and delete themes for everyone (as a facilitator or owner). A theme notes still use cannot be deleted.'
          : 'Tag a note to create a theme. Facilitators rename, recolour and delete them.'}
      </p>
      {sorted.length === 0 ? (
        <p className="empty">No themes yet. Add one when you write a note.</p>
      ) : (
        <ul className="themes-list">
          {sorted.map(([name, tag]) => {
            const used = usage.get(name) ?? 0;
            return (
              <li key={name} className="theme-row">
                <span className="theme-swatch" style={{ background: tag.color }} aria-hidden />
                {editing === name ? (
                  <input
                    aria-label={`New name for ${tag.label}`}
                    value={draft}
                    maxLength={annotationLimits.tagLength}
                    // biome-ignore lint/a11y/noAutofocus: the field the reader just asked for
                    autoFocus
                    onChange={(e) => setDraft(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') save(name);
                      else if (e.key === 'Escape') {
                        e.preventDefault();
                        setEditing(null);
                      }
                    }}
                    onBlur={() => save(name)}
                  />
                ) : (
                  <span className="theme-label">{tag.label}</span>
                )}
                <span className="theme-count">{used === 1 ? '1 note' : `${used} notes`}</span>
                {canGovern && editing !== name && (
                  <span className="theme-actions">
                    <button
                      type="button"
                      className="link small"
                      onClick={() => {
                        setDraft(tag.label);
                        setEditing(name);
                      }}
                    >
                      Rename
                    </button>
                    <input
                      type="color"
                      aria-label={`Colour of ${tag.label}`}
                      defaultValue={tag.color}
                      onChange={(e) => recolour(name, e.target.value)}
                    />
                    <button
                      type="button"
                      className="link small"
                      disabled={used > 0}
                      title={used > 0 ? `Used by ${used} note${used === 1 ? '' : 's'}: remove it from them first` : undefined}
                      onClick={() => onDelete(name)}
                    >
                      Delete
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
