'use client';
/**
 * What a facilitator sees on someone else's note or reply: Hide (or Show again) and Remove, which asks once more
 * because a removal cannot be undone (the text is gone for everyone; a trace stays). And, for every reader, the
 * trace a moderated note leaves.
 */
import { useState } from 'react';
import type { Moderation } from '../../lib/annotations/schema.ts';

/** The action a facilitator takes on a note. */
export type ModerationAction = 'hidden' | 'removed' | 'restore';

export function ModerationTrace({ moderation }: { moderation: Moderation }) {
  return (
    <p className="moderation-trace" data-testid="moderation-trace">
      {moderation.action === 'removed' ? 'Removed by a facilitator' : 'Hidden by a facilitator'} ({moderation.by.name})
    </p>
  );
}

export function ModerationControls({ moderation, onModerate }: { moderation?: Moderation; onModerate(action: ModerationAction): void }) {
  const [confirming, setConfirming] = useState(false);
  if (moderation?.action === 'removed') return null;
  if (confirming)
    return (
      <div className="note-actions moderation" role="group" aria-label="Remove this note?">
        <span>Remove for everyone? Only a trace stays.</span>
        <button type="button" className="danger" onClick={() => onModerate('removed')}>
          Remove
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    );
  return (
    <div className="note-actions moderation">
      <button type="button" onClick={() => onModerate(moderation ? 'restore' : 'hidden')}>
        {moderation ? 'Show again' : 'Hide'}
      </button>
      <button type="button" onClick={() => setConfirming(true)}>
        Remove…
      </button>
    </div>
  );
}
