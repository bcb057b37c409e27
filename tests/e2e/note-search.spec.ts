/**
 * Searching words in a large room, in Chromium: past 2,000 notes the reader's filter asks the server for its words
 * (GET …/search), says "Searching…" while it waits, keeps the notes the server found — by a comment with accents,
 * a tag and a reply — and says why when the server fails.
 */
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { searchLimits } from '../../lib/limits.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { ann, joinRoom, waitFor } from '../helpers/room-clients.ts';
import { serverDatabases } from '../helpers/server-process.ts';
import { baseUrl, signInAs } from './reader-helpers.ts';

/** The server's ws:// URL, its database known to the account fixture (the global setup started it elsewhere). */
function fixtureWsUrl(): string {
  const dbPath = process.env.GLOSSA_E2E_DB;
  if (!dbPath) throw new Error('GLOSSA_E2E_DB is not set: the global setup did not start the server');
  const wsUrl = baseUrl().replace(/^http/, 'ws');
  serverDatabases.set(wsUrl, { dbPath, writable: true });
  return wsUrl;
}

test('a room of more than 2,000 notes searches the filter’s words on the server', async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const story = await fetchText(baseUrl());
  const imported = await fetch(`${baseUrl()}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Large room ${suffix}`, text: story }),
  });
  const { id } = (await imported.json()) as { id: string };
  const text = await fetchText(baseUrl(), id);

  // Ann's notes come in with her first sync (written offline, so not held to the per-minute quota of live notes).
  const count = searchLimits.serverSearchFromNotes + 50;
  const passages = ['lost in memories', 'Spike sat inside the mausoleum', 'fallen apart', 'two tiny little details'];
  const offline = new Y.Doc();
  const note = (i: number, comment: string, tags: string[] = []) =>
    buildNote({ text, documentId: id, creator: ann, id: `n-${i}`, passage: passages[i % passages.length], comment, tags });
  offline.transact(() => {
    const map = offline.getMap('annotations');
    for (let i = 0; i < count; i++) map.set(`n-${i}`, note(i, `Routine remark number ${i}.`));
    map.set('n-7', note(7, 'A lantérne rouge in the fog.'));
    map.set('n-8', note(8, 'Nothing to see.', ['lantern']));
    map.set('r-9', buildReply({ id: 'r-9', parentId: 'n-9', creator: ann, text: 'A lantern, again.', now: new Date() }));
  });
  const client = await joinRoom(fixtureWsUrl(), id, ann, {}, offline);
  try {
    await waitFor(
      async () => {
        const res = await fetch(`${baseUrl()}/api/documents/${id}/search?q=lantern`);
        return ((await res.json()) as { total?: number }).total === 3;
      },
      30_000,
      'the notes in the index',
    );
  } finally {
    client.destroy();
  }

  const context = await browser.newContext();
  await signInAs(context, { id: `r-lou-${suffix}`, name: 'Lou' });
  const page = await context.newPage();
  // The first answer is held back a moment, so the wait shows.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const asked: string[] = [];
  await page.route('**/api/documents/*/search?*', async (route) => {
    asked.push(new URL(route.request().url()).searchParams.get('q') ?? '');
    await held;
    await route.continue();
  });
  await page.goto(`${baseUrl()}/d/${id}?q=Lantern`);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const panel = page.getByTestId('filter-panel');
  await expect(panel.getByTestId('filter-search-status')).toHaveText('Searching…');
  release();
  await expect(panel.getByTestId('filter-search-status')).toHaveText('');
  await expect(panel.locator('.filter-count')).toHaveText(`3 of ${count} notes`);
  expect(asked).toContain('Lantern');
  await expect(panel.locator('.filter-list li')).toHaveCount(3);

  // A failing server is said, and the words then narrow nothing.
  await page.unroute('**/api/documents/*/search?*');
  await page.route('**/api/documents/*/search?*', (route) => route.fulfill({ status: 503, json: { error: 'The database is read-only.' } }));
  await panel.getByRole('searchbox').fill('routine');
  await expect(panel.getByTestId('filter-search-status')).toContainText('The database is read-only.');
  await expect(panel.locator('.filter-count')).toHaveText(`All ${count} notes`);
});
