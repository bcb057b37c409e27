/**
 * The library in Chromium against the real server: adding a text by file chooser, by drag-and-drop and by pasting
 * (with its progress and the duplicate notice), bad files explained with the server's own words and the library
 * left as it was, renaming and changing the author inline from the keyboard, deleting with a confirmation that says
 * what goes with the text and Undo, axe scans of the dialogs, and the page at phone width.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sampleEpub } from '../helpers/epub-builder.ts';
import { destroyAllClients } from '../helpers/room-clients.ts';
import { baseUrl, seedNote, signInAs } from './reader-helpers.ts';

/** Renaming and deleting are the owner's: these tests sign in as the librarian, who imports the texts. */
const librarian = { id: 'r-librarian', name: 'Librarian' };

/** A title no other test (or earlier run on this server) used. */
function unique(title: string): string {
  return `${title} ${Math.random().toString(36).slice(2, 7)}`;
}

function markdown(title: string): Buffer {
  return Buffer.from(`# ${title}\n\nThe lamp burned low over the ${title.toLowerCase()} desk.\n\n## Later\n\nMorning came.\n`);
}

async function openLibrary(page: Page): Promise<void> {
  await page.goto(baseUrl());
  await expect(page.getByRole('heading', { level: 2, name: /^Texts/ })).toBeVisible();
}

