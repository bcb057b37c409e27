import { describe, expect, it } from 'vitest';
import { parseNotesFile } from '../../lib/import-notes/parse-notes.ts';
import { anchorNotes, importedComment } from '../../lib/import-notes/plan-import.ts';
import { noteImportLimits } from '../../lib/limits.ts';
import { storyText } from '../helpers/unit-story.ts';

const quote = (exact: string) => ({ type: 'TextQuoteSelector', exact });

describe('parseNotesFile', () => {
  it('reads a W3C collection: comment and tags from the bodies, the author from the creator, a reply by its target', () => {
    const file = {
      type: 'AnnotationCollection',
      first: {
        items: [
          {
            id: 'urn:a',
            motivation: 'questioning',
            creator: { id: 'u1', name: 'Ada' },
            created: '2024-01-01T00:00:00Z',
            body: [
              { type: 'TextualBody', purpose: 'commenting', value: 'Why?' },
              { type: 'TextualBody', purpose: 'tagging', value: ' Guilt ' },
            ],
            target: {
              source: 's',
              selector: [quote('Spike sat'), { type: 'TextPositionSelector', start: 0, end: 9 }, { type: 'XPathSelector', value: '/p' }],
            },
          },
          { id: 'urn:b', motivation: 'replying', body: { type: 'TextualBody', value: 'Because.' }, target: 'urn:a' },
          { id: 'urn:c', motivation: 'assessing', body: [{ purpose: 'assessing', value: 'agree' }], target: 'urn:a' },
        ],
      },
    };
    const parsed = parseNotesFile(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.notes).toEqual([
      {
        index: 0,
        sourceId: 'urn:a',
        quote: { type: 'TextQuoteSelector', exact: 'Spike sat' },
        position: { type: 'TextPositionSelector', start: 0, end: 9 },
        comment: 'Why?',
        tags: ['guilt'],
        author: 'Ada',
        created: '2024-01-01T00:00:00Z',
        motivation: 'questioning',
      },
      { index: 1, sourceId: 'urn:b', replyTo: 'urn:a', comment: 'Because.', tags: [], motivation: 'replying' },
    ]);
    expect(parsed.value.skipped).toEqual([{ index: 2, reason: expect.stringContaining('reaction') }]);
  });

  it('reads a Hypothesis export and its API answer alike, skipping replies', () => {
    const row = {
      id: 'h1',
      user: 'acct:carol@hypothes.is',
      text: 'Note',
      tags: ['A', 'a'],
      created: 'not a date',
      target: [{ source: 'https://x', selector: [{ type: 'RangeSelector', startContainer: '/p[1]' }, quote('sat inside')] }],
    };
    const reply = { id: 'h2', user: 'acct:dan@hypothes.is', text: 'Re', references: ['h1'], target: [{ source: 'https://x' }] };
    for (const file of [
      { export_date: 'x', annotations: [row, reply] },
      { total: 2, rows: [row, reply] },
    ]) {
      const parsed = parseNotesFile(file);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.value.notes).toEqual([
        {
          index: 0,
          sourceId: 'h1',
          quote: { type: 'TextQuoteSelector', exact: 'sat inside' },
          comment: 'Note',
          tags: ['a'],
          author: 'carol',
        },
      ]);
      expect(parsed.value.skipped.map((s) => s.index)).toEqual([1]);
    }
  });

  it('refuses what is not a file of notes, and more notes than an import takes', () => {
    expect(parseNotesFile('text').ok).toBe(false);
    expect(parseNotesFile({ hello: 1 }).ok).toBe(false);
    expect(parseNotesFile({ type: 'AnnotationCollection', first: 'https://x/page0' })).toEqual({
      ok: false,
      error: expect.stringContaining('first.items'),
    });
    const many = Array.from({ length: noteImportLimits.notesPerImport + 1 }, () => ({ target: 'x' }));
    expect(parseNotesFile(many)).toEqual({ ok: false, error: expect.stringContaining(String(noteImportLimits.notesPerImport)) });
  });

  it('cuts long context to Glossa’s limit, keeping the part next to the quote', () => {
    const parsed = parseNotesFile([
      {
        target: { selector: { type: 'TextQuoteSelector', exact: 'q', prefix: `${'x'.repeat(400)}END`, suffix: `START${'y'.repeat(400)}` } },
      },
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    const q = parsed.value.notes[0].quote!;
    expect(q.prefix?.endsWith('END')).toBe(true);
    expect(q.suffix?.startsWith('START')).toBe(true);
    expect(q.prefix?.length).toBe(256);
  });
});

describe('anchorNotes and importedComment', () => {
  it('sorts notes into placed, unplaced and replies, and stops searching at the time budget', () => {
    const parsed = parseNotesFile([
      { target: { selector: quote('Spike sat inside the mausoleum') } },
      { target: { selector: quote('a sentence nowhere in the story at all') } },
      { body: { value: 'Re' }, target: 'urn:x' },
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    const anchored = anchorNotes(storyText, parsed.value.notes, 1000);
    expect(anchored.placed.map((p) => [p.note.index, p.method])).toEqual([[0, 'quote']]);
    expect(anchored.unplaced.map((u) => u.note.index)).toEqual([1]);
    expect(anchored.replies.map((r) => r.index)).toEqual([2]);

    let now = 0;
    const late = anchorNotes(storyText, parsed.value.notes, 10, () => (now += 20));
    expect(late.unplaced.map((u) => [u.note.index, u.reason])).toEqual([
      [0, 'time-budget'],
      [1, 'time-budget'],
    ]);
  });

  it('credits another author in the comment, and leaves the importer’s own notes unchanged', () => {
    const me = { id: 'u', name: 'Ann' };
    expect(importedComment({ comment: 'Hm.', author: 'Carol' }, me)).toBe('Hm.\n\n— Originally by Carol');
    expect(importedComment({ comment: '', author: 'Carol' }, me)).toBe('— Originally by Carol');
    expect(importedComment({ comment: 'Hm.', author: 'Ann' }, me)).toBe('Hm.');
    expect(importedComment({ comment: 'Hm.' }, me)).toBe('Hm.');
  });
});
