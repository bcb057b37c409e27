/**
 * Placing an orphan in Chromium: a reader imports a file whose one note quotes words that are not in the text,
 * reads "0 notes imported, 1 could not be placed", finds the note in the Unplaced notes panel with its quote,
 * selects a passage with the mouse, chooses Place here, and sees the note's card in the margin on that passage.
 */
import { expect, test } from '@playwright/test';
import { baseUrl, card, selectByMouse, signInAs } from './reader-helpers.ts';

test('an imported note that cannot anchor is listed, placed on a selected passage, and shown in the margin', async ({
  browser,
}, testInfo) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const page = await (await browser.newContext()).newPage();
  await signInAs(page.context(), { id: `r-olive-${suffix}`, name: 'Olive' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const created = await page.request.post(`${baseUrl()}/api/documents`, { data: { title: `Orphans ${suffix}`, text: story } });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`${baseUrl()}/d/${id}`);
  await expect(page.getByTestId('room-status')).toHaveText('Live');

  const file = {
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          type: 'Annotation',
          motivation: 'commenting',
          creator: { name: 'Olive' },
          body: [{ type: 'TextualBody', purpose: 'commenting', value: 'The mausoleum, again.' }],
          target: {
            source: 'elsewhere',
            selector: [{ type: 'TextQuoteSelector', exact: 'words from a chapter this edition does not have' }],
          },
        },
      ],
    },
  };
  await page.getByLabel('File of notes to import').setInputFiles({
    name: 'notes.jsonld',
    mimeType: 'application/ld+json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.locator('.import-status')).toHaveText('0 notes imported, 1 could not be placed');
  const panel = page.getByRole('region', { name: 'Unplaced notes' });
  await expect(panel.locator('blockquote')).toHaveText('words from a chapter this edition does not have');
  await expect(panel).toContainText('The mausoleum, again.');

  await selectByMouse(page, 'Spike sat inside the mausoleum');
  await panel.getByRole('button', { name: 'Place here' }).click();
  await expect(page.locator('.import-status')).toHaveText('Note placed.');
  await expect(panel.locator('.orphan')).toHaveCount(0);
  await expect(card(page, 'The mausoleum, again.')).toBeVisible();
  const mark = page.locator('.reader-text [data-annotation-id]', { hasText: 'Spike sat inside the mausoleum' });
  await expect(mark.first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('orphan-placed.png') });
});
