/**
 * Accounts in the browser: a newcomer creates an account from the reader, lands back on the story signed in (no
 * name prompt), and writes a note that carries their account as its creator; another reader sees it live. The
 * sign-in page passes an axe scan and says clearly why a wrong password is refused.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fetchCollection } from '../helpers/annotations.ts';
import { baseUrl, card, commentOnSelection, openReader, selectByMouse } from './reader-helpers.ts';

const shots = 'test-results/accounts';
mkdirSync(shots, { recursive: true });

/** A text of this test's own, so its notes never show up in the other tests' story. */
async function createText(): Promise<string> {
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const res = await fetch(`${baseUrl()}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Accounts ${Math.random().toString(36).slice(2, 8)}`, text: story }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('a newcomer creates an account from the reader and writes a note as that account, seen live by another reader', async ({
  browser,
}) => {
  const id = await createText();
  const path = `/d/${id}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl() + path);
  // Not signed in: the text reads live, with no composer, and the reader is offered to sign in to annotate.
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  await selectByMouse(page, 'groggy and in a few cases hung over');
  await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Sign in to annotate' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByRole('button', { name: 'Create an account' }).click();
  const email = `ada-${Date.now()}@example.test`;
  await page.getByLabel(/Your name/).fill('Ada Account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.screenshot({ path: `${shots}/sign-up.png` });
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByTestId('account-status')).toContainText('Signed in as Ada Account');
  await expect(page.getByTestId('reading-only')).toHaveCount(0);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  const me = (await (await page.request.get(`${baseUrl()}/api/me`)).json()) as { creator: { id: string; name: string } };
  expect(me.creator.name).toBe('Ada Account');

  const other = await openReader(browser, 'Otto', path);
  await selectByMouse(page, 'groggy and in a few cases hung over');
  await commentOnSelection(page, 'Written as an account.');
  await expect(card(other, 'Written as an account.')).toBeVisible();
  const collection = await fetchCollection(baseUrl(), id);
  const stored = JSON.stringify(collection).includes(`"creator":{"id":"${me.creator.id}","name":"Ada Account"}`);
  expect(stored).toBe(true);

  // Signing out goes back to reading only.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('reading-only')).toContainText('Sign in to annotate');
  await expect(page.getByTestId('account-status')).toHaveCount(0);
  await context.close();
  await other.context().close();
});

test('the sign-in page explains a wrong password and has no axe violations', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl()}/sign-in`);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.getByLabel('Email').fill('nobody@example.test');
  await page.getByLabel(/^Password/).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.form-error')).toContainText(/invalid email or password/i);
  await expect(page.locator('.form-error')).toHaveAttribute('role', 'alert');
  await page.screenshot({ path: `${shots}/sign-in-error.png` });
  await page.context().close();
});

test('settings: a token is made and shown once, works as a bearer token, and is revoked; the name is changed', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sign-in?mode=sign-up&next=/settings`);
  await page.getByLabel(/Your name/).fill('Tess Tokens');
  await page.getByLabel('Email').fill(`tess-${Date.now()}@example.test`);
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByText('No tokens yet.')).toBeVisible();

  await page.getByLabel('Label').fill('export script');
  await page.getByRole('button', { name: 'Make a token' }).click();
  const token = (await page.getByTestId('fresh-token').textContent())!;
  expect(token).toMatch(/^glossa_pat_/);
  await expect(page.getByRole('list', { name: 'Your tokens' })).toContainText('export script');
  const asToken = await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await asToken.json()) as { creator: { name: string } }).creator.name).toBe('Tess Tokens');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: `${shots}/settings.png` });

  await page.getByRole('button', { name: 'Revoke export script' }).click();
  await expect(page.locator('.settings-ok')).toContainText('revoked');
  await expect(page.getByText('No tokens yet.')).toBeVisible();
  expect((await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

  await page.getByLabel('Display name').fill('Tess Renamed');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.locator('.settings-ok')).toContainText('Your name is changed');
  const me = (await (await page.request.get(`${baseUrl()}/api/me`)).json()) as { creator: { name: string } };
  expect(me.creator.name).toBe('Tess Renamed');
  await context.close();
});
