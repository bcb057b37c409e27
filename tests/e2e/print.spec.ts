/**
 * Printing in Chromium: the reader prints its text with highlights and the notes shown as numbered endnotes in text
 * order (with replies and themes), without its header, margin or panels; a filter narrows what is printed.
 */
import { expect, test } from '@playwright/test';
import { baseUrl, commentOnSelection, selectByMouse, signInAs } from './reader-helpers.ts';

test('the reader prints the text, then the notes shown as numbered endnotes in text order', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const page = await (await browser.newContext()).newPage();
  await signInAs(page.context(), { id: `r-pia-${suffix}`, name: 'Pia' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await page.request.post(`${baseUrl()}/api/documents`, { data: { title: `Print ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await page.goto(`${baseUrl()}/d/${id}`);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  // Written out of text order: the endnotes come in text order.
  await selectByMouse(page, 'the voices and screams');
  await commentOnSelection(page, 'Second in the text.', ['guilt']);
  await selectByMouse(page, 'lost in memories');
  await commentOnSelection(page, 'First in the text.', ['loneliness']);
  await expect(page.getByTestId('print-notes')).toHaveCount(0); // not in the page until it prints

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const endnotes = page.getByTestId('print-notes');
  await expect(endnotes.locator('ol > li')).toHaveCount(2);
  await expect(endnotes.locator('ol > li').nth(0)).toContainText('¶ 1');
  await expect(endnotes.locator('ol > li').nth(0)).toContainText('“lost in memories” — Pia');
  await expect(endnotes.locator('ol > li').nth(0)).toContainText('Themes: loneliness');
  await expect(endnotes.locator('ol > li').nth(1)).toContainText('Second in the text.');
  await expect(page.locator('.reader-header')).toBeHidden();
  await expect(page.locator('.reader-body > .margin')).toBeHidden();
  await expect(page.locator('.reader-text .hl').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/print-text.png' });
  const box = await endnotes.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: 0, y: r.top + window.scrollY, width: 1400, height: Math.min(600, r.height + 20) };
  });
  await page.screenshot({ path: 'test-results/print-endnotes.png', fullPage: true, clip: box });
  // Saving as PDF works (Chromium prints the page as laid out for print).
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(page.getByTestId('print-notes')).toHaveCount(0);

  // A filter narrows the print to the notes shown.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${baseUrl()}/d/${id}?theme=guilt`);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  await expect(page.locator('.note-card')).toHaveCount(1);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(page.getByTestId('print-notes').locator('ol > li')).toHaveCount(1);
  await expect(page.getByTestId('print-notes')).toContainText('Second in the text.');
  await page.context().close();
});
