/**
 * The reader on a phone (390 × 844, touch): the text takes the whole width, notes open in a bottom sheet that
 * never covers the passage they are about, the selection popup stays on screen, the header fits; and the dark
 * theme that follows the system setting keeps every text readable (axe, colour contrast included).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { openReader, storyPath } from './reader-helpers.ts';

const phone = { width: 390, height: 844 };
const shots = process.env.GLOSSA_PHONE_SHOTS ?? 'test-results/phone';
mkdirSync(shots, { recursive: true });

/** A reader on a phone: touch, mobile viewport, their name chosen, the room live. */
async function openPhone(browser: Browser, name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  return openReader(browser, name, storyPath, { viewport: phone, hasTouch: true, isMobile: true, deviceScaleFactor: 2, colorScheme });
}

/**
 * Selects `phrase` the way a phone's selection handles do: the document selection changes with no mouse event
 * (the popup must follow `selectionchange`, not mouseup). The phrase is scrolled to the upper part of the window.
 */
async function selectAsTouch(page: Page, phrase: string): Promise<void> {
  await page.evaluate((phrase) => {
    const walker = document.createTreeWalker(document.querySelector('.reader-text')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(phrase);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'start', behavior: 'instant' });
      window.scrollBy(0, -120);
      document.getSelection()!.setBaseAndExtent(node, at, node, at + phrase.length);
      return;
    }
    throw new Error(`phrase not in the text: ${phrase}`);
  }, phrase);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(phrase);
}

type Box = { x: number; y: number; width: number; height: number };
async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box;
}

/** Every card shown is inside the note sheet: none is drawn over the text column. */
async function expectNoCardOverText(page: Page): Promise<void> {
  const text = await boxOf(page.locator('.reader-text'));
  const sheet = page.getByTestId('note-sheet');
  const open = await sheet.isVisible();
  const sheetBox = open ? await boxOf(sheet) : null;
  for (const card of await page.locator('.note-card').all()) {
    if (!(await card.isVisible())) continue;
    const box = await boxOf(card);
    expect(sheetBox, 'a card is shown while the sheet is closed').not.toBeNull();
    const inSheet = await card.evaluate((el) => !!el.closest('[data-testid="note-sheet"]'));
    expect(inSheet, 'a card outside the sheet').toBe(true);
    // Inside the sheet's box, which is fixed over the bottom of the window (not laid over the text's flow).
    expect(box.y).toBeGreaterThanOrEqual(sheetBox!.y - 1);
  }
  // The text takes the width of the window, less its padding.
  expect(text.x).toBeGreaterThanOrEqual(0);
  expect(text.x + text.width).toBeLessThanOrEqual(phone.width);
  expect(text.width).toBeGreaterThan(phone.width * 0.8);
}

test('on a phone, the header fits, the popup stays on screen, and a comment is written in a sheet below its passage', async ({
  browser,
}) => {
  const page = await openPhone(browser, 'Pia');

  // The header is one condensed line: no horizontal overflow, the readers as a count.
  const header = page.locator('.reader-header');
  const fits = await header.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    height: el.getBoundingClientRect().height,
  }));
  expect(fits.scroll).toBeLessThanOrEqual(fits.client);
  expect(fits.height).toBeLessThan(80);
  await expect(page.getByTestId('peer-count')).toBeVisible();
  await expect(page.getByTestId('peer-count')).toHaveText(/\d+ here/);
  await expect(page.getByTestId('peers')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

  // A passage that ends near the right edge: the popup is clamped inside the window.
  const phrase = 'a complex blend of pain and shame and worry';
  await selectAsTouch(page, phrase);
  const popup = page.getByRole('toolbar', { name: 'Annotate the selection' });
  await expect(popup).toBeVisible();
  const pop = await boxOf(popup);
  expect(pop.x).toBeGreaterThanOrEqual(0);
  expect(pop.y).toBeGreaterThanOrEqual(0);
  expect(pop.x + pop.width).toBeLessThanOrEqual(phone.width);
  expect(pop.y + pop.height).toBeLessThanOrEqual(phone.height);
  await page.screenshot({ path: `${shots}/popup-light.png` });

  // Comment: the composer opens in the sheet, and the passage stays visible above it.
  await popup.getByRole('button', { name: /Comment/ }).tap();
  const sheet = page.getByRole('region', { name: 'New note' });
  await expect(sheet).toBeVisible();
  const composer = sheet.getByRole('form', { name: 'Write a note' });
  await expect(composer.getByLabel('Comment')).toBeFocused();
  const draft = page.locator('.reader-text [data-annotation-id="(draft)"]');
  await expect(draft.first()).toBeVisible();
  await expect
    .poll(async () => {
      const [d, s, h] = [await boxOf(draft.last()), await boxOf(sheet), await boxOf(header)];
      return d.y + d.height <= s.y && (await boxOf(draft.first())).y >= h.y + h.height;
    })
    .toBe(true);
  const sheetBox = await boxOf(sheet);
  expect(sheetBox.y + sheetBox.height).toBeLessThanOrEqual(phone.height + 1);
  expect(sheetBox.height).toBeLessThanOrEqual(phone.height * 0.6 + 1);
  await page.screenshot({ path: `${shots}/composer-light.png` });

  await composer.getByLabel('Comment').fill('Pain, shame, worry: the order matters.');
  await composer.getByRole('button', { name: 'Save note' }).tap();
  const noteSheet = page.getByRole('region', { name: 'Note', exact: true });
  await expect(noteSheet.locator('.note-card', { hasText: 'Pain, shame, worry' })).toBeVisible();
  await expectNoCardOverText(page);
  await page.screenshot({ path: `${shots}/card-light.png` });

  // Close hides the sheet; no card is left over the text.
  await noteSheet.getByRole('button', { name: 'Close' }).tap();
  await expect(page.getByTestId('note-sheet')).toBeHidden();
  await expectNoCardOverText(page);

  // Tap the highlight: its card (and thread) in the sheet; Escape closes it.
  const hl = page.locator('.reader-text .hl', { hasText: 'pain and shame' });
  await hl.first().scrollIntoViewIfNeeded();
  await hl.first().tap();
  await expect(noteSheet.locator('.note-card', { hasText: 'Pain, shame, worry' })).toBeVisible();
  await expect(noteSheet.getByRole('button', { name: 'Reply' })).toBeVisible();
  const [h, s] = [await boxOf(hl.last()), await boxOf(noteSheet)];
  expect(h.y + h.height).toBeLessThanOrEqual(s.y);
  await expectNoCardOverText(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('note-sheet')).toBeHidden();

  // Clean up: open the card again and delete the note. (A second tap at the same place within 500 ms would be a
  // double tap, which selects a word.)
  await page.waitForTimeout(600);
  await hl.first().tap();
  await noteSheet.getByRole('button', { name: 'Delete', exact: true }).tap();
  await expect(page.locator('.reader-text .hl', { hasText: 'pain and shame' })).toHaveCount(0);
  await expect(page.getByTestId('note-sheet')).toBeHidden();
  await page.context().close();
});

