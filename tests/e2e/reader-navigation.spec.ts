/**
 * Reading a whole book: the table of contents and previous/next chapter, continue where you left off, find in
 * the text, folded long comments and threads, the offline banner, distinct reader colours, and an axe scan with
 * the contents and the find bar open. The book is made in the test: plain text with `CHAPTER I` lines.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { colorFor } from '../../lib/tags/palette.ts';
import { fetchCollection } from '../helpers/annotations.ts';
import { baseUrl, openReader, seedNote, selectByMouse, signInAs, storyPath } from './reader-helpers.ts';

const shots = 'test-results/reader-navigation';
mkdirSync(shots, { recursive: true });

const romans = ['I', 'II', 'III'];
const marks = ['Alpha', 'Zephyr café', 'Gamma'];

/**
 * A three-chapter book of 80 paragraphs each (243 blocks: long enough to be drawn in sections that the browser
 * skips off-screen, so every test here runs across skipped sections); chapter 2's paragraphs mention "Zephyr café".
 */
const perChapter = 80;
async function createBook(): Promise<string> {
  const chapter = (k: number) =>
    [
      `CHAPTER ${romans[k]}`,
      ...Array.from(
        { length: perChapter },
        (_, i) =>
          `Paragraph ${i + 1} of chapter ${k + 1}. ${marks[k]} and the long road went on under a grey sky, past the mill and the river, where nobody had walked for years and the grass stood tall.`,
      ),
    ].join('\n\n');
  const title = `A Book of Chapters ${Math.random().toString(36).slice(2, 8)}`;
  const res = await fetch(`${baseUrl()}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, text: [0, 1, 2].map(chapter).join('\n\n') }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const heading = (page: Page, title: string) => page.locator('.reader-text .reader-heading', { hasText: new RegExp(`^${title}$`) });

test('the table of contents lists the chapters and jumps to one; previous/next follow; cards cite ch. and ¶', async ({ browser }) => {
  const id = await createBook();
  const page = await openReader(browser, 'Nora', `/d/${id}`);
  const nav = page.locator('.reader-nav');
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER I');

  // Keyboard: open the contents, the current chapter has the focus, arrow down, Enter jumps.
  const toggle = nav.getByRole('button', { name: 'Contents' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const toc = page.getByRole('navigation', { name: 'Table of contents' });
  await expect(toc.getByRole('button')).toHaveText(['Close', 'CHAPTER I', 'CHAPTER II', 'CHAPTER III']);
  await expect(toc.getByRole('button', { name: 'CHAPTER I', exact: true })).toBeFocused();
  await page.screenshot({ path: `${shots}/contents.png` });
  await page.keyboard.press('ArrowDown');
  await expect(toc.getByRole('button', { name: 'CHAPTER II', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toc).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(heading(page, 'CHAPTER II')).toBeInViewport();
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER II');

  await nav.getByRole('button', { name: 'Next chapter' }).click();
  await expect(heading(page, 'CHAPTER III')).toBeInViewport();
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER III');
  await expect(nav.getByRole('button', { name: 'Next chapter' })).toBeDisabled();
  await nav.getByRole('button', { name: 'Previous chapter' }).click();
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER II');

  // Esc closes the contents and gives the keyboard back to its button.
  await toggle.click();
  await expect(toc).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toc).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // A card cites its passage by chapter and paragraph.
  await selectByMouse(page, 'Paragraph 3 of chapter 2.');
  await page.keyboard.press('h');
  const card = page.locator('.note-card').first();
  await expect(card.locator('.para-ref')).toHaveText('ch. 2, ¶ 3');
  await expect(card).toHaveAttribute('aria-label', 'Note by Nora at ch. 2, ¶ 3');
  // Chapter 2 lies in a section drawn only once it came near the viewport: the card is still level with its passage.
  await expect
    .poll(async () => {
      const hl = await page.locator('.reader-text .hl').first().boundingBox();
      const box = await card.boundingBox();
      return hl && box ? Math.abs(hl.y - box.y) : Number.POSITIVE_INFINITY;
    })
    .toBeLessThan(6);
  await page.context().close();
});

test('a note deep in a long book, in a section skipped at load, gets its card level with its passage once read', async ({ browser }) => {
  const id = await createBook();
  const note = await seedNote(id, 'Paragraph 71 of chapter 3.');
  const page = await openReader(browser, 'Rosa', `/d/${id}`);
  const hl = page.locator(`.reader-text [data-annotation-id="${note.id}"]`);
  await expect(hl).toHaveCount(1);
  // At load its section is far below the window and skipped by the browser.
  const section = hl.locator('xpath=ancestor::section[contains(@class, "reader-section")][1]');
  expect(await section.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(3 * 1000);
  await hl.scrollIntoViewIfNeeded();
  const card = page.locator(`.margin .note-card[data-annotation-id="${note.id}"]`);
  await expect(card).toBeVisible();
  await expect
    .poll(async () => {
      const a = await hl.boundingBox();
      const b = await card.boundingBox();
      return a && b ? Math.abs(a.y - b.y) : Number.POSITIVE_INFINITY;
    })
    .toBeLessThan(6);
  await page.context().close();
});

test('the reader is offered to continue where they left off, and nothing jumps by itself', async ({ browser }) => {
  const id = await createBook();
  const page = await openReader(browser, 'Otto', `/d/${id}`);
  await expect(page.getByRole('button', { name: /^Continue at/ })).toHaveCount(0);
  await page.locator('.reader-nav').getByRole('button', { name: 'Contents' }).click();
  await page.getByRole('navigation', { name: 'Table of contents' }).getByRole('button', { name: 'CHAPTER III' }).click();
  await page.mouse.wheel(0, 600);
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER III');
  // The position is kept once scrolling has rested for half a second.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `glossa.position.${id}`)).toContain('offset');

  await page.reload();
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  const offer = page.getByRole('button', { name: /^Continue at ch\. 3, ¶ \d+$/ });
  await expect(offer).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await page.screenshot({ path: `${shots}/continue.png` });
  const label = (await offer.textContent())!;
  const n = Number(/¶ (\d+)/.exec(label)![1]);
  await offer.click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('current-chapter')).toHaveText('CHAPTER III');
  await expect(page.locator('.reader-text .para', { hasText: `Paragraph ${n} of chapter 3.` })).toBeInViewport();

  // A link to a note opens where it points; the offer is there, but the page does not move by itself.
  await page.goto(baseUrl());
  await page.goto(`${baseUrl()}/d/${id}#a-no-such-note`);
  await expect(page.getByRole('button', { name: /^Continue at ch\. 3/ })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await page.context().close();
});

test('find in the text: Ctrl+F, a count, next and previous, Esc', async ({ browser }) => {
  const id = await createBook();
  const page = await openReader(browser, 'Pia', `/d/${id}`);
  await page.locator('.reader-text').click();
  await page.keyboard.press('Control+f');
  const input = page.getByRole('searchbox', { name: 'Find in the text' });
  await expect(input).toBeFocused();
  await input.fill('ZEPHYR CAFE'); // case and accents do not matter
  const count = page.getByTestId('find-count');
  await expect(count).toHaveText(`1 of ${perChapter}`);
  await expect(page.locator('.reader-text .find-match')).toHaveCount(perChapter);
  await expect(page.locator('.reader-text .find-current')).toHaveText('Zephyr café');
  await expect(page.locator('.reader-text .find-current')).toBeInViewport();
  await input.press('Enter');
  await input.press('Enter');
  await expect(count).toHaveText(`3 of ${perChapter}`);
  await expect(page.locator('.reader-text .para', { has: page.locator('.find-current') })).toContainText('Paragraph 3 of chapter 2.');
  await input.press('Shift+Enter');
  await expect(count).toHaveText(`2 of ${perChapter}`);
  await page.screenshot({ path: `${shots}/find.png` });
  await input.fill('no such words anywhere');
  await expect(count).toHaveText('No matches');
  await input.fill('chapter 3.');
  await expect(count).toHaveText(`1 of ${perChapter}`);
  await expect(page.locator('.reader-text .find-current')).toBeInViewport();
  // The book is drawn in sections; the match far down in chapter 3 was found and shown all the same.
  expect(await page.locator('.reader-text .reader-section').count()).toBeGreaterThan(3);
  await input.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(page.locator('.reader-text .find-match')).toHaveCount(0);
  await page.context().close();
});

test('a long comment and a long thread fold, with show more and show less', async ({ browser }) => {
  const id = await createBook();
  const page = await openReader(browser, 'Quin', `/d/${id}`);
  await selectByMouse(page, 'Paragraph 2 of chapter 1.');
  await page
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .click();
  const long = Array.from({ length: 10 }, (_, i) => `Line ${i + 1} of a long thought about this paragraph.`).join('\n');
  await page.getByRole('form', { name: 'Write a note' }).getByLabel('Comment').fill(long);
  await page.getByRole('button', { name: 'Save note' }).click();
  const card = page.locator('.note-card', { hasText: 'Line 1 of a long thought' });
  const comment = card.locator('.note-comment').first();
  await expect(comment).toHaveClass(/folded/);
  const folded = (await comment.boundingBox())!.height;
  await card.getByRole('button', { name: 'Show more' }).click();
  await expect(comment).not.toHaveClass(/folded/);
  expect((await comment.boundingBox())!.height).toBeGreaterThan(folded + 20);
  await card.getByRole('button', { name: 'Show less' }).click();
  await expect(comment).toHaveClass(/folded/);

  for (let i = 1; i <= 4; i++) {
    await card.getByRole('button', { name: 'Reply', exact: true }).click();
    await card.getByLabel('Your reply').fill(`Reply number ${i}`);
    await card.getByRole('button', { name: 'Send reply' }).click();
    await expect(card.locator('.reply')).toHaveCount(Math.min(i, 3));
  }
  await expect(card.locator('.reply')).toHaveText([/Reply number 1/, /Reply number 2/, /Reply number 3/]);
  await card.getByRole('button', { name: 'Show 1 more reply' }).click();
  await expect(card.locator('.reply')).toHaveCount(4);
  await page.screenshot({ path: `${shots}/thread.png` });
  await card.getByRole('button', { name: 'Show fewer replies' }).click();
  await expect(card.locator('.reply')).toHaveCount(3);
  await page.context().close();
});

/** A reader whose room socket the test can cut (and let back) through a WebSocket route. */
async function readerWithCuttableSocket(browser: Browser, name: string, path: string) {
  const context = await browser.newContext();
  await signInAs(context, { id: `r-${name.toLowerCase()}-net`, name });
  const page = await context.newPage();
  const link = { online: true, sockets: [] as Array<{ close(): Promise<void> }> };
  await page.routeWebSocket(/\/collab\//, (ws) => {
    if (!link.online) {
      void ws.close();
      return;
    }
    link.sockets.push(ws);
    ws.connectToServer();
  });
  await page.goto(baseUrl() + path);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  return { page, link };
}

