/** Words for the library's numbers: a text's size and its notes and replies, in short English. */

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** `1 note`, `3 notes`; `word` is the singular, made plural with an `s`. */
export function countOf(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** A text's size from its length in characters: `812 characters`, `48.2K characters`, `3.3M characters`. */
export function sizeOf(length: number): string {
  return `${length < 1000 ? String(length) : compact.format(length)} character${length === 1 ? '' : 's'}`;
}

/** What goes with a deleted text, as a clause: `its 2 notes and 1 reply`, or `no notes`. */
export function whatGoesWith(noteCount: number, replyCount: number): string {
  if (noteCount === 0 && replyCount === 0) return 'no notes';
  if (replyCount === 0) return `its ${countOf(noteCount, 'note')}`;
  if (noteCount === 0) return `its ${repliesOf(replyCount)}`;
  return `its ${countOf(noteCount, 'note')} and ${repliesOf(replyCount)}`;
}

/** `1 reply`, `4 replies`. */
export function repliesOf(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'reply' : 'replies'}`;
}

/** The file extensions the library imports (with the content types browsers give them), for the file picker. */
export const acceptedFiles =
  '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.epub,text/plain,text/markdown,text/html,application/xhtml+xml,application/epub+zip';

/** A byte count for a reader: `12 MiB`, `850 KiB`. */
export function bytesOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
