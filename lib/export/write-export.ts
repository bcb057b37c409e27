/**
 * One entry to every writer: the file of an export model in a format, with its media type and a safe file name —
 * what the HTTP route, the command line and the benchmark all call.
 */
import { writeCsv } from './csv-writer.ts';
import { writeDocx } from './docx-writer.ts';
import type { ExportFormat, ExportModel } from './export-model.ts';
import { jsonLdMediaType, writeJsonLd } from './jsonld-writer.ts';
import { writeMarkdown } from './markdown-writer.ts';

/** Media type and extension of each format. */
export const exportFileTypes: Record<ExportFormat, { contentType: string; extension: string }> = {
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonld: { contentType: jsonLdMediaType, extension: 'jsonld' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
};

/** The bytes (or text) of `model` in `format`; `collectionId` names the JSON-LD collection. */
export async function writeExport(model: ExportModel, format: ExportFormat, collectionId: string): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return writeMarkdown(model);
    case 'csv':
      return writeCsv(model);
    case 'jsonld':
      return writeJsonLd(model, collectionId);
    case 'docx':
      return writeDocx(model);
  }
}

/**
 * A file name for the export of document `documentId` (a slug already, but re-cleaned: a file name is a boundary
 * too): ASCII letters, digits, `-` and `_` only, at most 80 characters, then `-notes.<ext>`.
 */
export function exportFileName(documentId: string, format: ExportFormat): string {
  const stem =
    documentId
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'document';
  return `${stem}-notes.${exportFileTypes[format].extension}`;
}

/** A `Content-Disposition` header value that downloads `fileName`. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
