'use client';
/**
 * A note in the margin: who, when, the passage it is on, the comment and tags; edit and delete for its author.
 * Memoised: its props are the note's own objects (kept by the notes store while unchanged) and callbacks that take
 * the note's id, stable across renders, so a change to one note re-renders one card.
 */
import { memo, useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { commentOf, tagsOf } from '../../lib/annotations/build-annotation.ts';
import type { PassageAnnotation, ReactionAnnotation, ReplyAnnotation, Tag } from '../../lib/annotations/schema.ts';

const noReactions: readonly ReactionAnnotation[] = [];
const noLinks: readonly NoteLink[] = [];
const noIncoming: ReadonlyArray<{ from: string; type: LinkType }> = [];
import { colorFor, untaggedColor } from '../../lib/tags/palette.ts';
import { CollapsibleComment } from './collapsible-comment.tsx';
import { noteTypeInfo, noteTypeOf } from '../../lib/annotations/note-types.ts';
import { formatWhen } from './format-when.ts';
import { ReactionBar } from './reaction-bar.tsx';
import { NoteLinks, type LinkableNote } from './note-links.tsx';
import type { LinkType, NoteLink } from '../../lib/annotations/links.ts';
import { reactionKinds, type ReactionKind } from '../../lib/annotations/reactions.ts';
import { ModerationControls, ModerationTrace, type ModerationAction } from './moderation-controls.tsx';
import { ReplyThread } from './reply-thread.tsx';

export interface NoteCardProps {
  annotation: PassageAnnotation;
  replies: readonly ReplyAnnotation[];
  tags: ReadonlyMap<string, Tag>;
  /** The reader's id (null before they chose a name). */
  myId: string | null;
  focused: boolean;
  orphan: boolean;
  /** Where the passage is, as readers cite it: "ch. 3, ¶ 12" or "¶ 12" (null when it is not in the text). */
  locator: string | null;
  /** Colours of the readers present (distinct in the room); others keep their hashed colour. */
  colors: ReadonlyMap<string, string>;
  top: number;
  /** Whether this reader may write notes and replies here. */
  canWrite: boolean;
  /** Whether this reader may hide or remove others' notes (a facilitator or owner). */
  canModerate: boolean;
  /** A note from before accounts: read-only. */
  legacy: boolean;
  /** A note in the reader's private layer (only they see it), which they may share with the room. */
  isPrivate?: boolean;
  onShare?(id: string): void;
  onModerate(id: string, action: ModerationAction): void;
  /** Links other notes make to this one. */
  incomingLinks?: ReadonlyArray<{ from: string; type: LinkType }>;
  describeNote?(id: string): LinkableNote | null;
  linkCandidates?(id: string): LinkableNote[];
  onLink?(id: string, target: string, type: LinkType | null): void;
  /** Reactions to the note (one per reader). */
  reactions?: readonly ReactionAnnotation[];
  onReact?(id: string, kind: ReactionKind | null): void;
  /** Resolves, answers (a question, with one of its replies) or reopens (null) the note's thread. */
  onThread?(id: string, mark: { state: 'resolved' | 'answered'; answer?: string } | null): void;
  onActivate(id: string): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onReply(id: string, text: string): void;
  onDeleteReply(replyId: string): void;
  registerCard(id: string, el: HTMLElement | null): void;
  /** Counts the times the reader asked to answer this note from elsewhere (the agenda's Answer): each opens its reply box. */
  replyAsk?: number;
}

export const NoteCard = memo(function NoteCard(props: NoteCardProps) {
  const { annotation: a, replies, tags, myId, focused, orphan, locator, colors, top, registerCard, onReply, onDeleteReply } = props;
  const { canWrite, canModerate, legacy, isPrivate } = props;
  const [expanded, setExpanded] = useState(false);
  // A resolved thread folds its replies until asked.
  const [threadOpen, setThreadOpen] = useState(false);
  // R on the card asks the thread to open its reply box (a count, so each press asks again).
  const [replyAsked, setReplyAsked] = useState(0);
  useEffect(() => {
    if (!props.replyAsk) return;
    setThreadOpen(true);
    setReplyAsked((n) => n + 1);
  }, [props.replyAsk]);
  const id = a.id;
  const onActivate = () => props.onActivate(id);
  const onEdit = () => props.onEdit(id);
  const onDelete = () => props.onDelete(id);
  const cardRef = useCallback((el: HTMLElement | null) => registerCard(id, el), [registerCard, id]);
  const mine = myId !== null && a.creator.id === myId;
  const mark = a.moderation;
  const type = noteTypeOf(a);
  const thread = a.thread;
  // The author, facilitators and owners resolve and reopen (the room enforces it).
  const mayResolve = (mine || canModerate) && canWrite && !isPrivate && mark?.action !== 'removed';
  // A hidden note's text stays visible to moderators and its author (dimmed); the others see only the trace.
  const showText = !mark || (mark.action === 'hidden' && (canModerate || mine));
  const tagNames = tagsOf(a);
  const color = tagNames.length ? (tags.get(tagNames[0])?.color ?? colorFor(tagNames[0])) : untaggedColor;
  const comment = commentOf(a);
  const quote = a.target.selector[0].exact;
  const canReply = !isPrivate && canWrite && mark?.action !== 'removed';
  const canReact = !isPrivate && !mark && canWrite && !!props.onReact;
  const myReaction = props.reactions?.find((r) => r.creator.id === myId)?.body[0].value ?? null;
  const onKey = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    } else if (mine && event.key === 'Delete') {
      event.preventDefault();
      onDelete();
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      // Shortcuts below are plain keys only.
    } else if (event.key.toLowerCase() === 'r' && canReply) {
      event.preventDefault();
      setThreadOpen(true);
      setReplyAsked((n) => n + 1);
    } else if (/^[1-4]$/.test(event.key) && canReact) {
      // 1–4: agree, moved, insight, puzzled (again takes it back), as the reaction bar's buttons do.
      event.preventDefault();
      const kind = reactionKinds[Number(event.key) - 1];
      props.onReact?.(id, myReaction === kind ? null : kind);
    }
  };
  return (
    <article
      ref={cardRef}
      className={`note-card${focused ? ' focused' : ''}${orphan ? ' orphan' : ''}${mark ? ` moderated mod-${mark.action}` : ''}${isPrivate ? ' private' : ''}`}
      style={{ top, borderLeftColor: color }}
      tabIndex={0}
      data-annotation-id={a.id}
      aria-label={`Note by ${a.creator.name}${locator ? ` at ${locator}` : ''}`}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('button, textarea')) onActivate();
      }}
      onKeyDown={onKey}
    >
      <header className="note-head">
        <span className="dot" style={{ background: colors.get(a.creator.id) ?? colorFor(a.creator.id) }} aria-hidden />
        <span className="note-author">{a.creator.name}</span>
        {type && type !== 'comment' && <span className={`badge note-type type-${type}`}>{noteTypeInfo[type].label}</span>}
        {thread && <span className={`badge thread-${thread.state}`}>{thread.state === 'answered' ? 'Answered' : 'Resolved'}</span>}
        {isPrivate && (
          <span className="badge private-badge" title="Only you see this note">
            Private
          </span>
        )}
        {legacy && (
          <span className="badge" title="Written before this Glossa had accounts: read-only">
            from before accounts
          </span>
        )}
        <a className="permalink" href={`#${a.id}`} title="Link to this note">
          <time dateTime={a.modified ?? a.created}>
            {formatWhen(a.modified ?? a.created)}
            {a.modified ? ' (edited)' : ''}
          </time>
        </a>
      </header>
      <p className="note-quote">
        {locator ? <span className="para-ref">{locator}</span> : null}“{quote.length > 90 ? `${quote.slice(0, 90)}…` : quote}”
      </p>
      {orphan && <p className="error">This passage could not be found in the text.</p>}
      {mark && <ModerationTrace moderation={mark} />}
      {showText &&
        (comment ? (
          <CollapsibleComment comment={comment} expanded={expanded} onToggle={() => setExpanded((x) => !x)} />
        ) : (
          <p className="note-comment muted">{a.motivation === 'highlighting' ? 'Highlight' : ''}</p>
        ))}
      {showText && tagNames.length > 0 && (
        <ul className="tag-chips" aria-label="Tags">
          {tagNames.map((t) => (
            <li key={t} className="tag-chip" style={{ borderColor: tags.get(t)?.color ?? colorFor(t) }}>
              {tags.get(t)?.label ?? t}
            </li>
          ))}
        </ul>
      )}
      {!isPrivate && !mark && props.describeNote && (
        <NoteLinks
          links={a.links ?? noLinks}
          incoming={props.incomingLinks ?? noIncoming}
          lookUp={props.describeNote}
          candidates={() => props.linkCandidates?.(id) ?? []}
          canEdit={mine && canWrite && !!props.onLink}
          onFollow={(target) => props.onActivate(target)}
          onLink={(target, type) => props.onLink?.(id, target, type)}
        />
      )}
      {!isPrivate && !mark && (
        <ReactionBar
          reactions={props.reactions ?? noReactions}
          myId={myId}
          canReact={canWrite && !!props.onReact}
          onReact={(kind) => props.onReact?.(id, kind)}
        />
      )}
      {!isPrivate && thread && replies.length > 0 && (
        <button type="button" className="link small" aria-expanded={threadOpen} onClick={() => setThreadOpen((x) => !x)}>
          {threadOpen ? 'Fold the thread' : `Show the thread (${replies.length} ${replies.length === 1 ? 'reply' : 'replies'})`}
        </button>
      )}
      {!isPrivate && (!thread || threadOpen) && (
        <ReplyThread
          replies={replies}
          myId={myId}
          colors={colors}
          onReply={canWrite && mark?.action !== 'removed' ? (text) => onReply(id, text) : null}
          replyAsked={replyAsked}
          onDelete={(reply) => onDeleteReply(reply.id)}
          canModerate={canModerate}
          onModerate={(reply, action) => props.onModerate(reply.id, action)}
          answerId={thread?.answer ?? null}
          onChooseAnswer={
            mayResolve && a.motivation === 'questioning'
              ? (reply) => props.onThread?.(id, { state: 'answered', answer: reply.id })
              : undefined
          }
        />
      )}
      {mine && (canWrite || isPrivate) && mark?.action !== 'removed' && (
        <div className="note-actions">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" onClick={onDelete}>
            Delete
          </button>
          {isPrivate && props.onShare && (
            <button type="button" onClick={() => props.onShare?.(id)}>
              Share with the group
            </button>
          )}
        </div>
      )}
      {mayResolve && props.onThread && (
        <div className="note-actions thread-actions">
          <button type="button" onClick={() => props.onThread?.(id, thread ? null : { state: 'resolved' })}>
            {thread ? 'Reopen' : 'Resolve'}
          </button>
        </div>
      )}
      {canModerate && !mine && !isPrivate && <ModerationControls moderation={mark} onModerate={(action) => props.onModerate(id, action)} />}
    </article>
  );
});