function entry(page: Page, title: string) {
  return page
    .getByRole('list', { name: 'Texts' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

async function textCount(page: Page): Promise<number> {
  return page.getByRole('list', { name: 'Texts' }).getByRole('listitem').count();
}

/** Imports a text as the librarian (signing `page`'s browser in as them), who then owns it. */
async function importViaApi(page: Page, title: string, text: string): Promise<string> {
  await signInAs(page.context(), librarian);
  const res = await page.request.post(`${baseUrl()}/api/documents`, { data: { title, text } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.afterAll(() => destroyAllClients());

test('a Markdown file chosen with the file chooser is imported, listed and opens in the reader', async ({ page }) => {
  const title = unique('Chosen Notes');
  await openLibrary(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles({ name: 'chosen.md', mimeType: 'text/markdown', buffer: markdown(title) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(title);
  await expect(entry(page, title)).toBeVisible();
  await expect(entry(page, title)).toContainText('0 notes');
  await page.screenshot({ path: 'test-results/library-desktop.png', fullPage: true });
  await entry(page, title).getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(/\/d\/chosen-notes-/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('a Markdown file dropped on the page is imported and listed', async ({ page }) => {
  const title = unique('Dropped Notes');
  await openLibrary(page);
  const before = await textCount(page);
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/markdown' }));
      return transfer;
    },
    { name: 'dropped.md', text: markdown(title).toString() },
  );
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toContainText('Drop the file to import it.');
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(entry(page, title)).toBeVisible();
  expect(await textCount(page)).toBe(before + 1);
});

test('a large file shows its upload progress, then "Importing…"', async ({ page }) => {
  const title = unique('Long Chronicle');
  await openLibrary(page);
  // ~6 MB of text, sent through a throttled connection so the progress can be seen.
  const paragraph = 'The chronicle went on and on, year after year, as chronicles do. '.repeat(20);
  const body = Buffer.from(`title: ${title}\n\n${Array.from({ length: 4500 }, () => paragraph).join('\n\n')}\n`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024 * 1024,
  });
  // Every text the status panel shows is recorded, so no step is missed however fast it passes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatus: string[] }).seenStatus = seen;
    const panel = document.querySelector('.library-import-status')!;
    new MutationObserver(() => seen.push(panel.textContent ?? '')).observe(panel, { subtree: true, childList: true, characterData: true });
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles({ name: 'chronicle.txt', mimeType: 'text/plain', buffer: body });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(title, { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus);
  const percents = seen
    .map((t) => /Uploading chronicle\.txt… (\d+) %/.exec(t)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number);
  expect(
    percents.some((p) => p > 0 && p < 100),
    `percentages seen: ${percents.join(', ')}`,
  ).toBe(true);
  expect(seen.some((t) => t.includes('Importing chronicle.txt…'))).toBe(true);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(entry(page, title)).toContainText(/M characters/);
});

test('pasted text is imported with its title, and the same text again gets a duplicate notice', async ({ page }) => {
  const title = unique('Pasted Tale');
  const text = `author: Pat Paster\n\nA tale of ${title}, pasted whole.\n\nIts second paragraph.\n`;
  await openLibrary(page);
  await page.getByRole('button', { name: 'Paste text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste a text' });
  await expect(dialog.getByLabel('Text')).toBeFocused();
  await dialog.getByLabel('Text').fill(text);
  await dialog.getByLabel('Title (optional)').fill(title);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(entry(page, title)).toContainText('Pat Paster');
  await expect(page.getByTestId('duplicate-notice')).toHaveCount(0);

  await page.getByRole('button', { name: 'Paste text…' }).click();
  await dialog.getByLabel('Text').fill(text);
  await dialog.getByRole('button', { name: 'Import' }).click();
  const notice = page.getByTestId('duplicate-notice');
  await expect(notice).toContainText('already holds this text');
  await expect(notice.getByRole('link', { name: title })).toHaveAttribute('href', /\/d\/pasted-tale-/);
});

test('a corrupt or DRM-protected EPUB shows the server’s reason and leaves the library as it was', async ({ page }) => {
  await openLibrary(page);
  const before = await textCount(page);
  const cases = [
    { name: 'broken.epub', buffer: Buffer.from('PK\u0003\u0004 this is not really a zip'), reason: 'not a readable EPUB' },
    { name: 'locked.epub', buffer: Buffer.from(sampleEpub({ 'META-INF/rights.xml': '<rights/>' })), reason: 'The EPUB is DRM-protected' },
  ];
  for (const file of cases) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles({ name: file.name, mimeType: 'application/epub+zip', buffer: file.buffer });
    const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
    await expect(alert).toContainText(file.name);
    await expect(alert).toContainText(file.reason);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  await page.reload();
  expect(await textCount(page)).toBe(before);
});

test('a file over the size cap is refused before it is sent', async ({ page }) => {
  await openLibrary(page);
  const before = await textCount(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(13 * 1024 * 1024, 'a') });
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toContainText('at most 12 MiB');
  expect(await textCount(page)).toBe(before);
});

test('a text is renamed and given an author inline: Enter saves, Esc cancels, focus returns to Edit', async ({ page }) => {
  const title = unique('Working Title');
  const renamed = unique('Final Title');
  await importViaApi(page, title, 'A story that needs a better name.\n');
  await openLibrary(page);
  const edit = page.getByRole('button', { name: `Edit title and author of ${title}` });
  await edit.click();
  const form = page.getByRole('form', { name: `Edit ${title}` });
  await expect(form.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Discarded');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(edit).toBeFocused();
  await expect(entry(page, title)).toBeVisible();

  await page.keyboard.press('Enter'); // Edit has the focus
  await form.getByLabel('Title').fill(renamed);
  await form.getByLabel('Author').fill('Rae Namer');
  await form.getByLabel('Author').press('Enter');
  await expect(entry(page, renamed)).toContainText('Rae Namer');
  await expect(page.getByRole('button', { name: `Edit title and author of ${renamed}` })).toBeFocused();
  await page.reload();
  await expect(entry(page, renamed)).toContainText('Rae Namer');
});

test('deleting a text says what goes with it, and Undo brings it back with its notes', async ({ page }) => {
  const title = unique('Doomed Draft');
  const id = await importViaApi(page, title, 'The draft that was deleted by mistake.\n\nIts notes were worth keeping.\n');
  await seedNote(id, 'worth keeping');

  await openLibrary(page);
  await expect(entry(page, title)).toContainText('1 note');
  await page.getByRole('button', { name: `Delete ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete “${title}”?` });
  await expect(dialog).toContainText('Its 1 note will be deleted with it');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(entry(page, title)).toHaveCount(0);
  const toast = page.getByTestId('library-toast');
  await expect(toast).toContainText(`Deleted ${title} with its 1 note`);
  expect((await fetch(`${baseUrl()}/d/${id}`)).status).toBe(404);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toContainText(`Restored ${title}`);
  await expect(entry(page, title)).toContainText('1 note');
  expect((await fetch(`${baseUrl()}/d/${id}`)).status).toBe(200);
});

test('a list asked for while a delete runs does not put the deleted text back', async ({ page }) => {
  const title = unique('Raced Draft');
  await importViaApi(page, title, 'A text deleted while the library was still being read.\n');
  await openLibrary(page);
  // Opening the confirmation reads the list again: the server answers at once (the text still listed), but the
  // answer reaches the page only after the delete has answered.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${baseUrl()}/api/documents`, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: `Delete ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete “${title}”?` });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(entry(page, title)).toHaveCount(0);
  const listed = page.waitForResponse((res) => res.url() === `${baseUrl()}/api/documents` && res.request().method() === 'GET');
  release();
  await listed;
  await expect(entry(page, title)).toHaveCount(0);
  await page.unroute(`${baseUrl()}/api/documents`);
});

test('cancelling a delete or a paste gives the focus back to the button that opened the dialog', async ({ page }) => {
  const title = unique('Kept Text');
  await importViaApi(page, title, 'A text the reader decided to keep.\n');
  await openLibrary(page);
  const remove = page.getByRole('button', { name: `Delete ${title}` });
  await remove.click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(entry(page, title)).toBeVisible();
  const paste = page.getByRole('button', { name: 'Paste text…' });
  await paste.click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(paste).toBeFocused();
});

test('the library with the paste dialog open, and with the delete confirmation open, has no axe violations', async ({ page }) => {
  await importViaApi(page, unique('Scanned Text'), 'A text to scan.\n');
  await openLibrary(page);
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Paste text…' }).click();
  await expect(page.getByRole('dialog', { name: 'Paste a text' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', { name: /^Delete / })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: /^Delete / })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
});

test('the library fits a 390 px phone without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openLibrary(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeInViewport();
  await page.screenshot({ path: 'test-results/library-phone.png', fullPage: true });
  await context.close();
});

test('on a 390 px phone a file chosen by touch is imported and opens in the reader', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const title = unique('Phone Upload');
  await openLibrary(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).tap();
  await (await chooser).setFiles({ name: 'phone.md', mimeType: 'text/markdown', buffer: markdown(title) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(title);
  await expect(entry(page, title)).toBeVisible();
  await entry(page, title).getByRole('link', { name: title }).tap();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await context.close();
});