test('offline is unmistakable and says where new notes are kept; it goes away when the connection returns', async ({ browser }) => {
  const id = await createBook();
  const { page, link } = await readerWithCuttableSocket(browser, 'Rhea', `/d/${id}`);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  link.online = false;
  for (const ws of link.sockets.splice(0)) await ws.close();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toHaveText('Offline — new notes are kept in this browser and sent when the connection returns.');
  await expect(banner).toBeInViewport();
  await selectByMouse(page, 'Paragraph 5 of chapter 1.');
  await page.keyboard.press('h');
  await expect(page.locator('.note-card')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/offline.png` });
  link.online = true;
  await expect(page.getByTestId('room-status')).toHaveText('Live', { timeout: 15_000 });
  await expect(banner).toHaveCount(0);
  // The note made offline reached the server once the connection was back.
  await expect.poll(async () => (await fetchCollection(baseUrl(), id)).total).toBe(1);
  await page.context().close();
});

test('readers present get distinct colours even when their ids hash to the same one', async ({ browser }) => {
  const first = 'r-colour-a';
  const second = Array.from({ length: 1000 }, (_, i) => `r-colour-b${i}`).find((x) => colorFor(x) === colorFor(first))!;
  const pages: Page[] = [];
  for (const [rid, name] of [
    [first, 'Sol'],
    [second, 'Tia'],
  ] as const) {
    const context = await browser.newContext();
    await signInAs(context, { id: rid, name });
    const page = await context.newPage();
    await page.goto(baseUrl() + storyPath);
    pages.push(page);
  }
  for (const page of pages) {
    const items = page.getByTestId('peers').getByRole('listitem');
    await expect(items).toHaveCount(2);
    const colours = await items.locator('.dot').evaluateAll((dots) => dots.map((d) => getComputedStyle(d).backgroundColor));
    expect(new Set(colours).size).toBe(2);
  }
  for (const page of pages) await page.context().close();
});

test('the reader with the contents and the find bar open has no axe violations', async ({ browser }) => {
  const id = await createBook();
  const page = await openReader(browser, 'Uri', `/d/${id}`);
  await page.locator('.reader-nav').getByRole('button', { name: 'Find' }).click();
  await page.getByRole('searchbox', { name: 'Find in the text' }).fill('zephyr');
  await expect(page.getByTestId('find-count')).toHaveText(`1 of ${perChapter}`);
  await page.locator('.reader-nav').getByRole('button', { name: 'Contents' }).click();
  await expect(page.getByRole('navigation', { name: 'Table of contents' })).toBeVisible();
  await page.screenshot({ path: `${shots}/contents-and-find.png` });
  expect(await violations(page)).toEqual([]);
  await page.context().close();
});
