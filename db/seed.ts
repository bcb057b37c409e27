/**
 * Seeds the sample story so a fresh clone opens on a text. The copy shipped in db/seed/ is used, so the project
 * does not depend on ../shared being beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Tag } from '../lib/annotations/schema.ts';
import { tagsMapName } from '../lib/collab/shared-state.ts';
import { palette } from '../lib/tags/palette.ts';
import { importPlainText } from '../lib/text/import-text.ts';
import type { GlossaDb } from './client.ts';
import { documentExists, insertDocument, structureColumns } from './queries/documents.ts';
import { storeRoomChange } from './queries/room-store.ts';

/** The themes the sample story's room starts with (the group may rename, recolour, merge or delete them). */
export const suggestedThemes: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'guilt', description: 'What Spike carries, and what he could have done.' },
  { name: 'exclusion', description: 'Willow shut out after England.' },
  { name: 'the chip', description: 'What the chip made of Spike, and what it stopped.' },
  { name: 'loneliness', description: 'Who is alone, and who noticed.' },
  { name: 'regret', description: 'The New Year’s resolutions, the letters, the missed minutes.' },
];

/** The id of the sample story; stable so links to it survive reseeding. */
export const sampleDocumentId = 'should-have-known';

/**
 * Inserts the sample story, with its suggested themes, unless it is already there. Returns whether it inserted.
 * (`suggestedThemes: false` leaves its room empty: storage tests count what they write themselves.)
 */
export function seedSampleText(db: GlossaDb, root = process.cwd(), options: { suggestedThemes?: boolean } = {}): boolean {
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
  if (options.suggestedThemes ?? true) seedSuggestedThemes(db);
  return true;
}

/** Writes the suggested themes into the sample room the way a room stores any change: its log and its rows. */
function seedSuggestedThemes(db: GlossaDb): void {
  const doc = new Y.Doc();
  // Five palette colours far apart (red, blue, green, purple, teal).
  const colours = [palette[0], palette[2], palette[1], palette[4], palette[8]];
  const themes = suggestedThemes.map(({ name, description }, i) => ({ name, label: name, color: colours[i], description }));
  doc.transact(() => {
    for (const { name, ...tag } of themes) doc.getMap(tagsMapName).set(name, tag satisfies Tag);
  });
  storeRoomChange(db, {
    documentId: sampleDocumentId,
    update: Y.encodeStateAsUpdate(doc),
    upsertAnnotations: [],
    deleteAnnotations: [],
    upsertTags: themes,
    deleteTags: [],
    claimClients: [{ clientId: doc.clientID, owner: 'server' }],
  });
  doc.destroy();
}
