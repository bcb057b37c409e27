/**
 * The query string of an export request, from the dialog's choices and the reader's URL filter — the one place that
 * knows the route's parameter names, so the dialog, its tests and the route agree. The reader's filter keeps its URL
 * names (`theme`, `with`, `reader`, `type`, `thread`, `q`) except "with replies", which is `hasReplies` here because
 * `replies` chooses whether replies are exported.
 */
import type { NoteFilter } from '../annotations/note-filter.ts';
import type { CitationStyle } from './citation.ts';
import type { ExportFormat, ExportGrouping, NoteSelection } from './export-model.ts';

/** What the export dialog chose. */
export interface ExportChoice {
  format: ExportFormat;
  notes: NoteSelection;
  group: ExportGrouping;
  replies: boolean;
  style: CitationStyle;
  /** Only the notes of this meeting: written or answered during it (lib/meetings/meeting-summary.ts `writtenInWindow`). */
  meeting?: string;
}

/** `format=…&notes=…&…` for `choice`, with `filter`'s parameters when the notes are the filter's. */
export function exportQuery(choice: ExportChoice, filter: NoteFilter): URLSearchParams {
  const params = new URLSearchParams({
    format: choice.format,
    notes: choice.notes,
    group: choice.group,
    replies: choice.replies ? '1' : '0',
    style: choice.style,
  });
  if (choice.meeting) params.set('meeting', choice.meeting);
  if (choice.notes !== 'filter') return params;
  for (const t of filter.themes) params.append('theme', t);
  for (const t of filter.together) params.append('with', t);
  for (const r of filter.readers) params.append('reader', r);
  for (const t of filter.types) params.append('type', t);
  if (filter.thread !== 'any') params.set('thread', filter.thread);
  if (filter.hasReplies) params.set('hasReplies', '1');
  if (filter.q.trim()) params.set('q', filter.q.trim());
  return params;
}
