/**
 * Typed notes: what a note does in an argument — a comment, a question, a claim, evidence, or a close reading of a
 * word or image. Each type is carried by the W3C motivation where the model has one; evidence has none, so it is a
 * `commenting` note marked with Glossa's `noteType` (the W3C model lets annotations carry extra properties).
 *
 * | type          | W3C motivation | key |
 * | ------------- | -------------- | --- |
 * | comment       | commenting     | 1   |
 * | question      | questioning    | 2   |
 * | claim         | assessing      | 3   |
 * | evidence      | commenting (+ `noteType: "evidence"`) | 4 |
 * | close reading | describing     | 5   |
 */
export const noteTypes = ['comment', 'question', 'claim', 'evidence', 'close-reading'] as const;
export type NoteType = (typeof noteTypes)[number];

/** The motivations a note with a comment may have (one per type; evidence shares `commenting`). */
export const commentMotivations = ['commenting', 'questioning', 'assessing', 'describing'] as const;
export type CommentMotivation = (typeof commentMotivations)[number];

export const noteTypeInfo: Record<NoteType, { label: string; motivation: CommentMotivation; key: string }> = {
  // Shown as "Note": the composer's text field is labelled "Comment", and a type must not share its name.
  comment: { label: 'Note', motivation: 'commenting', key: '1' },
  question: { label: 'Question', motivation: 'questioning', key: '2' },
  claim: { label: 'Claim', motivation: 'assessing', key: '3' },
  evidence: { label: 'Evidence', motivation: 'commenting', key: '4' },
  'close-reading': { label: 'Close reading', motivation: 'describing', key: '5' },
};

/** The type of a note, read from its motivation and Glossa's `noteType`; null for highlights and taggings. */
export function noteTypeOf(a: { motivation: string; noteType?: NoteType }): NoteType | null {
  if (a.noteType) return a.noteType;
  switch (a.motivation) {
    case 'commenting':
      return 'comment';
    case 'questioning':
      return 'question';
    case 'assessing':
      return 'claim';
    case 'describing':
      return 'close-reading';
    default:
      return null;
  }
}

/** Whether `noteType` (if any) and `motivation` agree: the property is set only where the motivation cannot say it. */
export function noteTypeMatches(motivation: string, noteType: NoteType | undefined): boolean {
  if (noteType === undefined) return true;
  return noteType === 'evidence' && motivation === noteTypeInfo.evidence.motivation;
}
