/**
 * Reactions to a note: a small fixed set, one per reader per note (a reaction annotation, W3C motivation
 * `assessing`, stored as `react:<note id>:<reader id>`; see schema.ts). Counts and who reacted are derived here.
 */
export const reactionKinds = ['agree', 'moved', 'insight', 'puzzled'] as const;
export type ReactionKind = (typeof reactionKinds)[number];

export const reactionInfo: Record<ReactionKind, { symbol: string; label: string }> = {
  agree: { symbol: '👍', label: 'Agree' },
  moved: { symbol: '❤️', label: 'Moved' },
  insight: { symbol: '💡', label: 'Insight' },
  puzzled: { symbol: '❓', label: 'Puzzled' },
};

/** Per kind, who reacted (names, in the order given). */
export function tally(
  reactions: ReadonlyArray<{ creator: { id: string; name: string }; body: [{ value: ReactionKind }] }>,
): Map<ReactionKind, Array<{ id: string; name: string }>> {
  const out = new Map<ReactionKind, Array<{ id: string; name: string }>>();
  for (const r of reactions) {
    const kind = r.body[0].value;
    const list = out.get(kind) ?? [];
    list.push(r.creator);
    out.set(kind, list);
  }
  return out;
}
