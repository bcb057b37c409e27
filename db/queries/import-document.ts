/** Importing a text into the library: validation of the request, canonicalisation, a stable readable id. */
import { z } from 'zod';
import type { Visibility } from '../../lib/access/roles.ts';
import { importFile, type ImportFileInput } from '../../lib/import/index.ts';
import { httpLimits } from '../../lib/limits.ts';
import { clipTitle } from '../../lib/text/clip-title.ts';
import { documentSlug, nextDocumentId } from '../../lib/text/document-slug.ts';
import { importPlainText, type ImportedText } from '../../lib/text/import-text.ts';
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

/**
 * Stores an imported text under a new id (its title's slug, then `-2`, `-3` …) and returns the id. `title`, when
 * given, wins over the one the file gave.
 */
/** Who imports a text (null: no account, so the instance owner owns it), and who may read it. */
export interface ImportOwner {
  ownerId: string | null;
  groupId?: string | null;
  visibility?: Visibility;
}

export function storeImportedText(db: GlossaDb, imported: ImportedText, title?: string, owner: ImportOwner = { ownerId: null }): string {
  const finalTitle = clipTitle(title ?? imported.title) || 'Untitled';
  // Allocation and insert run in one synchronous stretch of the one server process, so no other import can take
  // the id in between.
  const slug = documentSlug(finalTitle);
  const id = nextDocumentId(slug, documentSlugUse(db, slug));
  insertDocument(db, {
    id,
    title: finalTitle,
    author: imported.author,
    metadata: imported.metadata,
    text: imported.text,
    ownerId: owner.ownerId,
    groupId: owner.groupId ?? null,
    visibility: owner.visibility ?? 'open',
    ...structureColumns(imported),
  });
  return id;
}

/** Imports a plain text given as a string (JSON requests) and returns its new id. Throws TextImportError. */
export function importDocument(db: GlossaDb, request: ImportRequest, owner?: ImportOwner): string {
  const imported = importPlainText(request.text, { fallbackTitle: request.title ?? 'Untitled' });
  return storeImportedText(db, imported, request.title, owner);
}

/** Imports a file of any supported format (see lib/import) and returns its new id. Throws TextImportError. */
export function importDocumentFile(db: GlossaDb, file: ImportFileInput, title?: string, owner?: ImportOwner): string {
  return storeImportedText(db, importFile(file), title, owner);
}
