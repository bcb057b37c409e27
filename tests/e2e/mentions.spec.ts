/**
 * Mentions and the inbox in Chromium (issue 11, point 5), three contexts on a group's copy of the story: Fay
 * facilitates, Ada reads on a laptop, Bea on a 390 px phone in the dark theme. Ada types `@Be` in the composer, the autocomplete
 * offers the group's Bea and Ben, she picks Bea with the keyboard and saves — and Bea's Inbox badge counts 1 at once
 * (the room's `inbox` notice, no reload); Bea opens her inbox and jumps to the note (read, badge gone), the mention
 * drawn in her card; Fay is not notified. Bea then replies from the phone, tapping Ada in the autocomplete, and Ada's
 * inbox has it. Screenshots of both screens, looked at by hand.
 */
import { expect, type Page, test } from '@playwright/test';
import { wcagViolations } from './axe.ts';
import { baseUrl, card, clubText, openAs, phoneContext, selectByMouse, signInAs } from './reader-helpers.ts';

const suffix = Math.random().toString(36).slice(2, 7);
const olga = { id: `r-olga-${suffix}`, name: 'Olga' };
const fay = { id: `r-fay-${suffix}`, name: 'Fay' };
const ada = { id: `r-ada-${suffix}`, name: 'Ada' };
const bea = { id: `r-bea-${suffix}`, name: 'Bea' };
const ben = { id: `r-ben-${suffix}`, name: 'Ben Okafor' };

const badge = (page: Page) => page.getByTestId('inbox-badge');

