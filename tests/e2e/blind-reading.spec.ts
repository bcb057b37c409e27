/**
 * Reading blind in Chromium, two readers: Bea chooses to read blind and Ada's note vanishes from her page (its words
 * are not in the page at all); Bea posts on the same paragraph and Ada's note appears, with a line saying so. Then
 * the text's owner sets the room blind for everyone, and a reader who chose nothing reads blind until it is lifted.
 */
import { expect, test } from '@playwright/test';
import { baseUrl, card, commentOnSelection, openReader, selectByMouse, signInAs } from './reader-helpers.ts';
import { wcagViolations } from './axe.ts';

test('blind by choice, then revealed by posting on the paragraph; blind for everyone when the room is set so', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada.context(), { id: `r-ada-${suffix}`, name: 'Ada' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await ada.request.post(`${baseUrl()}/api/documents`, { data: { title: `Blind ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await ada.goto(`${baseUrl()}/d/${id}`);
  await expect(ada.getByTestId('room-status')).toHaveText('Live');
  await selectByMouse(ada, 'lost in memories');
  await commentOnSelection(ada, 'Ada reads memory as a refuge.');

  const bea = await openReader(browser, 'Bea', `/d/${id}`);
  await expect(card(bea, 'Ada reads memory as a refuge.')).toBeVisible();
  await bea.getByText('Blind reading & spoilers', { exact: true }).click();
  await bea.getByLabel('Hide others’ notes until I post on the paragraph').check();
  await expect(bea.getByTestId('blind-status')).toContainText('1 note by others is hidden until you post on its paragraph');
  await expect(card(bea, 'Ada reads memory as a refuge.')).toHaveCount(0);
  await expect(bea.locator('.reader-text [data-annotation-id]')).toHaveCount(0);
  expect(await bea.content()).not.toContain('Ada reads memory as a refuge.');
  await bea.screenshot({ path: 'test-results/blind-reading-hidden.png' });
  expect(await wcagViolations(bea)).toEqual([]);
  // Esc closes the settings (they open over the page).
  await bea.keyboard.press('Escape');
  await expect(bea.getByLabel('Hide others’ notes until I post on the paragraph')).toBeHidden();

  // Bea's own note on another paragraph opens nothing; on Ada's paragraph it opens hers.
  await selectByMouse(bea, 'fallen apart');
  await commentOnSelection(bea, 'Bea on the town.');
  await expect(bea.getByTestId('blind-status')).toContainText('1 note by others is hidden');
  await selectByMouse(bea, 'a cigarette burning');
  await commentOnSelection(bea, 'Bea on the smoke.');
  await expect(bea.getByTestId('blind-revealed')).toContainText('Your note opened this paragraph: 1 note by others now shown');
  await expect(card(bea, 'Ada reads memory as a refuge.')).toBeVisible();
  await expect(card(bea, 'Bea on the smoke.')).toBeVisible();
  await expect(bea.getByTestId('blind-status')).toContainText('Others’ notes show on a paragraph once you have posted there');
  await bea.screenshot({ path: 'test-results/blind-reading-revealed.png' });

  // Back to seeing everything, by choice.
  await bea.getByRole('button', { name: 'Show everyone’s notes' }).click();
  await expect(bea.getByTestId('blind-status')).toHaveCount(0);

  // The owner sets the room blind for everyone: a third reader who chose nothing sees none of the notes.
  await ada.getByText('Blind reading & spoilers', { exact: true }).click();
  await ada.getByLabel('Start blind, by paragraph').check();
  const cy = await openReader(browser, 'Cy', `/d/${id}`);
  await expect(cy.getByTestId('blind-status')).toContainText('3 notes by others are hidden');
  await expect(cy.getByTestId('blind-status')).toContainText(
    'The facilitator has this room reading blind (set for the room, or a meeting’s time to annotate alone).',
  );
  await expect(cy.locator('.note-card')).toHaveCount(0);
  await cy.getByText('Blind reading & spoilers', { exact: true }).click();
  expect(await wcagViolations(cy)).toEqual([]);
  // The owner still sees every note.
  await expect(card(ada, 'Bea on the smoke.')).toBeVisible();
  // Lifted: Cy's page joins again (4509) and shows them without a reload.
  await ada.getByLabel('Notes open to all').check();
  await expect(card(cy, 'Ada reads memory as a refuge.')).toBeVisible();
  await expect(cy.getByTestId('blind-status')).toHaveCount(0);
  for (const page of [ada, bea, cy]) await page.context().close();
});

test('the spoiler guard hides notes past where a reader has read, and shows them as she reads on', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada.context(), { id: `r-ada-${suffix}`, name: 'Ada' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await ada.request.post(`${baseUrl()}/api/documents`, { data: { title: `Spoilers ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await ada.goto(`${baseUrl()}/d/${id}`);
  await expect(ada.getByTestId('room-status')).toHaveText('Live');
  await selectByMouse(ada, 'lost in memories');
  await commentOnSelection(ada, 'Early: memory as a refuge.');
  await selectByMouse(ada, 'And he should have known better');
  await commentOnSelection(ada, 'The ending turns the title on him.');

  // Bea opens the text at its start (a short window: the ending is far below) and turns her guard on.
  const bea = await openReader(browser, 'Bea', `/d/${id}`, { viewport: { width: 1100, height: 700 } });
  await expect(card(bea, 'The ending turns the title on him.')).toBeAttached();
  await bea.getByText('Blind reading & spoilers', { exact: true }).click();
  // The box shows what the server stored (it answers with the new setting).
  await bea.getByTestId('spoiler-guard-toggle').click();
  await expect(bea.getByTestId('spoiler-guard-toggle')).toBeChecked();
  await expect(bea.getByTestId('spoiler-status')).toContainText('1 note by others past');
  await expect(card(bea, 'The ending turns the title on him.')).toHaveCount(0);
  await expect(card(bea, 'Early: memory as a refuge.')).toBeVisible();
  expect(await bea.content()).not.toContain('The ending turns the title on him.');
  await bea.keyboard.press('Escape');
  await bea.screenshot({ path: 'test-results/spoiler-guard-on.png' });

  // Remembered: a reload keeps the guard, and the server still withholds the ending.
  await bea.reload();
  await expect(bea.getByTestId('spoiler-status')).toContainText('1 note by others past');
  expect(await bea.content()).not.toContain('The ending turns the title on him.');

  // She reads to the end: once scrolling rests, the note appears.
  await bea.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(card(bea, 'The ending turns the title on him.')).toBeVisible({ timeout: 15_000 });
  await expect(bea.getByTestId('blind-revealed')).toContainText('You read on: 1 note by others now shown');
  await expect(bea.getByTestId('spoiler-status')).toContainText('Notes by others past');
  await bea.screenshot({ path: 'test-results/spoiler-guard-read-on.png' });
  for (const page of [ada, bea]) await page.context().close();
});
