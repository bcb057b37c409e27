/**
 * Seeds the sample story so a fresh clone opens on a text. The copy shipped in db/seed/ is used, so the project
 * does not depend on ../shared being beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPlainText } from '../lib/text/import-text.ts';
import type { GlossaDb } from './client.ts';
import { documentExists, insertDocument, structureColumns } from './queries/documents.ts';

/** The id of the sample story; stable so links to it survive reseeding. */
export const sampleDocumentId = 'should-have-known';

/** Inserts the sample story unless it is already there. Returns whether it inserted. */
export function seedSampleText(db: GlossaDb, root = process.cwd()): boolean {
  if (documentExists(db, sampleDocumentId)) return false;
  const raw = readFileSync(join(root, 'db', 'seed', 'should-have-known.txt'), 'utf8');
  const imported = importPlainText(raw, { fallbackTitle: 'Should Have Known' });
  insertDocument(db, {
    id: sampleDocumentId,
    title: imported.title,
    author: imported.author,
    metadata: imported.metadata,
    text: imported.text,
    ...structureColumns(imported),
  });
  return true;
}