test('a mention picked from the autocomplete lands in the inbox of the one mentioned, live', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const who of [olga, fay, ada, bea, ben]) await signInAs(await browser.newContext(), who);
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const id = await clubText(`Mentions evening ${suffix}`, story, {
    groupId: `g-mentions-${suffix}`,
    name: 'Thursday book club',
    ownerId: olga.id,
    members: [
      { userId: fay.id, role: 'facilitator' },
      { userId: ada.id, role: 'annotator' },
      { userId: bea.id, role: 'annotator' },
      { userId: ben.id, role: 'annotator' },
    ],
  });
  const path = `/d/${id}`;
  const fayPage = await openAs(browser, fay, path);
  const adaPage = await openAs(browser, ada, path);
  // Bea reads in the dark theme: the inbox and the autocomplete keep their contrast there too (axe below).
  const beaPage = await openAs(browser, bea, path, { ...phoneContext, colorScheme: 'dark' });
  // A phone's header shows the Inbox only while something is unread (it keeps two rows); a laptop's always.
  await expect(adaPage.getByRole('button', { name: 'Inbox', exact: true })).toBeVisible();
  await expect(beaPage.locator('.inbox-toggle')).toBeHidden();

  // Ada writes a note and mentions Bea, choosing her from the autocomplete by keyboard.
  await selectByMouse(adaPage, 'a handful of pages');
  await adaPage.keyboard.press('c');
  const composer = adaPage.getByRole('form', { name: 'Write a note' });
  const comment = composer.getByLabel('Comment');
  await expect(comment).toBeFocused();
  await adaPage.keyboard.type('What is on these pages, @Be');
  const list = adaPage.getByRole('listbox', { name: 'Readers to mention' });
  await expect(list.getByRole('option')).toHaveText(['@Bea', '@Ben Okafor']);
  await expect(comment).toHaveAttribute('aria-activedescendant', /.+/);
  await adaPage.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { name: '@Ben Okafor' })).toHaveAttribute('aria-selected', 'true');
  await adaPage.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { name: '@Bea' })).toHaveAttribute('aria-selected', 'true');
  await adaPage.screenshot({ path: 'test-results/mentions-autocomplete.png' });
  expect(await wcagViolations(adaPage)).toEqual([]);
  await adaPage.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(comment).toHaveValue('What is on these pages, @Bea ');
  await expect(composer).toBeVisible(); // Enter picked the name; it did not save or cancel
  await adaPage.keyboard.type('— you read it first?');
  await adaPage.keyboard.press('Control+Enter');
  await expect(composer).toHaveCount(0);
  const adaCard = card(adaPage, 'you read it first?');
  await expect(adaCard.locator('.mention')).toHaveText('@Bea');

  // Bea's badge counts it at once; Fay hears nothing.
  await expect(badge(beaPage)).toHaveText('1');
  await expect(card(fayPage, 'you read it first?')).toBeVisible();
  await expect(badge(fayPage)).toHaveCount(0);

  // Bea opens her inbox on the phone and jumps to the note.
  await beaPage.getByRole('button', { name: /^Inbox\s*,\s*1 unread$/ }).click();
  const panel = beaPage.getByRole('region', { name: 'Inbox' });
  const item = panel.locator('.inbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Ada mentioned you in');
  await expect(item).toContainText(`Mentions evening ${suffix}`);
  await expect(item).toContainText('What is on these pages, @Bea — you read it first?');
  await expect(item).toHaveClass(/unread/);
  await beaPage.screenshot({ path: 'test-results/mentions-inbox-phone.png' });
  expect(await wcagViolations(beaPage)).toEqual([]);
  await item.click();
  await expect(panel).toHaveCount(0);
  await expect(badge(beaPage)).toHaveCount(0);
  const sheet = beaPage.getByTestId('note-sheet');
  await expect(sheet).toBeVisible();
  const beaCard = sheet.locator('.note-card', { hasText: 'you read it first?' });
  await expect(beaCard).toBeVisible();
  await expect(beaCard.locator('.mention-me')).toHaveText('@Bea');
  await beaPage.screenshot({ path: 'test-results/mentions-jump-phone.png' });

  // Reactions work as before, and a reaction is no inbox item.
  await beaCard.getByRole('button', { name: /^Agree: 0/ }).tap();
  await expect(adaCard.getByRole('button', { name: 'Agree: 1 (Bea)' })).toBeVisible();
  await adaPage.waitForTimeout(500);
  await expect(badge(adaPage)).toHaveCount(0);

  // Read stays read after a reload (and the phone's header has its two rows again).
  await beaPage.reload();
  await expect(beaPage.getByTestId('room-status')).toHaveText('Live');
  await expect(beaPage.locator('.inbox-toggle')).toBeHidden();
  await expect(badge(beaPage)).toHaveCount(0);

  // Bea replies from the phone, tapping Ada in the autocomplete: Ada's inbox has the reply.
  const again = beaPage.getByTestId('note-sheet').locator('.note-card', { hasText: 'you read it first?' });
  if (!(await again.isVisible())) await beaPage.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
  await expect(again).toBeVisible();
  await again.getByRole('button', { name: 'Reply', exact: true }).tap();
  const replyBox = again.getByLabel('Your reply');
  await replyBox.pressSequentially('Yes @A');
  const options = beaPage.getByRole('listbox', { name: 'Readers to mention' }).getByRole('option');
  await expect(options).toHaveText(['@Ada']);
  await beaPage.screenshot({ path: 'test-results/mentions-reply-phone.png' });
  expect(await wcagViolations(beaPage)).toEqual([]);
  await options.first().tap();
  await expect(replyBox).toHaveValue('Yes @Ada ');
  await replyBox.pressSequentially('— the letters.');
  await again.getByRole('button', { name: 'Send reply' }).tap();
  await expect(badge(adaPage)).toHaveText('1');
  await adaPage.getByRole('button', { name: /^Inbox\s*,\s*1 unread$/ }).click();
  const adaPanel = adaPage.getByRole('region', { name: 'Inbox' });
  await expect(adaPanel.locator('.inbox-item')).toContainText('Bea mentioned you in');
  await adaPage.screenshot({ path: 'test-results/mentions-inbox-desktop.png' });
  await adaPanel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(badge(adaPage)).toHaveCount(0);
  await adaPage.keyboard.press('Escape');
  await expect(adaPanel).toHaveCount(0);
  await expect(adaPage.getByRole('button', { name: 'Inbox', exact: true })).toBeFocused();

  // Fay was never told anything.
  await expect(badge(fayPage)).toHaveCount(0);

  // The library's header has the Inbox too: Ada's item is there, read.
  await adaPage.goto(`${baseUrl()}/`);
  await adaPage.getByRole('button', { name: 'Inbox', exact: true }).click();
  const libraryItem = adaPage.getByRole('region', { name: 'Inbox' }).locator('.inbox-item');
  await expect(libraryItem).toHaveCount(1);
  await expect(libraryItem).not.toHaveClass(/unread/);
  await adaPage.screenshot({ path: 'test-results/mentions-library.png' });
  expect(await wcagViolations(adaPage)).toEqual([]);
  await libraryItem.click();
  await expect(adaPage).toHaveURL(new RegExp(`/d/${id}#`));
  await expect(adaPage.locator('.note-card.focused')).toContainText('you read it first?');
});
