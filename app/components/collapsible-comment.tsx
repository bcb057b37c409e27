'use client';
/** A comment of a note or a reply, folded to a few lines with "Show more" when it is long; mentions marked. */
import { MentionText } from './mention-text.tsx';

/** A comment longer than about this many lines of the card is shown folded, with "Show more". */
const foldLines = 6;
const charsPerLine = 38;

/** Lines a comment takes in a card, estimated from its characters (no layout read, so cheap for 10,000 cards). */
export function estimatedLines(comment: string): number {
  return comment.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / charsPerLine)), 0);
}

export function CollapsibleComment({ comment, expanded, onToggle }: { comment: string; expanded: boolean; onToggle(): void }) {
  const long = estimatedLines(comment) > foldLines;
  return (
    <>
      <p className={`note-comment${long && !expanded ? ' folded' : ''}`}>
        <MentionText text={comment} />
      </p>
      {long && (
        <button type="button" className="link small show-more" aria-expanded={expanded} onClick={onToggle}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  );
}
