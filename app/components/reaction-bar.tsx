'use client';
/**
 * A note's reactions: the fixed set, each with its count and who reacted (on hover, and in its accessible name);
 * a reader who may write picks one (choosing another replaces it; choosing it again takes it back).
 */
import { reactionInfo, reactionKinds, tally, type ReactionKind } from '../../lib/annotations/reactions.ts';
import type { ReactionAnnotation } from '../../lib/annotations/schema.ts';

export interface ReactionBarProps {
  reactions: readonly ReactionAnnotation[];
  myId: string | null;
  canReact: boolean;
  onReact(kind: ReactionKind | null): void;
}

export function ReactionBar({ reactions, myId, canReact, onReact }: ReactionBarProps) {
  const counts = tally(reactions);
  const mine = reactions.find((r) => r.creator.id === myId)?.body[0].value ?? null;
  if (!canReact && reactions.length === 0) return null;
  return (
    <div className="reaction-bar" role="group" aria-label="Reactions">
      {reactionKinds.map((kind) => {
        const who = counts.get(kind) ?? [];
        if (!canReact && who.length === 0) return null;
        const names = who.map((w) => w.name).join(', ');
        const label = `${reactionInfo[kind].label}: ${who.length}${names ? ` (${names})` : ''}`;
        return canReact ? (
          <button
            key={kind}
            type="button"
            className="reaction"
            aria-pressed={mine === kind}
            aria-label={label}
            title={label}
            onClick={() => onReact(mine === kind ? null : kind)}
          >
            {reactionInfo[kind].symbol}
            {who.length > 0 && <span className="reaction-count">{who.length}</span>}
          </button>
        ) : (
          <span key={kind} className="reaction" role="img" title={label} aria-label={label}>
            {reactionInfo[kind].symbol}
            <span className="reaction-count">{who.length}</span>
          </span>
        );
      })}
    </div>
  );
}
