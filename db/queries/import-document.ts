/** Importing a text into the library: validation of the request, canonicalisation, a stable readable id. */
import { z } from 'zod';
import { httpLimits } from '../../lib/limits.ts';
import { clipTitle } from '../../lib/text/clip-title.ts';
import { documentSlug, nextDocumentId } from '../../lib/text/document-slug.ts';
import { importPlainText } from '../../lib/text/import-text.ts';
import type { GlossaDb } from '../client.ts';
import { documentSlugUse, insertDocument, structureColumns } from './documents.ts';

/** The largest accepted upload in bytes (War and Peace is 3.3 MB): the HTTP body cap, counted as it is read. */
export const maxImportBytes = httpLimits.bodyBytes;

/**
 * An import request. A title longer than {@link httpLimits.titleLength} is cut with an ellipsis (the rule for every
 * source of a title, see `clipTitle`); one that is blank after trimming counts as absent.
 */
export const importRequestSchema = z.object({
  title: z
    .string()
    .transform((title) => clipTitle(title) || undefined)
    .optional(),
  text: z.string().min(1).max(maxImportBytes),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** Imports a text and returns its new id. Throws TextImportError for texts that cannot be read. */
export function importDocument(db: GlossaDb, request: ImportRequest): string {
  const imported = importPlainText(request.text, { fallbackTitle: request.title ?? 'Untitled' });
  const title = clipTitle(request.title ?? imported.title) || 'Untitled';
  // Allocation and insert run in one synchronous stretch of the one server process, so no other import can take
  // the id in between.
  const slug = documentSlug(title);
  const id = nextDocumentId(slug, documentSlugUse(db, slug));
  insertDocument(db, {
    id,
    title,
    author: imported.author,
    metadata: imported.metadata,
    text: imported.text,
    ...structureColumns(imported),
  });
  return id;
}
