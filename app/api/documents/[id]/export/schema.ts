/** The zod schema of `GET /api/documents/<id>/export`'s query string, with its inferred type. */
import { z } from 'zod';
import { filterFromParams, type NoteFilter } from '../../../../../lib/annotations/note-filter.ts';
import { citationStyles } from '../../../../../lib/export/citation.ts';
import { exportFormats, exportGroupings, noteSelections } from '../../../../../lib/export/export-model.ts';
import { exportLimits, searchLimits } from '../../../../../lib/limits.ts';

/** The filter facets, as the reader's URL names them (lib/annotations/note-filter.ts). */
const facets = ['theme', 'with', 'reader', 'type'] as const;

const known = new Set(['format', 'notes', 'group', 'replies', 'style', ...facets, 'thread', 'q', 'hasReplies', 'meeting']);

/**
 * `?format=md|csv|jsonld|docx&notes=all|mine|filter&group=theme|text|reader&replies=1|0&style=mla|chicago|apa` and,
 * for `notes=filter`, the reader's filter parameters (`theme`, `with`, `reader`, `type`, `thread`, `q`, and
 * `hasReplies=1` — the reader's `replies=1` of its filter, renamed here because `replies` chooses whether replies are
 * exported). Each facet takes at most {@link exportLimits.valuesPerFacet} values of {@link exportLimits.valueLength}
 * characters; `q` at most {@link searchLimits.queryLength}. Unknown parameters are refused, so a misspelt option is
 * an error rather than a silent default.
 */
export const exportQuerySchema = z
  .object({
    format: z.enum(exportFormats, { error: `format is one of ${exportFormats.join(', ')}` }),
    notes: z.enum(noteSelections, { error: `notes is one of ${noteSelections.join(', ')}` }).default('all'),
    group: z.enum(exportGroupings, { error: `group is one of ${exportGroupings.join(', ')}` }).default('theme'),
    replies: z.enum(['0', '1'], { error: 'replies is 0 or 1' }).default('1'),
    style: z.enum(citationStyles, { error: `style is one of ${citationStyles.join(', ')}` }).default('mla'),
    ...Object.fromEntries(
      facets.map((f) => [
        f,
        z
          .array(z.string().max(exportLimits.valueLength, `a ${f} is at most ${exportLimits.valueLength} characters`))
          .max(exportLimits.valuesPerFacet, `at most ${exportLimits.valuesPerFacet} ${f} values`),
      ]),
    ),
    thread: z.enum(['any', 'open', 'resolved'], { error: 'thread is any, open or resolved' }).optional(),
    q: z.string().max(searchLimits.queryLength, `q is at most ${searchLimits.queryLength} characters`).optional(),
    hasReplies: z.enum(['0', '1'], { error: 'hasReplies is 0 or 1' }).optional(),
    /** Only the notes written during this meeting of the document (its id). */
    meeting: z.string().min(1).max(64, 'meeting is a meeting id').optional(),
  })
  .transform((query) => {
    const params = new URLSearchParams();
    for (const f of facets) for (const v of (query as unknown as Record<string, string[]>)[f] ?? []) params.append(f, v);
    if (query.thread) params.set('thread', query.thread);
    if (query.q) params.set('q', query.q);
    if (query.hasReplies === '1') params.set('replies', '1');
    const filter: NoteFilter = filterFromParams(params);
    return {
      format: query.format,
      notes: query.notes,
      group: query.group,
      replies: query.replies === '1',
      style: query.style,
      filter,
      ...(query.meeting === undefined ? {} : { meeting: query.meeting }),
    };
  });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The query of `url` parsed, or the first reason it is refused. */
export function parseExportQuery(url: URL): { ok: true; value: ExportQuery } | { ok: false; error: string } {
  const unknown = [...url.searchParams.keys()].find((k) => !known.has(k));
  if (unknown !== undefined) return { ok: false, error: `unknown parameter ${JSON.stringify(unknown.slice(0, 40))}` };
  const single = (k: string) => (url.searchParams.getAll(k).length > 1 ? [] : (url.searchParams.get(k) ?? undefined));
  for (const k of ['format', 'notes', 'group', 'replies', 'style', 'thread', 'q', 'hasReplies', 'meeting'])
    if (url.searchParams.getAll(k).length > 1) return { ok: false, error: `${k} is given once` };
  const parsed = exportQuerySchema.safeParse({
    format: single('format'),
    notes: single('notes'),
    group: single('group'),
    replies: single('replies'),
    style: single('style'),
    thread: single('thread'),
    q: single('q'),
    hasReplies: single('hasReplies'),
    meeting: single('meeting'),
    ...Object.fromEntries(facets.map((f) => [f, url.searchParams.getAll(f)])),
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'not an export' };
  return { ok: true, value: parsed.data };
}
