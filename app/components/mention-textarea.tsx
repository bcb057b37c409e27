'use client';
/**
 * A textarea with `@` autocomplete (the composer's comment, the reply box): typing `@` and the start of a name
 * offers the document's members (lib/mentions/autocomplete.ts) in a listbox under the field — ArrowDown/ArrowUp
 * choose, Enter or Tab picks, Esc closes, a click or tap picks — and inserts `@Full Name `. The field keeps the
 * keyboard throughout (the options are its `aria-activedescendant`), so screen readers hear the chosen name and the
 * composer's own keys (Ctrl+Enter, Esc) work whenever the list is closed.
 */
import { type TextareaHTMLAttributes, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Candidate, insertMention, type MentionQuery, mentionQueryAt, rankCandidates } from '../../lib/mentions/autocomplete.ts';
import { refreshMentionsIfStale, useMentions } from './mentions-store.ts';

export interface MentionTextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> {
  value: string;
  onValueChange(value: string): void;
}

/** Options shown at once. */
const shown = 8;

export function MentionTextarea({ value, onValueChange, onKeyDown, className, ...rest }: MentionTextareaProps) {
  const mentions = useMentions();
  const field = useRef<HTMLTextAreaElement | null>(null);
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // Esc closes the list for the `@` it was open at; typing another `@` opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const options: Candidate[] = useMemo(
    () => (mentions && query ? rankCandidates(query.query, mentions.members, { exclude: mentions.myId, limit: shown }) : []),
    [mentions, query],
  );
  const open = options.length > 0 && query !== null && dismissedAt !== query.start;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const readCaret = () => {
    const el = field.current;
    if (!el || el.selectionStart !== el.selectionEnd) {
      setQuery(null);
      return;
    }
    const at = el.selectionStart;
    const found = mentionQueryAt(el.value, at);
    setCaret(at);
    setQuery((q) => (q?.start === found?.start && q?.query === found?.query ? q : found));
    if (!found || found.start !== query?.start) setActive(0);
    if (!found) setDismissedAt(null);
  };

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !field.current) return;
    field.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  // Someone who wrote on an open text since the page loaded can be mentioned: the list is read again when stale.
  const typing = query !== null;
  useEffect(() => {
    if (typing) refreshMentionsIfStale();
  }, [typing]);

  // The chosen option stays in view in a list that scrolls.
  useEffect(() => {
    if (open) document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex, listId]);

  const pick = (candidate: Candidate) => {
    if (!query) return;
    const next = insertMention(value, query, caret, candidate.name);
    pendingCaret.current = next.caret;
    onValueChange(next.text);
    setQuery(null);
    setActive(0);
    field.current?.focus();
  };

  return (
    <div className="mention-field">
      <textarea
        {...rest}
        ref={field}
        className={className}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        onChange={(e) => {
          onValueChange(e.target.value);
          // The caret after this change (the value is the field's already).
          queueMicrotask(readCaret);
        }}
        onSelect={readCaret}
        onClick={readCaret}
        onBlur={() => setQuery(null)}
        onKeyDown={(e) => {
          // Keys that finish an input method's composition (Enter in Japanese, say) are the composition's.
          if (open && !e.nativeEvent.isComposing) {
            const handled =
              e.key === 'ArrowDown' ||
              e.key === 'ArrowUp' ||
              e.key === 'Escape' ||
              e.key === 'Tab' ||
              (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey);
            if (handled) {
              e.preventDefault();
              e.stopPropagation();
              if (e.key === 'ArrowDown') setActive((activeIndex + 1) % options.length);
              else if (e.key === 'ArrowUp') setActive((activeIndex - 1 + options.length) % options.length);
              else if (e.key === 'Escape') setDismissedAt(query?.start ?? null);
              else pick(options[activeIndex]!);
              return;
            }
          }
          onKeyDown?.(e);
        }}
      />
      {open && (
        <div className="mention-list" id={listId} role="listbox" aria-label="Readers to mention">
          {options.map((c, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks from the field (arrows, Enter, Tab), which keeps focus
            <div
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === activeIndex}
              className={`mention-option${i === activeIndex ? ' active' : ''}`}
              // The field keeps focus (and the phone its keyboard) while an option is pressed.
              onPointerDown={(e) => e.preventDefault()}
              onMouseDown={(e) => e.preventDefault()}
              onPointerEnter={() => setActive(i)}
              onClick={() => pick(c)}
            >
              @{c.name}
            </div>
          ))}
        </div>
      )}
      <span className="sr-only" aria-live="polite">
        {open ? `${options.length} ${options.length === 1 ? 'reader' : 'readers'} to mention: arrows to choose, Enter to pick` : ''}
      </span>
    </div>
  );
}
