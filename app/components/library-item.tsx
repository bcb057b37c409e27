'use client';
/**
 * One text in the library: its title (a link to the reader), author, size and counts, and — unless Glossa is
 * read-only — Edit (title and author inline: Enter saves, Esc cancels, focus comes back to Edit) and Delete.
 */
import Link from 'next/link';
import { memo, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { httpLimits, libraryLimits } from '../../lib/limits.ts';
import type { Visibility } from '../../lib/access/roles.ts';
import { countOf, repliesOf, sizeOf } from './library-format.ts';
import { fetchGroups, type GroupSummary } from './group-requests.ts';
import { LibraryRequestError, updateDocument, type DocumentSummary } from './library-requests.ts';

/** How each visibility reads in the library. */
export const visibilityLabels: Record<Visibility, string> = {
  open: 'Open: anyone reads, anyone signed in annotates',
  'public-read': 'Public: anyone reads, the group annotates',
  group: 'Group only',
};

export interface LibraryItemProps {
  document: DocumentSummary & { role?: string };
  readOnly: boolean;
  /** The entry changed on the server (a rename). */
  onUpdated(document: DocumentSummary): void;
  /** The reader asked to delete this text (the caller confirms). */
  onDelete(id: string, returnFocus: HTMLElement | null): void;
}

export const LibraryItem = memo(function LibraryItem({ document: d, readOnly, onUpdated, onDelete }: LibraryItemProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Focus goes back to Edit when the form closes (saved or cancelled), never to the top of the page.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <li className="library-item" data-document-id={d.id}>
      {editing ? (
        <LibraryItemEditor
          document={d}
          onDone={(updated) => {
            if (updated) onUpdated(updated);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <div className="library-item-main">
            <Link href={`/d/${encodeURIComponent(d.id)}`} className="library-title">
              {d.title}
            </Link>
            {d.author ? <span className="library-author">{d.author}</span> : <span className="library-author unknown">Unknown author</span>}
          </div>
          <p className="library-meta">
            <span className="library-size">{sizeOf(d.length)}</span>
            <span className="library-count" data-testid="note-count">
              {countOf(d.noteCount, 'note')}
            </span>
            <span className="library-count" data-testid="reply-count">
              {repliesOf(d.replyCount)}
            </span>
            {d.visibility !== 'open' && <span className="badge">{d.visibility === 'group' ? 'group only' : 'public'}</span>}
            {d.role && d.role !== 'annotator' && <span className="badge">{d.role === 'owner' ? 'yours' : d.role}</span>}
          </p>
          {!readOnly && d.role === 'owner' && (
            <div className="library-item-actions">
              <button type="button" ref={editButton} onClick={() => setEditing(true)} aria-label={`Edit title and author of ${d.title}`}>
                Edit
              </button>
              <button type="button" className="danger" onClick={(e) => onDelete(d.id, e.currentTarget)} aria-label={`Delete ${d.title}`}>
                Delete
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
});

/** The inline form: title and author, saved with Enter (or Save), dropped with Esc (or Cancel). */
function LibraryItemEditor({ document: d, onDone }: { document: DocumentSummary; onDone(updated: DocumentSummary | null): void }) {
  const [title, setTitle] = useState(d.title);
  const [author, setAuthor] = useState(d.author ?? '');
  const [visibility, setVisibility] = useState<Visibility>(d.visibility);
  const [groupId, setGroupId] = useState<string>(d.groupId ?? '');
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  useEffect(() => {
    // Groups the reader may file texts into (its owner and facilitators); none when they cannot be read.
    fetchGroups().then(
      (mine) => setGroups(mine.filter((g) => g.role === 'owner' || g.role === 'facilitator')),
      () => setGroups([]),
    );
  }, []);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const errorId = `library-edit-error-${d.id}`;

  useEffect(() => {
    titleInput.current?.focus();
    titleInput.current?.select();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!title.trim()) {
      setError('A title cannot be blank.');
      titleInput.current?.focus();
      return;
    }
    const patch: { title?: string; author?: string | null; visibility?: Visibility; groupId?: string | null } = {};
    if (title.trim() !== d.title) patch.title = title;
    if (author.trim() !== (d.author ?? '')) patch.author = author.trim() || null;
    if (visibility !== d.visibility) patch.visibility = visibility;
    if ((groupId || null) !== d.groupId) patch.groupId = groupId || null;
    if (visibility === 'group' && !groupId) {
      setError('A group-only text needs a group.');
      return;
    }
    if (Object.keys(patch).length === 0) return onDone(null);
    setSaving(true);
    setError(null);
    try {
      onDone(await updateDocument(d.id, patch));
    } catch (err) {
      setSaving(false);
      setError(err instanceof LibraryRequestError ? err.message : 'The change could not be saved.');
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone(null);
    }
  };

  return (
    <form className="library-edit" aria-label={`Edit ${d.title}`} onSubmit={submit} onKeyDown={onKeyDown} aria-busy={saving}>
      <label>
        Title
        <input
          ref={titleInput}
          name="title"
          value={title}
          maxLength={httpLimits.titleLength}
          required
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </label>
      <label>
        Author
        <input
          name="author"
          value={author}
          maxLength={libraryLimits.authorLength}
          placeholder="Unknown author"
          onChange={(e) => setAuthor(e.target.value)}
        />
      </label>
      <label>
        Who may read it
        <select name="visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
          {(Object.keys(visibilityLabels) as Visibility[]).map((v) => (
            <option key={v} value={v}>
              {visibilityLabels[v]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reading group
        <select name="group" value={groupId} onChange={(e) => setGroupId(e.target.value)} disabled={groups === null}>
          <option value="">{groups === null ? 'Loading your groups…' : 'No group'}</option>
          {d.groupId && !groups?.some((g) => g.id === d.groupId) && <option value={d.groupId}>{d.groupName ?? d.groupId}</option>}
          {groups?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <span className="library-edit-hint" aria-hidden="true">
          <kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels
        </span>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
