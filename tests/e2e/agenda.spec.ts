/**
 * The agenda of a book-club evening in Chromium (issue 11, point 3), three contexts: Fay facilitates a group's copy
 * of the story, Ada reads on a laptop, Ben on a 390 px phone. Ada asks a question in the text; Fay opens the Agenda
 * panel, adds the group's open question in one step, asks two of her own (one tied to her selection), reorders from
 * the keyboard (the new place is announced) and makes one current — and the current question appears pinned for
 * both readers at once, its passage one click away, and *Answer* opens the reply box of its thread.
 */
import { expect, test } from '@playwright/test';
import { wcagViolations } from './axe.ts';
import { baseUrl, card, clubText, openAs, phoneContext, selectByMouse, signInAs } from './reader-helpers.ts';

const suffix = Math.random().toString(36).slice(2, 7);
const olga = { id: `r-olga-${suffix}`, name: 'Olga' };
const fay = { id: `r-fay-${suffix}`, name: 'Fay' };
const ada = { id: `r-ada-${suffix}`, name: 'Ada' };
const ben = { id: `r-ben-${suffix}`, name: 'Ben' };

test('a facilitator prepares the agenda and the current question appears for everyone', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const who of [olga, fay, ada, ben]) await signInAs(await browser.newContext(), who);
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const id = await clubText(`Agenda evening ${suffix}`, story, {
    groupId: `g-agenda-${suffix}`,
    name: 'Thursday book club',
    ownerId: olga.id,
    members: [
      { userId: fay.id, role: 'facilitator' },
      { userId: ada.id, role: 'annotator' },
      { userId: ben.id, role: 'annotator' },
    ],
  });
  const path = `/d/${id}`;
  const fayPage = await openAs(browser, fay, path);
  const adaPage = await openAs(browser, ada, path);
  const benPage = await openAs(browser, ben, path, phoneContext);

  // Ada asks the group a question in the text (a Question note).
  await selectByMouse(adaPage, 'a handful of pages');
  await adaPage.keyboard.press('c');
  const composer = adaPage.getByRole('form', { name: 'Write a note' });
  await adaPage.keyboard.press('Alt+2');
  await adaPage.keyboard.type('What is written on the pages?');
  await adaPage.keyboard.press('Control+Enter');
  await expect(composer).toHaveCount(0);
  await expect(card(fayPage, 'What is written on the pages?')).toBeVisible();

  // Fay's Agenda panel: empty, then the group's open question in one step.
  await fayPage.getByRole('button', { name: /^Agenda/ }).click();
  const panel = fayPage.getByTestId('agenda-panel');
  await expect(panel).toContainText('No questions on the agenda yet.');
  await panel.getByRole('button', { name: 'Add the group’s open question' }).click();
  const items = panel.locator('.agenda-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('What is written on the pages?');
  await expect(items.first()).toContainText('by Ada');

  // A question tied to Fay's selection, then one tied to no passage.
  await selectByMouse(fayPage, 'lost in memories');
  await panel.getByLabel('Ask a question').fill('What is Spike remembering?');
  await panel.getByLabel('Tie it to my selection (¶ 1 · “lost in memories”)').check();
  await panel.getByRole('button', { name: 'Add question' }).click();
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toContainText('“lost in memories” — go there');
  await panel.getByLabel('Ask a question').fill('Who is to blame for Willow?');
  await panel.getByLabel('Ask a question').press('Control+Enter');
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toContainText('Who is to blame for Willow?');

  // Reorder from the keyboard: the last question up one, twice; the new place is announced and kept.
  await items.nth(2).focus();
  await fayPage.keyboard.press('Alt+ArrowUp');
  await expect(panel.getByRole('status')).toHaveText('Moved to 2 of 3: Who is to blame for Willow?');
  await expect(items.nth(1)).toBeFocused();
  await fayPage.keyboard.press('Alt+ArrowUp');
  await expect(panel.getByRole('status')).toHaveText('Moved to 1 of 3: Who is to blame for Willow?');
  await expect(items.nth(0)).toContainText('Who is to blame for Willow?');
  await expect(items.nth(0)).toBeFocused();
  // The order is the server's: a reload reads it back.
  await fayPage.reload();
  await expect(fayPage.getByTestId('room-status')).toHaveText('Live');
  await fayPage.getByRole('button', { name: /^Agenda/ }).click();
  await expect(items.nth(0)).toContainText('Who is to blame for Willow?');
  await expect(items.nth(1)).toContainText('What is written on the pages?');
  await expect(items.nth(2)).toContainText('What is Spike remembering?');
  // With the mouse: the last dragged onto the first takes its place; dragged back onto the last, it goes last again.
  await items.nth(2).dragTo(items.nth(0));
  await expect(items.nth(0)).toContainText('What is Spike remembering?');
  await expect(items.nth(1)).toContainText('Who is to blame for Willow?');
  await items.nth(0).dragTo(items.nth(2));
  await expect(items.nth(2)).toContainText('What is Spike remembering?');
  await expect(items.nth(0)).toContainText('Who is to blame for Willow?');
  // The Move buttons: down to the bottom (its Move down now disabled, the item keeps the focus) and back up (the
  // keyboard stays on the button pressed).
  await items.nth(1).getByRole('button', { name: 'Move down' }).click();
  await expect(items.nth(2)).toContainText('What is written on the pages?');
  await expect(items.nth(2)).toBeFocused();
  await items.nth(2).getByRole('button', { name: 'Move up' }).click();
  await expect(items.nth(1)).toContainText('What is written on the pages?');
  await expect(items.nth(1).getByRole('button', { name: 'Move up' })).toBeFocused();

  // Remove one, and undo it.
  await items.nth(1).getByRole('button', { name: 'Remove' }).click();
  await expect(items).toHaveCount(2);
  await fayPage.getByTestId('agenda-undo').getByRole('button', { name: 'Undo' }).click();
  await expect(items).toHaveCount(3);
  await expect(items.nth(1)).toContainText('What is written on the pages?');

  // Make Ada's question current: both readers see it pinned under the header.
  await items.nth(1).getByRole('button', { name: 'Make current' }).click();
  await expect(items.nth(1)).toContainText('Current');
  for (const page of [adaPage, benPage]) {
    const bar = page.getByTestId('current-question');
    await expect(bar).toContainText('What is written on the pages?');
    await expect(bar).toContainText('Now discussing · 2 of 3');
  }
  await expect(fayPage.getByTestId('current-question')).toBeVisible();
  expect(await wcagViolations(fayPage)).toEqual([]);
  await fayPage.screenshot({ path: 'test-results/agenda-facilitator.png' });

  // Ben, on his phone, jumps to the passage: it is on screen and its note opens in the sheet.
  await benPage.evaluate(() => window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' }));
  await benPage
    .getByTestId('current-question')
    .getByRole('button', { name: /go there/ })
    .click();
  await expect(benPage.getByTestId('note-sheet')).toContainText('What is written on the pages?');
  const passage = benPage.locator('.reader-text [data-annotation-id]', { hasText: 'pages' }).first();
  await expect(passage).toBeInViewport();
  await benPage.screenshot({ path: 'test-results/agenda-phone.png' });

  // Ada answers from the bar: the question's reply box opens, and her reply reaches Fay.
  await adaPage.getByTestId('current-question').getByRole('button', { name: 'Answer' }).click();
  const reply = adaPage.getByLabel('Your reply');
  await expect(reply).toBeFocused();
  await reply.fill('Letters to Willow, I think.');
  await adaPage.keyboard.press('Control+Enter');
  await expect(card(fayPage, 'What is written on the pages?')).toContainText('Letters to Willow, I think.');
  await adaPage.screenshot({ path: 'test-results/agenda-reader.png' });

  // Ben answers too, from his phone.
  await benPage.getByTestId('current-question').getByRole('button', { name: 'Answer' }).click();
  await benPage.getByLabel('Your reply').fill('A list of names.');
  await benPage.getByRole('button', { name: 'Send reply' }).click();
  await expect(card(fayPage, 'What is written on the pages?')).toContainText('A list of names.');

  // The next question, for everyone.
  await fayPage.getByTestId('current-question').getByRole('button', { name: 'Next question' }).click();
  await expect(adaPage.getByTestId('current-question')).toContainText('What is Spike remembering?');
  await expect(benPage.getByTestId('current-question')).toContainText('Now discussing · 3 of 3');
  await benPage.screenshot({ path: 'test-results/agenda-phone-next.png' });
  for (const page of [fayPage, adaPage, benPage]) await page.context().close();
});
