/**
 * axe on every screen: the library and the reader (read without an account, and with notes and the composer open)
 * under every rule; the reader's panels and dialogs, the phone's note sheet and the account and group pages under
 * the WCAG 2 A/AA rules.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { baseUrl, clickPhrase, commentOnSelection, openReader, selectByKeyboard, selectByMouse, signInAs } from './reader-helpers.ts';
import { wcagViolations } from './axe.ts';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the library has no axe violations', async ({ page }) => {
  await page.goto(baseUrl());
  await expect(page.getByRole('link', { name: 'Should Have Known' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the reader without an account (reading only, offered to sign in) has no axe violations', async ({ page }) => {
  await page.goto(`${baseUrl()}/d/should-have-known`);
  await expect(page.getByTestId('reading-only')).toContainText('Sign in to annotate');
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  expect(await violations(page)).toEqual([]);
});

test('the reader with a note, a reply box and the composer open has no axe violations', async ({ browser }) => {
  const lee = await openReader(browser, 'Lee');
  await selectByMouse(lee, 'a handful of pages held in one hand');
  await commentOnSelection(lee, 'Pages of what?', ['the chip']);
  await lee.locator('.note-card', { hasText: 'Pages of what?' }).getByRole('button', { name: 'Reply' }).click();
  await selectByMouse(lee, 'The smoke that curled around him');
  await lee
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .click();
  await expect(lee.getByRole('form', { name: 'Write a note' })).toBeVisible();
  expect(await violations(lee)).toEqual([]);
  await lee.keyboard.press('Escape');
  await lee.locator('.note-card', { hasText: 'Pages of what?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await lee.context().close();
});

/* Every screen (issue 9): WCAG 2 A and AA rules on each of the app's pages and the reader's panels and dialogs. */

/** A signed-in reader on a text of the test's own with one note of theirs tagged guilt. */
async function readerWithNote(browser: Browser, name: string, options: BrowserContextOptions = {}) {
  const suffix = Math.random().toString(36).slice(2, 7);
  const page = await (await browser.newContext(options)).newPage();
  await signInAs(page.context(), { id: `r-axe-${name.toLowerCase()}-${suffix}`, name });
  const story = await (await page.request.get(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await page.request.post(`${baseUrl()}/api/documents`, { data: { title: `Axe ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await page.goto(`${baseUrl()}/d/${id}`);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  await selectByKeyboard(page, 'a handful of pages held in one hand');
  await commentOnSelection(page, 'Pages of what?', ['guilt']);
  return { page, id };
}

test('the reader signed in, with a card focused, the filter panel, the Themes panel and the keyboard help has no WCAG A/AA violations', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { page } = await readerWithNote(browser, 'Axel');
  expect(await wcagViolations(page), 'signed in').toEqual([]);

  await page.locator('.note-card', { hasText: 'Pages of what?' }).focus();
  await expect(page.locator('.note-card', { hasText: 'Pages of what?' })).toBeFocused();
  expect(await wcagViolations(page), 'a card focused').toEqual([]);

  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page.getByTestId('filter-panel')).toBeVisible();
  expect(await wcagViolations(page), 'the filter panel open').toEqual([]);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();

  await page.getByRole('button', { name: 'Themes', exact: true }).click();
  await expect(
    page
      .getByRole('region', { name: 'Themes', exact: true })
      .or(page.getByRole('complementary', { name: 'Themes', exact: true }))
      .first(),
  ).toBeVisible();
  expect(await wcagViolations(page), 'the Themes panel open').toEqual([]);
  await page.getByRole('button', { name: 'Themes', exact: true }).click();

  await page.locator('.note-card', { hasText: 'Pages of what?' }).focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
  expect(await wcagViolations(page), 'the keyboard help open').toEqual([]);
  await page.context().close();
});

test('the reader at phone width with the note sheet open has no WCAG A/AA violations', async ({ browser }) => {
  const { page } = await readerWithNote(browser, 'Pia', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await clickPhrase(page, 'a handful of pages');
  await expect(page.getByTestId('note-sheet')).toBeVisible();
  await expect(page.getByTestId('note-sheet')).toContainText('Pages of what?');
  expect(await wcagViolations(page)).toEqual([]);
  await page.context().close();
});

test('sign-in, settings, the groups list, a group page and a join page have no WCAG A/AA violations', async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`${baseUrl()}/sign-in`);
  await expect(anonymous.getByLabel('Email')).toBeVisible();
  expect(await wcagViolations(anonymous), 'sign-in').toEqual([]);

  const suffix = Math.random().toString(36).slice(2, 7);
  const page = await (await browser.newContext()).newPage();
  await signInAs(page.context(), { id: `r-axe-gus-${suffix}`, name: 'Gus' });
  await page.goto(`${baseUrl()}/settings`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wcagViolations(page), 'settings').toEqual([]);

  const made = await page.request.post(`${baseUrl()}/api/groups`, { data: { name: `Axe readers ${suffix}` } });
  expect(made.status()).toBe(201);
  const group = (await made.json()) as { id: string };
  await page.goto(`${baseUrl()}/groups`);
  await expect(page.getByRole('link', { name: `Axe readers ${suffix}` })).toBeVisible();
  expect(await wcagViolations(page), 'the groups list').toEqual([]);

  const invite = await page.request.post(`${baseUrl()}/api/groups/${group.id}/invites`, { data: { role: 'annotator' } });
  const { url } = (await invite.json()) as { url: string };
  await page.goto(`${baseUrl()}/groups/${group.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Axe readers ${suffix}`);
  expect(await wcagViolations(page), 'a group page').toEqual([]);

  await anonymous.goto(`${baseUrl()}${url}`);
  await expect(anonymous.getByRole('heading', { level: 1 })).toContainText(`Axe readers ${suffix}`);
  expect(await wcagViolations(anonymous), 'a join page').toEqual([]);
  await page.context().close();
  await anonymous.context().close();
});
