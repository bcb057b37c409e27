/**
 * The CSV export: one row per note and per reply, for spreadsheets — UTF-8 with a byte-order mark (so Excel reads
 * it as UTF-8), CRLF line ends and RFC 4180 quoting, written by `csv-stringify`.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportModel, ExportReply } from './export-model.ts';

/** The header row. */
export const csvColumns = [
  'id',
  'chapter',
  '¶',
  'quote',
  'note',
  'type',
  'themes',
  'author',
  'created',
  'modified',
  'reply count',
  'parent id',
] as const;

/**
 * A reader's words as a spreadsheet cell that cannot run: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel, LibreOffice and Sheets (`=HYPERLINK(…)` in a note would run on the exporter's
 * machine), so it gets a leading apostrophe, OWASP's advice for CSV injection. The apostrophe shows; nothing runs.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The rows (without the header) of `model`: each note, then its replies (readers' words made spreadsheet-safe). */
export function csvRows(model: ExportModel): string[][] {
  const rows: string[][] = [];
  const reply = (r: ExportReply, chapter: string, paragraph: string) => [
    r.id,
    chapter,
    paragraph,
    '',
    spreadsheetSafe(r.trace ?? r.text),
    'Reply',
    '',
    spreadsheetSafe(r.author.name),
    r.created,
    r.modified ?? '',
    '',
    r.parentId,
  ];
  for (const n of model.notes) {
    const chapter = n.locator.chapter ? String(n.locator.chapter.ordinal) : '';
    const paragraph = n.locator.paragraph !== null ? String(n.locator.paragraph) : '';
    rows.push([
      n.id,
      chapter,
      paragraph,
      spreadsheetSafe(n.quote),
      spreadsheetSafe(n.trace ?? n.comment),
      n.typeLabel,
      spreadsheetSafe(n.themes.join(';')),
      spreadsheetSafe(n.author.name),
      n.created,
      n.modified ?? '',
      String(n.replyCount),
      '',
    ]);
    for (const r of n.replies) rows.push(reply(r, chapter, paragraph));
  }
  for (const r of model.orphanReplies) rows.push(reply(r, '', ''));
  return rows;
}

/** The CSV file of `model`. */
export function writeCsv(model: ExportModel): string {
  return stringify([[...csvColumns], ...csvRows(model)], {
    bom: true,
    record_delimiter: '\r\n',
    // A line break inside a field is quoted too (by default only the record delimiter, CRLF, would be).
    quoted_match: /[\r\n]/,
  });
}
