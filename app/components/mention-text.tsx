'use client';
/** A comment drawn with its mentions marked (as text, never HTML); the reader's own name stands out more. */
import { mentionSegments } from '../../lib/mentions/find-mentions.ts';
import { useMentions } from './mentions-store.ts';

export function MentionText({ text }: { text: string }) {
  const mentions = useMentions();
  if (!mentions || !text.includes('@')) return <>{text}</>;
  const me = mentions.members.find((m) => m.id === mentions.myId)?.name;
  return (
    <>
      {mentionSegments(text, mentions.matcher).map((s, i) =>
        s.mention ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one text, in a fixed order
          <span key={i} className={`mention${s.mention === me ? ' mention-me' : ''}`}>
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
