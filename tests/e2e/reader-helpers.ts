/** Builders for browser tests: readers with a name, text selection by keyboard or mouse, waiting for the room. */
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote, fetchText, storedIds } from '../helpers/annotations.ts';
import { ann, joinRoom, waitFor } from '../helpers/room-clients.ts';
import { ensurePasswordAccount } from '../helpers/account-fixture.ts';
import { type GroupFixture, setDocumentAccess, writeGroup } from '../helpers/group-fixture.ts';
import { serverDatabases } from '../helpers/server-process.ts';

export const storyPath = '/d/should-have-known';

/** The base URL of the server started by global-setup. */
export function baseUrl(): string {
  const url = process.env.GLOSSA_E2E_URL;
  if (!url) throw new Error('GLOSSA_E2E_URL is not set: the global setup did not start the server');
  return url;
}

/**
 * Signs a browser context in as `reader`: a fixture account with the reader's id and name, signed in through the
 * real sign-in route; the session cookie is put in the context.
 */
export async function signInAs(context: BrowserContext, reader: { id: string; name: string }): Promise<void> {
  const dbPath = process.env.GLOSSA_E2E_DB;
  if (!dbPath) throw new Error('GLOSSA_E2E_DB is not set: the global setup did not start the server');
  const { email, password } = await ensurePasswordAccount(dbPath, reader);
  const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${reader.name} answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl() };
  });
  await context.addCookies(cookies);
}

/**
 * The server's ws:// URL, with its database made known to the account fixture (the server was started by the global
 * setup, in another process), so a Node client joining as a named reader signs in with a fixture token.
 */
function fixtureWsUrl(): string {
  const dbPath = process.env.GLOSSA_E2E_DB;
  if (!dbPath) throw new Error('GLOSSA_E2E_DB is not set: the global setup did not start the server');
  const wsUrl = baseUrl().replace(/^http/, 'ws');
  serverDatabases.set(wsUrl, { dbPath, writable: true });
  return wsUrl;
}

/**
 * Ann writes a note on `passage` of document `documentId` from a Node client (a stock provider), and it is stored
 * before this resolves; the client is gone after.
 */
export async function seedNote(documentId: string, passage: string): Promise<PassageAnnotation> {
  const text = await fetchText(baseUrl(), documentId);
  const client = await joinRoom(fixtureWsUrl(), documentId, ann);
  try {
    const note = buildNote({ text, creator: ann, passage, documentId });
    client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(baseUrl(), documentId)).includes(note.id), 10_000, 'the seeded note stored');
    return note;
  } finally {
    client.destroy();
  }
}

/** A 390 x 844 phone with touch, for a reader's browser context. */
export const phoneContext: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** `who`, signed in, at `path` in a browser context of their own (with `options`, e.g. {@link phoneContext}), once live. */
export async function openAs(
  browser: Browser,
  who: { id: string; name: string },
  path = storyPath,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  await signInAs(context, who);
  const page = await context.newPage();
  await page.goto(baseUrl() + path);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  return page;
}

/** A signed-in reader named `name` (a fresh id) in a browser context of their own. */
export function openReader(browser: Browser, name: string, path = storyPath, options: BrowserContextOptions = {}): Promise<Page> {
  return openAs(browser, { id: `r-${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`, name }, path, options);
}

/**
 * A club's copy of `text`: imported, then made the text of a new group of `ownerId` with `members` (written straight
 * into the test server's database). Returns the document's id.
 */
export async function clubText(title: string, text: string, group: GroupFixture): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, text }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const dbPath = process.env.GLOSSA_E2E_DB!;
  writeGroup(dbPath, group);
  setDocumentAccess(dbPath, id, 'group', group.groupId);
  return id;
}

/** Waits until the page has stopped scrolling (a smooth scroll from an earlier click may still run). */
async function settleScroll(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = -1;
    for (let still = 0, n = 0; still < 3 && n < 120; n++) {
      await frame();
      still = window.scrollY === last ? still + 1 : 0;
      last = window.scrollY;
    }
  });
}

/** The viewport point of character `offset` of the first paragraph text node that contains `phrase`. */
async function pointOf(page: Page, phrase: string, offset: number, occurrence = 0) {
  await settleScroll(page);
  const point = await page.evaluate(
    ({ phrase, offset, occurrence }) => {
      const root = document.querySelector('.reader-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let at = node.textContent!.indexOf(phrase);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at + offset);
            range.setEnd(node, at + offset + 1);
            // Instant, so that a smooth scroll still running cannot move the text under the mouse.
            if (offset === 0) range.startContainer.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
            const r = range.getBoundingClientRect();
            return { x: r.left + 1, right: r.right - 1, y: r.top + r.height / 2 };
          }
          at = node.textContent!.indexOf(phrase, at + 1);
        }
      }
      throw new Error(`phrase not in the text: ${phrase}`);
    },
    { phrase, offset, occurrence },
  );
  await settleScroll(page);
  return point;
}

/** Selects `phrase` with the keyboard: a click before its first letter, then Shift+ArrowRight per character. */
export async function selectByKeyboard(page: Page, phrase: string, occurrence = 0): Promise<void> {
  const start = await pointOf(page, phrase, 0, occurrence);
  await page.mouse.click(start.x - 0.5, start.y);
  for (let i = 0; i < phrase.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(phrase);
}

/** Selects `phrase` with a mouse drag from its first to its last character. */
export async function selectByMouse(page: Page, phrase: string, occurrence = 0): Promise<void> {
  const start = await pointOf(page, phrase, 0, occurrence);
  const end = await pointOf(page, phrase, phrase.length - 1, occurrence);
  await page.mouse.move(start.x - 0.5, start.y);
  await page.mouse.down();
  await page.mouse.move(end.right, end.y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim())).toBe(phrase);
}

/** Writes a note on the current selection through the popup and the composer. */
export async function commentOnSelection(page: Page, comment: string, tags: string[] = []): Promise<void> {
  await page
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .click();
  const composer = page.getByRole('form', { name: 'Write a note' });
  const draft = page.locator('.reader-text [data-annotation-id="(draft)"]');
  await expect(draft.first()).toBeVisible(); // the passage stays marked while the note is written
  await composer.getByLabel('Comment').fill(comment);
  for (const tag of tags) {
    await composer.getByLabel('Add a tag').fill(tag);
    await composer.getByLabel('Add a tag').press('Enter');
  }
  await composer.getByRole('button', { name: 'Save note' }).click();
  await expect(composer).toHaveCount(0);
  await expect(draft).toHaveCount(0);
}

/** The margin card whose comment contains `text`. */
export function card(page: Page, text: string) {
  return page.locator('.note-card', { hasText: text });
}

/** Clicks the middle of the first character of `phrase` in the text. */
export async function clickPhrase(page: Page, phrase: string, occurrence = 0): Promise<void> {
  const at = await pointOf(page, phrase, 0, occurrence);
  await page.mouse.click(at.x + 2, at.y);
}
