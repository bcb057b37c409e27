'use client';
/**
 * A note's links to other notes, and theirs to it: each a button that follows the link (the passage is brought
 * into view and its note focused). The note's author adds a link by choosing its type and the other note (listed
 * in text order), and removes one.
 */
import { useState } from 'react';
import { linkInfo, linkTypes, type LinkType, type NoteLink } from '../../lib/annotations/links.ts';

/** Another note as the link picker and the link buttons name it. */
export interface LinkableNote {
  id: string;
  locator: string;
  excerpt: string;
}

export interface NoteLinksProps {
  links: readonly NoteLink[];
  incoming: ReadonlyArray<{ from: string; type: LinkType }>;
  /** Looks a note up by id (null for a note no longer in the room). */
  lookUp(id: string): LinkableNote | null;
  /** Every other note that may be linked to, in text order (asked for only when the picker opens). */
  candidates(): LinkableNote[];
  canEdit: boolean;
  onFollow(id: string): void;
  onLink(target: string, type: LinkType | null): void;
}

export function NoteLinks({ links, incoming, lookUp, candidates, canEdit, onFollow, onLink }: NoteLinksProps) {
  const [picking, setPicking] = useState(false);
  const [type, setType] = useState<LinkType>('echoes');
  const [target, setTarget] = useState('');
  const name = (id: string) => {
    const n = lookUp(id);
    return n ? `${n.locator} “${n.excerpt}”` : 'a removed note';
  };
  if (!links.length && !incoming.length && !canEdit) return null;
  return (
    <div className="note-links">
      {(links.length > 0 || incoming.length > 0) && (
        <ul className="link-list" aria-label="Links">
          {links.map((l) => (
            <li key={`out-${l.target}`}>
              <span className="link-type">{linkInfo[l.type].label}</span>{' '}
              <button type="button" className="link small" onClick={() => onFollow(l.target)}>
                {name(l.target)}
              </button>
              {canEdit && (
                <button
                  type="button"
                  className="link small"
                  aria-label={`Remove the link to ${name(l.target)}`}
                  onClick={() => onLink(l.target, null)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
          {incoming.map((l) => (
            <li key={`in-${l.from}`}>
              <span className="link-type">{linkInfo[l.type].inverse}</span>{' '}
              <button type="button" className="link small" onClick={() => onFollow(l.from)}>
                {name(l.from)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {canEdit &&
        (picking ? (
          <div className="link-picker" role="group" aria-label="Link to another note">
            <select aria-label="How it relates" value={type} onChange={(e) => setType(e.target.value as LinkType)}>
              {linkTypes.map((t) => (
                <option key={t} value={t}>
                  {linkInfo[t].label}
                </option>
              ))}
            </select>
            <select aria-label="The other note" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose a note…</option>
              {candidates().map((n) => (
                <option key={n.id} value={n.id}>
                  {n.locator} {n.excerpt}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="primary"
              disabled={!target}
              onClick={() => {
                onLink(target, type);
                setPicking(false);
                setTarget('');
              }}
            >
              Link
            </button>
            <button type="button" onClick={() => setPicking(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" className="link small" onClick={() => setPicking(true)}>
            Link to another note…
          </button>
        ))}
    </div>
  );
}