test('on a phone, a long press in the text is not refused and selection by touch handles opens the popup', async ({ browser }) => {
  const page = await openPhone(browser, 'Quin');
  const word = page.locator('.reader-text .para').nth(3);
  await word.scrollIntoViewIfNeeded();
  const box = await boxOf(word);
  // A long press (touch held 900 ms). Headless Chromium may or may not select a word on it; either way the page
  // must not take it as an edit, and no keyboard may be asked for (inputmode=none on the text).
  const cdp = await page.context().newCDPSession(page);
  const point = { x: box.x + 60, y: box.y + 12 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await page.waitForTimeout(900);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  test
    .info()
    .annotations.push({ type: 'long press', description: selected ? `selected "${selected}"` : 'no selection in headless Chromium' });
  if (selected.trim()) await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toBeVisible();
  await expect(page.locator('.reader-text')).toHaveAttribute('inputmode', 'none');

  await selectAsTouch(page, 'nobody to kiss away the tears');
  await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toBeVisible();
  await page.context().close();
});

test('in the dark theme the page is dark and the reader with a note passes axe, colour contrast included', async ({ browser }) => {
  const page = await openPhone(browser, 'Rue', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(3 * 60);

  await selectAsTouch(page, 'Anya was viewing the whole situation with apparent indifference');
  await page
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Highlight/ })
    .tap();
  await expect(page.locator('.reader-text .hl', { hasText: 'Anya was viewing' })).toHaveCount(1);
  await selectAsTouch(page, 'Her eyes were green again');
  await page
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .tap();
  const composer = page.getByRole('form', { name: 'Write a note' });
  await composer.getByLabel('Comment').fill('Green again: the magic is under control.');
  await composer.getByLabel('Add a tag').fill('loss');
  await composer.getByLabel('Add a tag').press('Enter');
  await composer.getByRole('button', { name: 'Save note' }).tap();
  const sheet = page.getByRole('region', { name: 'Note', exact: true });
  await expect(sheet.locator('.note-card', { hasText: 'Green again' })).toBeVisible();
  await page.screenshot({ path: `${shots}/card-dark.png` });

  const result = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // Colour contrast is checked on the highlighted words themselves, not skipped as undeterminable.
  expect(result.passes.some((p) => p.id === 'color-contrast' && p.nodes.some((n) => n.target.join(' ').includes('hl')))).toBe(true);
  const all = await new AxeBuilder({ page }).analyze();
  expect(all.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await sheet.getByRole('button', { name: 'Delete', exact: true }).tap();
  await page.waitForTimeout(600);
  await page.locator('.reader-text .hl', { hasText: 'Anya was viewing' }).first().tap();
  await sheet.getByRole('button', { name: 'Delete', exact: true }).tap();
  // Other tests share this server's story: only this test's two highlights must be gone.
  await expect(page.locator('.reader-text .hl', { hasText: 'Anya was viewing' })).toHaveCount(0);
  await expect(page.locator('.reader-text .hl', { hasText: 'Her eyes were green again' })).toHaveCount(0);
  await page.context().close();
});

test('in the dark theme at desktop width the margin card and its highlight pass axe', async ({ browser }) => {
  const page = await openReader(browser, 'Sol');
  await page.emulateMedia({ colorScheme: 'dark' });
  await selectAsTouch(page, 'Things had changed, fallen apart.');
  await page.keyboard.press('h');
  const card = page.locator('.note-card', { hasText: 'Things had changed' });
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(27, 26, 24)');
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: `${shots}/desktop-dark.png` });
  await card.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(card).toHaveCount(0);
  await page.context().close();
});
