'use client';
/**
 * Writes or edits a note: a comment and theme tags. Tags come from the room's vocabulary (autocomplete) or are
 * typed new; Enter or comma adds one. A new note may be kept private (only its writer sees it, until shared).
 * Ctrl/Cmd+Enter saves, Escape cancels.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import { noteTypeInfo, noteTypes, type NoteType } from '../../lib/annotations/note-types.ts';
import type { Tag } from '../../lib/annotations/schema.ts';
import { colorFor } from '../../lib/tags/palette.ts';
import { tagNameOf } from '../../lib/tags/tag-name.ts';
import { MentionTextarea } from './mention-textarea.tsx';

export interface ComposerProps {
  quote: string;
  initialComment?: string;
  initialTags?: string[];
  roomTags: ReadonlyMap<string, Tag>;
  saveLabel: string;
  /** Offer "Keep private" (new notes of a signed-in reader). */
  offerPrivate?: boolean;
  /** The note's type as it is (editing); a new note is a comment until the reader picks another. */
  initialType?: NoteType;
  onSave(comment: string, tags: string[], keepPrivate: boolean, type: NoteType): void;
  onCancel(): void;
}

export function Composer({
  quote,
  initialComment = '',
  initialTags = [],
  roomTags,
  saveLabel,
  offerPrivate = false,
  initialType = 'comment',
  onSave,
  onCancel,
}: ComposerProps) {
  const [keepPrivate, setKeepPrivate] = useState(false);
  const [type, setType] = useState<NoteType>(initialType);
  const [comment, setComment] = useState(initialComment);
  const [tags, setTags] = useState<string[]>(initialTags);
  const [draft, setDraft] = useState('');
  const listId = useId();

  const addTag = (label: string) => {
    const name = tagNameOf(label);
    if (name && !tags.includes(name) && tags.length < annotationLimits.tagsPerAnnotation) setTags([...tags, name]);
    setDraft('');
  };
  const save = () => {
    const all = draft.trim() ? [...tags, tagNameOf(draft)].filter((t, i, a) => a.indexOf(t) === i) : tags;
    if (!comment.trim() && all.length === 0) return;
    onSave(comment, all, offerPrivate && keepPrivate, type);
  };
  const onKey = (event: KeyboardEvent) => {
    // Alt+1…5 picks the note's type from anywhere in the composer.
    const picked = event.altKey && !event.ctrlKey && !event.metaKey ? noteTypes.find((t) => noteTypeInfo[t].key === event.key) : undefined;
    if (picked) {
      event.preventDefault();
      setType(picked);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  };
  const onTagKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',') && draft.trim() && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      addTag(draft);
    } else if (event.key === 'Backspace' && !draft && tags.length) {
      setTags(tags.slice(0, -1));
    }
  };
  const tooLong = comment.length > annotationLimits.commentLength;

  return (
    <div className="composer" role="form" aria-label="Write a note" onKeyDown={onKey}>
      <blockquote className="composer-quote">{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</blockquote>
      <fieldset className="note-type-picker">
        <legend className="sr-only">Type of note (Alt+1 to Alt+5)</legend>
        {noteTypes.map((t) => (
          <label key={t} className={`note-type-choice${type === t ? ' chosen' : ''}`} title={`Alt+${noteTypeInfo[t].key}`}>
            <input type="radio" name={`${listId}-type`} value={t} checked={type === t} onChange={() => setType(t)} />
            {noteTypeInfo[t].label}
          </label>
        ))}
      </fieldset>
      <label className="sr-only" htmlFor={`${listId}-comment`}>
        Comment
      </label>
      <MentionTextarea
        id={`${listId}-comment`}
        autoFocus
        rows={4}
        placeholder="Your comment… (@ to mention)"
        value={comment}
        onValueChange={setComment}
        aria-invalid={tooLong}
      />
      {tooLong && <p className="error">At most {annotationLimits.commentLength.toLocaleString()} characters.</p>}
      <div className="tag-editor">
        <ul className="tag-chips" aria-label="Tags of this note">
          {tags.map((t) => (
            <li key={t} className="tag-chip" style={{ borderColor: roomTags.get(t)?.color ?? colorFor(t) }}>
              {roomTags.get(t)?.label ?? t}
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => setTags(tags.filter((x) => x !== t))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <label className="sr-only" htmlFor={`${listId}-tag`}>
          Add a tag
        </label>
        <input
          id={`${listId}-tag`}
          className="tag-input"
          list={`${listId}-tags`}
          placeholder={tags.length ? 'Another tag…' : 'Tags: guilt, exclusion…'}
          value={draft}
          maxLength={annotationLimits.tagLength}
          onChange={(e) => {
            const v = e.target.value;
            // Picking a datalist option replaces the value in one go: take it as a tag.
            if (roomTags.has(tagNameOf(v)) && v.length - draft.length > 1) addTag(v);
            else setDraft(v);
          }}
          onKeyDown={onTagKey}
        />
        <datalist id={`${listId}-tags`}>
          {[...roomTags.entries()]
            .filter(([name]) => !tags.includes(name))
            .map(([name, tag]) => (
              <option key={name} value={tag.label} />
            ))}
        </datalist>
      </div>
      {offerPrivate && (
        <label className="private-toggle">
          <input type="checkbox" checked={keepPrivate} onChange={(e) => setKeepPrivate(e.target.checked)} /> Keep private (only you see it;
          share it later)
        </label>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={save} disabled={tooLong || (!comment.trim() && !tags.length && !draft.trim())}>
          {saveLabel}
        </button>
      </div>
      <p className="hint">Ctrl+Enter to save · Esc to cancel · Alt+1–5 type</p>
    </div>
  );
}
