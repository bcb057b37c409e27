import { describe, expect, it } from 'vitest';
import { filterFromParams, noFilter } from '../../lib/annotations/note-filter.ts';
import { exportQuery } from '../../lib/export/export-query.ts';
import { parseExportQuery } from '../../app/api/documents/[id]/export/schema.ts';

const choice = { format: 'md', notes: 'filter', group: 'text', replies: false, style: 'apa' } as const;

describe('the export query', () => {
  it('carries the reader’s URL filter so that the route reads back the same filter', () => {
    const filter = filterFromParams(
      new URLSearchParams('theme=guilt&theme=regret&with=a&reader=r1&type=question&thread=open&replies=1&q=letter'),
    );
    const query = exportQuery(choice, filter);
    const parsed = parseExportQuery(new URL(`http://x/api/documents/d/export?${query}`));
    expect(parsed).toEqual({ ok: true, value: { format: 'md', notes: 'filter', group: 'text', replies: false, style: 'apa', filter } });
  });

  it('leaves the filter out unless the notes are the filter’s', () => {
    const query = exportQuery({ ...choice, notes: 'all' }, filterFromParams(new URLSearchParams('theme=guilt')));
    expect(query.toString()).toBe('format=md&notes=all&group=text&replies=0&style=apa');
    expect(exportQuery(choice, noFilter).toString()).toBe('format=md&notes=filter&group=text&replies=0&style=apa');
  });

  it('carries the meeting whose notes are exported, and the route reads it back', () => {
    const query = exportQuery({ ...choice, notes: 'all', meeting: 'm-1' }, noFilter);
    expect(query.get('meeting')).toBe('m-1');
    const parsed = parseExportQuery(new URL(`http://x/api/documents/d/export?${query}`));
    expect(parsed.ok && parsed.value.meeting).toBe('m-1');
    expect(parseExportQuery(new URL('http://x/api/documents/d/export?format=md&meeting=a&meeting=b')).ok).toBe(false);
  });
});
