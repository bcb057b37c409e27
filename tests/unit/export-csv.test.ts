import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvColumns, csvRows, spreadsheetSafe, writeCsv } from '../../lib/export/csv-writer.ts';
import { fixtureModel } from '../helpers/export-fixture.ts';

describe('the CSV export', () => {
  const model = fixtureModel();
  const csv = writeCsv(model);

  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(`\ufeff${csvColumns.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parses back, with an RFC 4180 parser, to exactly the rows', () => {
    const parsed = parse(csv, { bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];
    expect(parsed[0]).toEqual([...csvColumns]);
    expect(parsed.slice(1)).toEqual(csvRows(model));
  });

  it('has one row per note and reply, replies after their note with its chapter and ¶ and their parent id', () => {
    const rows = csvRows(model);
    expect(rows.map((r) => r[0])).toEqual([
      'n-letter',
      'r-1',
      'r-2',
      'n-highlight',
      'n-scripts',
      'n-rain',
      'n-hidden',
      'n-inject',
      'r-orphan',
    ]);
    const letter = rows[0]!;
    expect(letter).toEqual([
      'n-letter',
      '1',
      '1',
      '"Leave the letter on the table,"',
      'She says "leave it", then, she leaves.\nA second line, with a comma.',
      'Note',
      'letters;absence',
      'Lucinda',
      '2026-11-01T10:00:00.000Z',
      '',
      '2',
      '',
    ]);
    expect(rows[1]!.slice(0, 3)).toEqual(['r-1', '1', '1']);
    expect(rows[1]![4]).toBe('Agreed — "mostly",\r\nbut 🙂 not quite.');
    expect(rows[1]![11]).toBe('n-letter');
  });

  it('quotes a field with a bare line break, so a note’s lines never become rows', () => {
    expect(csv).toContain('"# Not a heading\n<script>alert(1)</script>\n---\ntitle: injected\n[link](javascript:alert(1))"');
  });

  it('gives a hidden note its trace, not its text', () => {
    expect(csvRows(model).find((r) => r[0] === 'n-hidden')![4]).toBe('Hidden by a facilitator (Fay)');
  });

  it.each([
    ['=HYPERLINK("http://evil","click")', `'=HYPERLINK("http://evil","click")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['A plain note = fine', 'A plain note = fine'],
    ['', ''],
  ])('makes %j safe in a spreadsheet as %j', (value, safe) => {
    expect(spreadsheetSafe(value)).toBe(safe);
  });
});
