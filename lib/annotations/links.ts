/**
 * Links between notes: a note says how it relates to another — it *echoes* it, *contrasts with* it, *answers* it,
 * or is worth seeing *also* (the New Year's resolutions and Willow's letter). Kept on the linking note as
 * `links: [{ target, type }]` (Glossa's extension), written by its author; both ends show it (`incomingLinks`).
 */
export const linkTypes = ['echoes', 'contrasts-with', 'answers', 'see-also'] as const;
export type LinkType = (typeof linkTypes)[number];

export const linkInfo: Record<LinkType, { label: string; inverse: string }> = {
  echoes: { label: 'echoes', inverse: 'echoed by' },
  'contrasts-with': { label: 'contrasts with', inverse: 'contrasted by' },
  answers: { label: 'answers', inverse: 'answered by' },
  'see-also': { label: 'see also', inverse: 'see also' },
};

export interface NoteLink {
  target: string;
  type: LinkType;
}

/** Per note id, the links other notes make to it (from which note, of which type). */
export function incomingLinks(
  notes: Iterable<{ id: string; links?: readonly NoteLink[] }>,
): Map<string, Array<{ from: string; type: LinkType }>> {
  const incoming = new Map<string, Array<{ from: string; type: LinkType }>>();
  for (const note of notes)
    for (const link of note.links ?? []) {
      const list = incoming.get(link.target) ?? [];
      list.push({ from: note.id, type: link.type });
      incoming.set(link.target, list);
    }
  return incoming;
}

/** The note's links with `link` added (replacing a link to the same note) or, with `type` null, removed. */
export function withLink(links: readonly NoteLink[] | undefined, target: string, type: LinkType | null): NoteLink[] {
  const rest = (links ?? []).filter((l) => l.target !== target);
  return type ? [...rest, { target, type }] : rest;
}
