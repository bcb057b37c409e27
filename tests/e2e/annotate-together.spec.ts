/**
 * Two readers in two browser contexts annotate the story together: notes, edits and deletes reach the other
 * reader live, survive a reload, and only their author may change them.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { notesPerMinute } from './global-setup.ts';
import { baseUrl, card, clickPhrase, commentOnSelection, openReader, selectByKeyboard, selectByMouse } from './reader-helpers.ts';

test('a note with tag guilt reaches the other reader live, survives a reload and disappears when deleted', async ({ browser }) => {
  const ann = await openReader(browser, 'Ann');
  const ben = await openReader(browser, 'Ben');

  await selectByMouse(ann, 'he had turned his back on her');
  await commentOnSelection(ann, 'The turn away is where the guilt starts.', ['guilt']);

  const benCard = card(ben, 'The turn away is where the guilt starts.');
  await expect(benCard).toBeVisible();
  await expect(benCard).toContainText('Ann');
  await expect(benCard.locator('.tag-chip')).toHaveText(['guilt']);
  await expect(ben.locator('.reader-text .hl')).toHaveText(['he had turned his back on her']);

  await ben.reload();
  await expect(ben.getByTestId('room-status')).toHaveText('Live');
  await expect(card(ben, 'The turn away is where the guilt starts.')).toBeVisible();
  await expect(ben.locator('.reader-text .hl')).toHaveText(['he had turned his back on her']);

  await card(ann, 'The turn away is where the guilt starts.').getByRole('button', { name: 'Delete' }).click();
  await expect(card(ben, 'The turn away is where the guilt starts.')).toHaveCount(0);
  await expect(ben.locator('.reader-text .hl')).toHaveCount(0);
  await ann.context().close();
  await ben.context().close();
});

test('a reader without an account reads live and is not shown; signed-in readers appear in who is here', async ({ browser }) => {
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(`${baseUrl()}/d/should-have-known`);
  await expect(guest.getByTestId('reading-only')).toContainText('Sign in to annotate');
  await expect(guest.getByTestId('room-status')).toHaveText('Live');
  const cleo = await openReader(browser, 'Cleo');
  const dan = await openReader(browser, 'Dan');
  await expect(cleo.getByTestId('peers')).toContainText('Cleo (you)');
  await expect(cleo.getByTestId('peers')).toContainText('Dan');
  await expect(guest.getByTestId('peers')).toContainText('Cleo');
  // The guest reads the notes live as they are written.
  await selectByMouse(cleo, 'clawing and biting');
  await commentOnSelection(cleo, 'Guests can read this.');
  await expect(guest.locator('.note-card', { hasText: 'Guests can read this.' })).toBeVisible();
  await cleo.locator('.note-card', { hasText: 'Guests can read this.' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await context.close();
  await cleo.context().close();
  await dan.context().close();
});

test('keyboard selection with Shift+arrows and H makes a highlight; a delete can be undone', async ({ browser }) => {
  const eve = await openReader(browser, 'Eve');
  const fay = await openReader(browser, 'Fay');
  await selectByKeyboard(eve, 'Things had changed, fallen apart.');
  await eve.keyboard.press('h');
  await expect(fay.locator('.reader-text .hl')).toHaveText(['Things had changed, fallen apart.']);
  const eveCard = eve.locator('.note-card', { hasText: 'Things had changed' });
  await expect(eveCard).toContainText('Highlight');

  await eveCard.getByRole('button', { name: 'Delete' }).click();
  await expect(fay.locator('.reader-text .hl')).toHaveCount(0);
  await eve.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(fay.locator('.reader-text .hl')).toHaveText(['Things had changed, fallen apart.']);
  await eveCard.getByRole('button', { name: 'Delete' }).click();
  await expect(fay.locator('.reader-text .hl')).toHaveCount(0);
  await eve.context().close();
  await fay.context().close();
});

test('overlapping notes on the same words all show, and only their author may edit them', async ({ browser }) => {
  const gus = await openReader(browser, 'Gus');
  const hal = await openReader(browser, 'Hal');
  await selectByMouse(gus, 'a desperate effort to control her problems with magic');
  await commentOnSelection(gus, 'Control is the word that matters.', ['the chip']);
  await selectByMouse(hal, 'her problems with magic');
  await commentOnSelection(hal, 'Whose word is addiction?', ['exclusion']);

  for (const page of [gus, hal]) {
    await expect(card(page, 'Control is the word that matters.')).toBeVisible();
    await expect(card(page, 'Whose word is addiction?')).toBeVisible();
    // The shared words sit inside both highlights.
    await expect(page.locator('.reader-text .hl .hl')).toHaveText(['her problems with magic']);
  }
  await expect(card(hal, 'Control is the word that matters.').getByRole('button', { name: 'Edit' })).toHaveCount(0);

  await card(gus, 'Control is the word that matters.').getByRole('button', { name: 'Edit' }).click();
  const composer = gus.getByRole('form', { name: 'Write a note' });
  await composer.getByLabel('Comment').fill('Control, not cure, is what England was for.');
  await composer.getByRole('button', { name: 'Save changes' }).click();
  await expect(card(hal, 'Control, not cure, is what England was for.')).toContainText('(edited)');

  // A click on a highlight focuses its card; a click on a card focuses and flashes its passage.
  await clickPhrase(hal, 'a desperate effort');
  await expect(hal.locator('.note-card.focused')).toContainText('Control, not cure');
  await card(hal, 'Whose word is addiction?').click();
  await expect(hal.locator('.note-card.focused')).toContainText('Whose word is addiction?');
  await expect(hal.locator('.hl-focus')).toHaveText('her problems with magic');

  // Tags typed by one reader are offered to the other.
  await selectByMouse(hal, "She'd left to get better");
  await hal
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .click();
  await expect(hal.locator('datalist option[value="the chip"]')).toHaveCount(1);
  await hal.keyboard.press('Escape');

  mkdirSync('test-results', { recursive: true });
  await gus.screenshot({ path: 'test-results/reader-overlapping.png' });
  await gus.context().close();
  await hal.context().close();
});

test('an unknown document shows a not-found page', async ({ page }) => {
  const response = await page.goto(`${baseUrl()}/d/no-such-text`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await expect(page.getByRole('link', { name: 'Should Have Known' })).toBeVisible();
});

test('a card sits level with its passage, also far down the text', async ({ browser }) => {
  const ivy = await openReader(browser, 'Ivy');
  const phrase = 'And he should have known better.';
  await selectByMouse(ivy, phrase);
  await commentOnSelection(ivy, 'The title, at last.', ['guilt']);
  const passage = ivy.locator('.reader-text .hl', { hasText: phrase });
  const note = card(ivy, 'The title, at last.');
  await passage.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => {
      const [p, c] = [await passage.boundingBox(), await note.boundingBox()];
      return p && c ? Math.abs(p.y - c.y) : Infinity;
    })
    .toBeLessThan(24);
  await note.getByRole('button', { name: 'Delete' }).click();
  await ivy.context().close();
});

test('a reply to a note reaches its author live, and its writer can delete it', async ({ browser }) => {
  const jo = await openReader(browser, 'Jo');
  const kit = await openReader(browser, 'Kit');
  await selectByMouse(jo, 'the only sign of movement in the crypt');
  await commentOnSelection(jo, 'Stillness as a state of mind.', ['loneliness']);

  const kitCard = card(kit, 'Stillness as a state of mind.');
  await kitCard.getByRole('button', { name: 'Reply' }).click();
  await kitCard.getByLabel('Your reply').fill('And the smoke is the only thing alive.');
  await kitCard.getByLabel('Your reply').press('Control+Enter');

  const joReplies = card(jo, 'Stillness as a state of mind.').getByRole('list', { name: 'Replies' });
  await expect(joReplies).toContainText('Kit');
  await expect(joReplies).toContainText('And the smoke is the only thing alive.');
  await expect(joReplies.getByRole('button', { name: 'Delete reply' })).toHaveCount(0);

  await kitCard.getByRole('button', { name: 'Delete reply' }).click();
  await expect(kit.getByRole('status').filter({ hasText: 'Reply deleted.' })).toBeVisible();
  await expect(card(jo, 'Stillness as a state of mind.').getByRole('list', { name: 'Replies' })).toHaveCount(0);
  await card(jo, 'Stillness as a state of mind.').getByRole('button', { name: 'Delete', exact: true }).click();
  await jo.context().close();
  await kit.context().close();
});

test('a link to a note opens the text at that note for another reader', async ({ browser }) => {
  const max = await openReader(browser, 'Max');
  await selectByMouse(max, 'All he knew anymore was that they had lost her.');
  await commentOnSelection(max, 'The last paragraph, quoted in our essay.');
  const id = await card(max, 'The last paragraph, quoted in our essay.').getAttribute('data-annotation-id');
  await expect(card(max, 'The last paragraph, quoted in our essay.').getByRole('link', { name: /\d/ })).toHaveAttribute('href', `#${id}`);

  const nia = await openReader(browser, 'Nia', `/d/should-have-known#${id}`);
  await expect(nia.locator('.note-card.focused')).toContainText('The last paragraph, quoted in our essay.');
  await expect(nia.locator('.note-card.focused')).toBeFocused();
  await expect(nia.locator('.hl-focus')).toHaveText('All he knew anymore was that they had lost her.');
  await expect(nia.locator('.hl-focus')).toBeInViewport();
  await card(max, 'The last paragraph, quoted in our essay.').getByRole('button', { name: 'Delete' }).click();
  await max.context().close();
  await nia.context().close();
});

test('the server says why it refused a note: past the per-minute quota the note is taken back and the reader told', async ({ browser }) => {
  const page = await openReader(browser, 'Quinn');
  const phrases = [
    'Spike sat inside the mausoleum',
    'the only sign of movement in the crypt',
    'New Year',
    'Willow',
    'Buffy',
    'lost her',
    'mausoleum',
  ];
  expect(phrases.length).toBeGreaterThan(notesPerMinute);
  for (const phrase of phrases.slice(0, notesPerMinute + 1)) {
    await selectByMouse(page, phrase);
    await page.keyboard.press('h');
    await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toHaveCount(0);
  }
  await expect(page.getByRole('alert').filter({ hasText: 'Your note was not saved' })).toContainText('too many notes per minute');
  await expect(page.locator('.note-card').filter({ hasText: 'Quinn' })).toHaveCount(notesPerMinute);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/refusal-explained.png' });
  await page.context().close();
});

test('replies of a deleted note stay readable as replies to a removed note', async ({ browser }) => {
  const jo = await openReader(browser, 'Ines');
  const kit = await openReader(browser, 'Otto');
  await selectByMouse(jo, 'the only sign of movement in the crypt');
  await commentOnSelection(jo, 'A note that will be withdrawn.');
  const kitCard = card(kit, 'A note that will be withdrawn.');
  await kitCard.getByRole('button', { name: 'Reply' }).click();
  await kitCard.getByLabel('Your reply').fill('But my answer to it still stands.');
  await kitCard.getByLabel('Your reply').press('Control+Enter');
  await expect(card(jo, 'A note that will be withdrawn.').getByRole('list', { name: 'Replies' })).toContainText(
    'But my answer to it still stands.',
  );

  await card(jo, 'A note that will be withdrawn.').getByRole('button', { name: 'Delete', exact: true }).click();
  const removed = kit.getByRole('region', { name: 'Replies to removed notes' });
  await expect(removed).toContainText('But my answer to it still stands.');
  await expect(removed.getByRole('button', { name: 'Reply', exact: true })).toHaveCount(0);
  await removed.getByRole('button', { name: 'Delete reply' }).click();
  await expect(removed).toHaveCount(0);
  await jo.context().close();
  await kit.context().close();
});
