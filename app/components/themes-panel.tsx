'use client';
/**
 * The room's theme vocabulary: each theme with its colour, description and how many notes carry it, nested one
 * level (*guilt / survivor's guilt*). Any reader may pick a theme to mark passages with until they stop (a sticky
 * theme). Facilitators and owners open a theme to rename, recolour, describe or nest it, merge it into another, or
 * delete it (after a confirmation that says how many notes it touches; the reader offers Undo). The room enforces
 * the same rule; this panel only offers what it would accept. Beside the vocabulary, the Themes view's tabs: each
 * theme's passages in text order, and which themes share passages (themes-view.tsx).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Tag } from '../../lib/annotations/schema.ts';
import { annotationLimits } from '../../lib/limits.ts';

export interface ThemesPanelProps {
  tags: ReadonlyMap<string, Tag>;
  /** How many notes carry each theme, by name. */
  usage: ReadonlyMap<string, number>;
  canGovern: boolean;
  /** Whether this reader may mark passages (and so use a sticky theme). */
  canWrite: boolean;
  /** The theme every passage this reader marks gets, if one is picked. */
  sticky: string | null;
  onSticky(name: string | null): void;
  onChange(name: string, patch: Partial<Tag>): void;
  onMerge(name: string, into: string): void;
  onDelete(name: string): void;
  /** The Themes view's tab of each theme's passages in text order (the reading paths). */
  passages?: ReactNode;
  /** The Themes view's tab of the co-occurrence matrix. */
  matrix?: ReactNode;
  onClose(): void;
}

const plural = (n: number) => (n === 1 ? '1 note' : `${n} notes`);

/** The panel's tabs: the vocabulary, and the Themes view's two (shown when given). */
const tabs = [
  ['vocabulary', 'Vocabulary'],
  ['passages', 'Passages'],
  ['matrix', 'Co-occurrence'],
] as const;
type TabName = (typeof tabs)[number][0];

/** Themes in reading order: top-level ones by label, each followed by those nested under it. */
function ordered(tags: ReadonlyMap<string, Tag>): Array<[string, Tag, boolean]> {
  const byLabel = ([, a]: [string, Tag], [, b]: [string, Tag]) => a.label.localeCompare(b.label);
  const all = [...tags.entries()];
  const top = all.filter(([, t]) => !t.parent || !tags.has(t.parent)).sort(byLabel);
  const rows: Array<[string, Tag, boolean]> = [];
  for (const [name, tag] of top) {
    rows.push([name, tag, false]);
    for (const [child, ct] of all.filter(([, t]) => t.parent === name).sort(byLabel)) rows.push([child, ct, true]);
  }
  return rows;
}

