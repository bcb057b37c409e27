'use client';
/**
 * The replies under a note, and a box to add one. Replies are annotations whose target is the note's id, so a
 * discussion lives in the same room, store and exports as the notes themselves.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import { commentOf } from '../../lib/annotations/build-annotation.ts';
import type { ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { colorFor } from '../../lib/tags/palette.ts';
import { formatWhen } from './format-when.ts';
import { CollapsibleComment } from './collapsible-comment.tsx';
import { MentionTextarea } from './mention-textarea.tsx';
import { ModerationControls, ModerationTrace, type ModerationAction } from './moderation-controls.tsx';

export interface ReplyThreadProps {
  replies: readonly ReplyAnnotation[];
  myId: string | null;
  /** Colours of the readers present (distinct in the room); others keep their hashed colour. */
  colors?: ReadonlyMap<string, string>;
  /** Null when the thread takes no new replies (its note was removed). */
  onReply: ((text: string) => void) | null;
  onDelete(reply: ReplyAnnotation): void;
  /** Whether this reader may hide or remove others' replies. */
  canModerate?: boolean;
  onModerate?(reply: ReplyAnnotation, action: ModerationAction): void;
  /** The reply chosen as the answer (a question's thread). */
  answerId?: string | null;
  /** Offered to whoever may choose a question's answer. */
  onChooseAnswer?(reply: ReplyAnnotation): void;
  /** Counts the times the reader asked to reply from the keyboard (R on the card): each one opens the reply box. */
  replyAsked?: number;
}

/** Threads longer than this show their first replies and "Show N more replies". */
const foldReplies = 3;

export function ReplyThread({
  replies,
  myId,
  colors,
  onReply,
  onDelete,
  canModerate = false,
  onModerate,
  answerId,
  onChooseAnswer,
  replyAsked = 0,
}: ReplyThreadProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [openComments, setOpenComments] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (replyAsked > 0) setDraft((d) => d ?? '');
  }, [replyAsked]);
  const folded = replies.length > foldReplies && !expanded;
  const shown = folded ? replies.slice(0, foldReplies) : replies;
  const toggleComment = (id: string) =>
    setOpenComments((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const box = useRef<HTMLDivElement | null>(null);
  /** Closes the reply box; the keyboard goes back to the note's card rather than to the page's start. */
  const closeBox = () => {
    box.current?.closest<HTMLElement>('.note-card')?.focus();
    setDraft(null);
  };
  const send = () => {
    if (draft?.trim()) onReply?.(draft);
    closeBox();
  };
  const onKey = (event: KeyboardEvent) => {
    event.stopPropagation(); // keys typed here are not the card's shortcuts
    if (event.key === 'Escape') closeBox();
    else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
  };
  return (
    <div className="replies">
      {replies.length > 0 && (
        <ol className="reply-list" aria-label="Replies">
          {shown.map((r) => (
            <li key={r.id} className={`reply${answerId === r.id ? ' answer' : ''}`}>
              {answerId === r.id && <span className="badge answer-badge">Answer</span>}
              <span className="dot" style={{ background: colors?.get(r.creator.id) ?? colorFor(r.creator.id) }} aria-hidden />
              <span className="note-author">{r.creator.name}</span> <time dateTime={r.created}>{formatWhen(r.created)}</time>
              {r.moderation && <ModerationTrace moderation={r.moderation} />}
              {(!r.moderation || (r.moderation.action === 'hidden' && (canModerate || r.creator.id === myId))) && (
                <CollapsibleComment comment={commentOf(r)} expanded={openComments.has(r.id)} onToggle={() => toggleComment(r.id)} />
              )}
              {onChooseAnswer && answerId !== r.id && !r.moderation && (
                <button type="button" className="link small" onClick={() => onChooseAnswer(r)}>
                  Mark as the answer
                </button>
              )}
              {canModerate && r.creator.id !== myId && onModerate && (
                <ModerationControls moderation={r.moderation} onModerate={(action) => onModerate(r, action)} />
              )}
              {r.creator.id === myId && r.moderation?.action !== 'removed' && (
                <button type="button" className="link small" onClick={() => onDelete(r)}>
                  Delete reply
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {replies.length > foldReplies && (
        <button type="button" className="link small show-more" aria-expanded={expanded} onClick={() => setExpanded((x) => !x)}>
          {expanded
            ? 'Show fewer replies'
            : `Show ${replies.length - foldReplies} more ${replies.length - foldReplies === 1 ? 'reply' : 'replies'}`}
        </button>
      )}
      {draft === null ? (
        myId &&
        onReply && (
          <button type="button" className="link small" onClick={() => setDraft('')}>
            Reply
          </button>
        )
      ) : (
        <div className="reply-box" ref={box} onKeyDown={onKey}>
          <MentionTextarea
            autoFocus
            aria-label="Your reply"
            rows={2}
            maxLength={annotationLimits.commentLength}
            value={draft}
            onValueChange={setDraft}
          />
          <div className="actions">
            <button type="button" onClick={closeBox}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!draft.trim()} onClick={send}>
              Send reply
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
