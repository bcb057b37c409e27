/** Importing a text into the library: validation of the request, canonicalisation, a stable readable id. */
import { z } from 'zod';
import { importPlainText } from '../../lib/text/import-text.ts';
import type { GlossaDb } from '../client.ts';
import { documentExists, insertDocument } from './documents.ts';

/** The largest accepted upload (War and Peace is 3.3 MB). */
export const maxImportBytes = 12 * 1024 * 1024;

export const importRequestSchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  text: z.string().min(1).max(maxImportBytes),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

function slug(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'text';
}

/** Imports a text and returns its new id. Throws TextImportError for texts that cannot be read. */
export function importDocument(db: GlossaDb, request: ImportRequest): string {
  const imported = importPlainText(request.text, { fallbackTitle: request.title ?? 'Untitled' });
  const title = request.title ?? imported.title;
  let id = slug(title);
  for (let n = 2; documentExists(db, id); n++) id = `${slug(title)}-${n}`;
  insertDocument(db, {
    id,
    title,
    author: imported.author,
    metadata: imported.metadata,
    text: imported.text,
    paragraphs: imported.paragraphs.map((p) => [p.start, p.end]),
  });
  return id;
}
