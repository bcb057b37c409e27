/**
 * Exports in Chromium: a reader with two notes on different themes filters to one theme, opens *Export*, sees the
 * Markdown preview of that theme's note only, downloads the Markdown essay pack and finds in the file the note,
 * its passage, its citation and its deep link — and not the other theme's note. Esc closes the dialog; axe finds
 * no WCAG 2 A/AA violation in it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { wcagViolations } from './axe.ts';
import { baseUrl, commentOnSelection, selectByMouse, signInAs } from './reader-helpers.ts';

test('filter to one theme, export Markdown, and the file holds exactly that theme’s note', async ({ browser }, testInfo) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAs(page.context(), { id: `r-ines-${suffix}`, name: 'Ines' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await page.request.post(`${baseUrl()}/api/documents`, {
    data: { title: `Essay ${suffix}`, text: `author: Lucinda\n\n${story}` },
  });
  const { id } = (await imported.json()) as { id: string };
  await page.goto(`${baseUrl()}/d/${id}`);
  await expect(page.getByTestId('room-status')).toHaveText('Live');

  await selectByMouse(page, 'the voices were entirely right');
  await commentOnSelection(page, 'Guilt speaks "in voices", here.', ['guilt']);
  await selectByMouse(page, 'lost in memories');
  await commentOnSelection(page, 'Memory, not guilt.', ['memory']);

  await page.goto(`${baseUrl()}/d/${id}?theme=guilt`);
  await expect(page.getByTestId('filter-status')).toContainText('Showing 1 of 2 notes');
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('radio', { name: /The current filter/ })).toBeChecked();
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Guilt speaks "in voices", here.');
  await expect(preview).not.toContainText('Memory, not guilt.');
  expect(await wcagViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  await dialog.getByLabel('Citation style').selectOption('apa');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /^Download Markdown/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${id}-notes.md`);
  const md = readFileSync((await download.path())!, 'utf8');
  expect(md).toMatch(/^---\ntitle: "Essay /);
  expect(md).toContain('author: "Lucinda"');
  expect(md).toContain('> the voices were entirely right');
  expect(md).toContain('Guilt speaks "in voices", here.');
  expect(md).toMatch(/\[open in Glossa\]\(http:\/\/[^)]+\/d\/[^)#]+#[^)]+\) \(Lucinda, n\.d\., para\. \d+\)/);
  expect(md).not.toContain('Memory, not guilt.');
  expect(md).toContain('## guilt');

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export' })).toBeFocused();
});

test('on a phone the dialog fits the screen and Close closes it', async ({ browser }, testInfo) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
  await page.goto(`${baseUrl()}/d/should-have-known`);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('title: "Should Have Known"');
  // Without an account there is no "my notes", and without a filter no "current filter".
  await expect(dialog.getByRole('radio', { name: 'My notes' })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: /The current filter/ })).toBeDisabled();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('export-dialog-phone.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