export function ThemesPanel(props: ThemesPanelProps) {
  const { tags, usage, canGovern, canWrite, sticky, onSticky, onClose } = props;
  const panel = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [tab, setTab] = useState<TabName>('vocabulary');
  const tabIds = useId();
  const shownTabs = tabs.filter(([name]) => name === 'vocabulary' || props[name] !== undefined);
  // Arrows move between the tabs (the WAI-ARIA tabs pattern: one tab stop, the chosen tab).
  const onTabKey = (event: KeyboardEvent<HTMLElement>) => {
    const at = shownTabs.findIndex(([name]) => name === tab);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: shownTabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const [name] = shownTabs[(to + shownTabs.length) % shownTabs.length]!;
    setTab(name);
    document.getElementById(`${tabIds}-${name}`)?.focus();
  };

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (open) setOpen(null);
    else onClose();
  };

  const rows = ordered(tags);
  return (
    <section
      ref={panel}
      className={`toc-panel themes-panel${tab === 'matrix' ? ' wide' : ''}`}
      aria-label="Themes"
      onKeyDown={onKey}
      data-testid="themes-panel"
    >
      <div className="toc-head">
        <h2>Themes</h2>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      {shownTabs.length > 1 && (
        <div className="themes-tabs" role="tablist" aria-label="Themes views" onKeyDown={onTabKey}>
          {shownTabs.map(([name, label]) => (
            <button
              key={name}
              id={`${tabIds}-${name}`}
              type="button"
              role="tab"
              aria-selected={tab === name}
              aria-controls={tab === name ? `${tabIds}-${name}-panel` : undefined}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => setTab(name)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {tab !== 'vocabulary' && (
        <div id={`${tabIds}-${tab}-panel`} role="tabpanel" aria-labelledby={`${tabIds}-${tab}`} className="themes-tabpanel">
          {props[tab]}
        </div>
      )}
      <div
        hidden={tab !== 'vocabulary'}
        {...(shownTabs.length > 1 ? { id: `${tabIds}-vocabulary-panel`, role: 'tabpanel', 'aria-labelledby': `${tabIds}-vocabulary` } : {})}
      >
        <p className="group-hint">
          {canGovern
            ? 'You may rename, recolour, describe, nest, merge and delete themes for everyone (as a facilitator or owner).'
            : 'Tag a note to create a theme. Facilitators rename, merge and delete them.'}
        </p>
        {rows.length === 0 ? (
          <p className="empty">No themes yet. Add one when you write a note.</p>
        ) : (
          <ul className="themes-list">
            {rows.map(([name, tag, nested]) => (
              <li key={name} className={`theme-row${nested ? ' nested' : ''}`}>
                <div className="theme-line">
                  <span className="theme-swatch" style={{ background: tag.color }} aria-hidden />
                  <span className="theme-label">{tag.label}</span>
                  <span className="theme-count">{plural(usage.get(name) ?? 0)}</span>
                  <span className="theme-actions">
                    {canWrite && (
                      <button
                        type="button"
                        className="link small"
                        aria-pressed={sticky === name}
                        title="Every passage you mark gets this theme, until you stop"
                        onClick={() => onSticky(sticky === name ? null : name)}
                      >
                        {sticky === name ? 'Stop marking' : 'Mark with it'}
                      </button>
                    )}
                    {canGovern && (
                      <button
                        type="button"
                        className="link small"
                        aria-expanded={open === name}
                        aria-label={`Edit the theme ${tag.label}`}
                        onClick={() => setOpen(open === name ? null : name)}
                      >
                        Edit
                      </button>
                    )}
                  </span>
                </div>
                {tag.description && open !== name && <p className="theme-description">{tag.description}</p>}
                {open === name && <ThemeEditor {...props} name={name} tag={tag} onDone={() => setOpen(null)} />}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** One theme's editor: name, colour, description, nesting, then merge and delete (each confirmed once). */
function ThemeEditor(props: ThemesPanelProps & { name: string; tag: Tag; onDone(): void }) {
  const { name, tag, tags, usage, onChange, onMerge, onDelete, onDone } = props;
  const [label, setLabel] = useState(tag.label);
  const [description, setDescription] = useState(tag.description ?? '');
  const [into, setInto] = useState('');
  const [confirming, setConfirming] = useState<'merge' | 'delete' | null>(null);
  const used = usage.get(name) ?? 0;
  const hasChildren = [...tags.values()].some((t) => t.parent === name);
  const parents = [...tags.entries()].filter(([n, t]) => n !== name && !t.parent);
  // A picker reports every shade it passes through: only where it comes to rest is sent to the room.
  const recolourTimer = useRef(0);
  useEffect(() => () => window.clearTimeout(recolourTimer.current), []);

  const save = () => {
    const patch: Partial<Tag> = {};
    if (label.trim() && label.trim() !== tag.label) patch.label = label.trim();
    if (description.trim() !== (tag.description ?? '')) patch.description = description.trim() || undefined;
    if (Object.keys(patch).length) onChange(name, patch);
    onDone();
  };

  return (
    <div className="theme-editor" role="group" aria-label={`Edit ${tag.label}`}>
      <label>
        Name
        <input value={label} maxLength={annotationLimits.tagLength} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label>
        Colour
        <input
          type="color"
          defaultValue={tag.color}
          onChange={(e) => {
            const color = e.target.value;
            window.clearTimeout(recolourTimer.current);
            recolourTimer.current = window.setTimeout(() => onChange(name, { color }), 400);
          }}
        />
      </label>
      <label>
        Description
        <textarea
          rows={2}
          maxLength={annotationLimits.tagDescriptionLength}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label>
        Nested under
        <select
          value={tag.parent ?? ''}
          disabled={hasChildren}
          title={hasChildren ? 'Themes are nested under it: themes nest one level' : undefined}
          onChange={(e) => onChange(name, { parent: e.target.value || undefined })}
        >
          <option value="">— a top-level theme</option>
          {parents.map(([n, t]) => (
            <option key={n} value={n}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={save}>
          Save
        </button>
      </div>
      <div className="theme-danger">
        <label>
          Merge into
          <select value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">choose a theme…</option>
            {[...tags.entries()]
              .filter(([n]) => n !== name)
              .map(([n, t]) => (
                <option key={n} value={n}>
                  {t.label}
                </option>
              ))}
          </select>
        </label>
        {confirming === 'merge' && into ? (
          <span role="group" aria-label="Confirm the merge">
            {`${plural(used)} will carry ${tags.get(into)?.label ?? into} instead. `}
            <button type="button" className="danger" onClick={() => onMerge(name, into)}>
              Merge
            </button>{' '}
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" disabled={!into} onClick={() => setConfirming('merge')}>
            Merge…
          </button>
        )}
        {confirming === 'delete' ? (
          <span role="group" aria-label="Confirm the delete">
            {used ? `It comes off ${plural(used)}. ` : ''}
            <button type="button" className="danger" onClick={() => onDelete(name)}>
              Delete {tag.label}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming('delete')}>
            Delete…
          </button>
        )}
      </div>
    </div>
  );
}
