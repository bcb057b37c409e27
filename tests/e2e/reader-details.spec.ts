/**
 * Small things readers noticed: the gutter's ¶ numbers, a passage flash one can see, a new note's card brought into
 * view, and one entry per person in "who's here" however many tabs they have open.
 */
import { expect, test } from '@playwright/test';
import { baseUrl, card, commentOnSelection, openReader, selectByMouse, signInAs, storyPath } from './reader-helpers.ts';

test('paragraph numbers are drawn in the gutter at desktop width', async ({ browser }) => {
  const page = await openReader(browser, 'Rosa');
  const first = page.locator('.reader-text .para').first();
  await expect(first).toHaveAttribute('data-n', '1');
  const box = (await first.boundingBox())!;
  // The gutter left of the paragraph's first line, with and without the ¶ number: it must be drawn there.
  const clip = { x: box.x - 70, y: box.y, width: 66, height: 24 };
  expect(clip.x).toBeGreaterThan(0);
  const withNumber = await page.screenshot({ clip });
  await page.addStyleTag({ content: '.reader-text .para::before { visibility: hidden !important; }' });
  const withoutNumber = await page.screenshot({ clip });
  expect(withNumber.equals(withoutNumber)).toBe(false);
  await page.context().close();
});

test("a new note's card is scrolled into view, and a click on it flashes its passage visibly", async ({ browser }) => {
  const page = await openReader(browser, 'Sam');
  // A short window, and cards stacked below one passage: the last card starts below the window's bottom.
  await page.setViewportSize({ width: 1400, height: 600 });
  for (const phrase of [
    'He could feel it stirring',
    'the voices and screams',
    'a new refrain now',
    'curiously like his own',
    'mingled with Angel',
  ]) {
    await selectByMouse(page, phrase);
    await page.keyboard.press('h');
    await expect(page.locator('.note-card', { hasText: phrase })).toHaveCount(1);
  }
  await selectByMouse(page, 'You could have stopped this.');
  await commentOnSelection(page, 'The voice is his own conscience.');
  const note = card(page, 'The voice is his own conscience.');
  await expect(note).toBeInViewport();

  // The flash class stays on the passage long enough to be seen (it used to be gone after two or three frames).
  const id = await note.getAttribute('data-annotation-id');
  const flashed = page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const selector = `.reader-text .hl-flash[data-annotation-id="${id}"]`;
        let since = 0;
        const started = performance.now();
        const tick = () => {
          const now = performance.now();
          const on = !!document.querySelector(selector);
          if (on && !since) since = now;
          if ((since && !on) || now - started > 3000) resolve(since ? now - since : 0);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    id,
  );
  await note.click();
  expect(await flashed).toBeGreaterThan(300);

  const mine = page.locator('.note-card', { hasText: 'Sam' });
  for (let left = await mine.count(); left > 0; left--) {
    await mine.first().getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(mine).toHaveCount(left - 1);
  }
  await page.context().close();
});

test("one reader with two tabs appears once in who's here", async ({ browser }) => {
  const uma = await openReader(browser, 'Uma');
  const context = await browser.newContext();
  await signInAs(context, { id: 'r-tess-two-tabs', name: 'Tess' });
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await tab.goto(baseUrl() + storyPath);
    await expect(tab.getByTestId('room-status')).toHaveText('Live');
    await expect(tab.getByTestId('peers')).toContainText('Uma');
  }
  // Both tabs' presence has reached Uma by now; give the last change a moment to be drawn.
  await uma.waitForTimeout(500);
  await expect(uma.getByTestId('peers').getByRole('listitem').filter({ hasText: 'Tess' })).toHaveCount(1);
  for (const tab of tabs) {
    await expect(tab.getByTestId('peers').getByRole('listitem').filter({ hasText: 'Tess' })).toHaveCount(1);
    await expect(tab.getByTestId('peers')).toContainText('Tess (you)');
  }
  await context.close();
  await uma.context().close();
});
