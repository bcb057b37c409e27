/** The library and the reader (read without an account, and with notes and the composer open) have no axe violations. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, commentOnSelection, openReader, selectByMouse } from './reader-helpers.ts';

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
