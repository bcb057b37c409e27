/**
 * A book-club evening in Chromium (issue 11): a facilitator (Fay) and two readers (Ada on a laptop, Ben on a 390 px
 * phone) in a group's copy of the first chapters of War and Peace. Each sees the others as avatars at the paragraph
 * they read, gone the moment they leave; a reader follows another (across chapters), and a scroll by hand stops it;
 * the facilitator's spotlight moves every follower at once and is offered to the others, and a gather moves everyone,
 * with a way back; a drag of the scrollbar stops following, like a wheel.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { wcagViolations } from './axe.ts';
import { clubText, openAs, phoneContext, signInAs } from './reader-helpers.ts';
import { warAndPeacePath } from '../helpers/shared-texts.ts';

const shots = 'test-results/presence';
mkdirSync(shots, { recursive: true });

const suffix = Math.random().toString(36).slice(2, 7);
const fay = { id: `r-fay-${suffix}`, name: 'Fay Facilitator' };
const ada = { id: `r-ada-${suffix}`, name: 'Ada Lovelace' };
const ben = { id: `r-ben-${suffix}`, name: 'Ben Okri' };
const olga = { id: `r-olga-${suffix}`, name: 'Olga Owner' };
const cy = { id: `r-cy-${suffix}`, name: 'Cy Twombly' };

let documentId: string;

/** The first ~600 KB of War and Peace (its first two books, ~45 chapters), cut at a line. */
function novel(): string {
  const whole = readFileSync(warAndPeacePath, 'utf8');
  return whole.slice(0, whole.indexOf('\n', 600_000));
}

/** `who` in the club's copy, in a browser context of their own. */
const open = (browser: Browser, who: { id: string; name: string }, options = {}): Promise<Page> =>
  openAs(browser, who, `/d/${documentId}`, options);

/** The id of the block at the page's reading line (a third of the way down below the header), as the reader computes it. */
function readingBlock(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const header = document.querySelector('.reader-header')!.getBoundingClientRect().bottom;
    const y = header + (window.innerHeight - header) * 0.3;
    const left = document.querySelector('.reader-text')!.getBoundingClientRect().left + 12;
    for (const dy of [0, 12, 24, -12, 36]) {
      const el = document.elementFromPoint(left, y + dy)?.closest('.para, .reader-heading');
      if (el) return el.id;
    }
    return null;
  });
}

/**
 * Scrolls the page as a leader would (not by hand: no wheel or key), so block `id` starts at the reading line. Sections
 * the browser skips are sized by an estimate until drawn, so the jump is repeated, frame by frame, until it holds.
 */
async function leaderScrollsTo(page: Page, id: string): Promise<void> {
  await page.evaluate(async (blockId) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 30; i++) {
      const header = document.querySelector('.reader-header')!.getBoundingClientRect().bottom;
      const y = header + (window.innerHeight - header) * 0.3;
      const el = document.getElementById(blockId)!;
      const section = el.closest('.reader-section')?.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const skipped = section && (r.top < section.top - 1 || r.bottom > section.bottom + 1);
      const delta = skipped ? section.top - y : r.top - y + 4;
      if (!skipped && Math.abs(delta) < 2) {
        const left = document.querySelector('.reader-text')!.getBoundingClientRect().left + 12;
        if (document.elementFromPoint(left, y + 4)?.closest('.para, .reader-heading')?.id === blockId) return;
      }
      window.scrollBy({ top: delta, behavior: 'instant' });
      await frame();
      await frame();
    }
    throw new Error(`could not scroll ${blockId} to the reading line`);
  }, id);
}

/** The id of the block where `name`'s avatar is drawn in the page's text, or null. */
function avatarBlock(page: Page, name: string): Promise<string | null> {
  return page.evaluate(
    (label) => document.querySelector(`.reader-text [aria-label="${label}"]`)?.closest('.para, .reader-heading')?.id ?? null,
    `Follow ${name}`,
  );
}

/** Block `id` of the reader's text, in the page. */
const block = (page: Page, id: string) => page.locator(`#${id}`);

test.describe
  .serial('presence where people read', () => {
    let fayPage: Page;
    let adaPage: Page;
    let benPage: Page;

    test.beforeAll(async ({ browser }) => {
      test.setTimeout(180_000);
      for (const who of [olga, fay, ada, ben, cy]) await signInAs(await browser.newContext(), who);
      documentId = await clubText(`War and Peace, books one and two ${suffix}`, novel(), {
        groupId: `g-club-${suffix}`,
        name: 'Thursday book club',
        ownerId: olga.id,
        members: [
          { userId: fay.id, role: 'facilitator' },
          { userId: ada.id, role: 'annotator' },
          { userId: ben.id, role: 'annotator' },
          { userId: cy.id, role: 'viewer' },
        ],
      });
      fayPage = await open(browser, fay);
      adaPage = await open(browser, ada);
      benPage = await open(browser, ben, phoneContext);
    });

    test.afterAll(async () => {
      for (const page of [fayPage, adaPage, benPage]) await page?.context().close();
    });

    test('each reader appears as an avatar at the paragraph they read, and is gone when they leave', async ({ browser }) => {
      test.setTimeout(90_000);
      await leaderScrollsTo(adaPage, 'p-120');
      const adaAt = await readingBlock(adaPage);
      expect(adaAt).toBe('p-120');
      await leaderScrollsTo(fayPage, 'p-120');
      await expect.poll(() => avatarBlock(fayPage, 'Ada Lovelace'), { timeout: 10_000 }).toBe(adaAt);
      await expect(fayPage.locator('.reader-text').getByRole('button', { name: 'Follow Ada Lovelace' })).toHaveAttribute(
        'data-initials',
        'AL',
      );

      // Ben reads further on, on his phone: an avatar there for Fay too.
      await leaderScrollsTo(benPage, 'p-121');
      const benAt = await readingBlock(benPage);
      await expect.poll(() => avatarBlock(fayPage, 'Ben Okri'), { timeout: 10_000 }).toBe(benAt);
      // Ben's selection is a tint in his colour for the others.
      await benPage.evaluate(() => {
        const p = document.getElementById('p-121')!;
        const range = document.createRange();
        range.selectNodeContents(p.lastChild!);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      });
      await expect(block(fayPage, 'p-121').locator('.presence-sel')).not.toHaveCount(0);
      await fayPage.screenshot({ path: `${shots}/desktop-avatars.png` });
      expect(await wcagViolations(fayPage)).toEqual([]);
      await leaderScrollsTo(benPage, 'p-120');
      await expect(benPage.locator('.reader-text').getByRole('button', { name: 'Follow Ada Lovelace' })).toHaveCount(1);
      await benPage.screenshot({ path: `${shots}/phone-avatars.png` });

      // A hidden tab makes its reader idle: faded for the others.
      await benPage.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await expect(fayPage.locator('.reader-text').getByRole('button', { name: 'Follow Ben Okri (idle)' })).toHaveClass(/idle/);
      await benPage.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await expect(fayPage.locator('.reader-text').getByRole('button', { name: 'Follow Ben Okri' })).not.toHaveClass(/idle/);

      // The avatars are reached from the text with Tab and followed with Enter.
      await fayPage.locator('.reader-text').focus();
      await fayPage.keyboard.press('Tab');
      await expect(fayPage.locator(':focus')).toHaveAttribute('aria-label', /^Follow /);
      const name = (await fayPage.locator(':focus').getAttribute('aria-label'))!.replace(/^Follow /, '');
      await fayPage.keyboard.press('Enter');
      await expect(fayPage.getByTestId('follow-bar')).toContainText(`Following ${name}`);
      await fayPage.keyboard.press('Escape');
      await expect(fayPage.getByTestId('follow-bar')).toHaveCount(0);

      // A third reader in the same paragraph: the stack holds them all.
      const extra = await open(browser, cy);
      await leaderScrollsTo(extra, 'p-120');
      await expect(block(fayPage, 'p-120').getByRole('button', { name: /^Follow / })).toHaveCount(3);

      // Leaving removes the avatar at once.
      const left = Date.now();
      await extra.context().close();
      await expect(block(fayPage, 'p-120').getByRole('button', { name: 'Follow Cy Twombly' })).toHaveCount(0, { timeout: 3_000 });
      expect(Date.now() - left).toBeLessThan(3_000);

      // Ada goes invisible: gone for Fay at once, and still invisible after a reload (remembered in her browser).
      await adaPage.getByTestId('presence-visibility').click();
      await expect(adaPage.getByTestId('presence-visibility')).toHaveAttribute('aria-pressed', 'true');
      await expect(fayPage.locator('.reader-text').getByRole('button', { name: 'Follow Ada Lovelace' })).toHaveCount(0);
      await expect(fayPage.getByTestId('peers')).not.toContainText('Ada Lovelace');
      await adaPage.reload();
      await expect(adaPage.getByTestId('room-status')).toHaveText('Live');
      await expect(adaPage.getByTestId('presence-visibility')).toHaveText('Invisible');
      await fayPage.waitForTimeout(500);
      await expect(fayPage.getByTestId('peers')).not.toContainText('Ada Lovelace');
      await adaPage.getByTestId('presence-visibility').click();
      await expect(fayPage.getByTestId('peers')).toContainText('Ada Lovelace');
    });

    test('a reader who follows another scrolls with them, across chapters, until they scroll by hand', async () => {
      test.setTimeout(90_000);
      // Ada follows Fay from the who's-here list.
      await adaPage.locator('.peers').getByRole('button', { name: 'Follow Fay Facilitator' }).click();
      await expect(adaPage.getByTestId('follow-bar')).toContainText('Following Fay Facilitator');
      // Fay goes to a chapter far on; Ada's view goes with her.
      await leaderScrollsTo(fayPage, 'p-1500');
      const fayAt = await readingBlock(fayPage);
      await expect.poll(() => readingBlock(adaPage), { timeout: 10_000 }).toBe(fayAt);
      // And a little further, smoothly.
      await leaderScrollsTo(fayPage, 'p-1504');
      const fayNext = await readingBlock(fayPage);
      await expect.poll(() => readingBlock(adaPage), { timeout: 10_000 }).toBe(fayNext);
      await adaPage.screenshot({ path: `${shots}/desktop-following.png` });

      // Ben, on his phone, taps Fay's avatar in the text to follow her too.
      await leaderScrollsTo(benPage, 'p-1504');
      // Tapped once it has reached her paragraph: an avatar still moving there is a moving target.
      await expect.poll(() => avatarBlock(benPage, 'Fay Facilitator'), { timeout: 10_000 }).toBe(fayNext);
      await benPage.locator('.reader-text').getByRole('button', { name: 'Follow Fay Facilitator' }).first().tap();
      await expect(benPage.getByTestId('follow-bar')).toBeVisible();
      await benPage.screenshot({ path: `${shots}/phone-following.png` });

      // A scroll by hand stops following: the bar goes, and Fay's next move no longer moves Ada.
      await adaPage.mouse.move(400, 500);
      await adaPage.mouse.wheel(0, 400);
      await expect(adaPage.getByTestId('follow-bar')).toHaveCount(0);
      const adaStays = await adaPage.evaluate(() => window.scrollY);
      await leaderScrollsTo(fayPage, 'p-300');
      await expect.poll(() => readingBlock(benPage), { timeout: 10_000 }).toBe(await readingBlock(fayPage));
      expect(Math.abs((await adaPage.evaluate(() => window.scrollY)) - adaStays)).toBeLessThan(50);
      // Esc stops Ben.
      await benPage.keyboard.press('Escape');
      await expect(benPage.getByTestId('follow-bar')).toHaveCount(0);
    });

    test('a spotlight moves every follower at once and is offered to the others; a gather moves everyone, with a way back', async () => {
      test.setTimeout(90_000);
      // Ben follows Ada; Ada reads on her own.
      await leaderScrollsTo(adaPage, 'p-200');
      await leaderScrollsTo(benPage, 'p-200');
      const adaAt = await readingBlock(adaPage);
      await expect.poll(() => avatarBlock(benPage, 'Ada Lovelace'), { timeout: 10_000 }).toBe(adaAt);
      await benPage.locator('.reader-text').getByRole('button', { name: 'Follow Ada Lovelace' }).first().tap();
      await expect(benPage.getByTestId('follow-bar')).toContainText('Ada Lovelace');

      // Fay selects a passage in a later chapter and spotlights it.
      await leaderScrollsTo(fayPage, 'p-900');
      await fayPage.evaluate(() => {
        const p = document.getElementById('p-900')!;
        const range = document.createRange();
        range.selectNodeContents(p.lastChild!);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      });
      await fayPage.locator('.reader-text').focus();
      await expect(fayPage.getByTestId('spotlight-button')).toBeVisible();
      await fayPage.getByTestId('spotlight-button').click();

      // Ben (a follower) is moved there at once and the passage glows; Ada is offered the jump.
      await expect
        .poll(() => benPage.evaluate(() => document.querySelector('.spotlight-glow')?.closest('.para')?.id ?? null))
        .toBe('p-900');
      await expect.poll(() => readingBlock(benPage), { timeout: 10_000 }).toBe('p-900');
      await expect(block(benPage, 'p-900').locator('.spotlight-glow')).not.toHaveCount(0);
      const adaBanner = adaPage.getByTestId('spotlight-banner');
      await expect(adaBanner).toContainText('Fay Facilitator spotlighted');
      expect(await readingBlock(adaPage)).toBe('p-200');
      await adaPage.screenshot({ path: `${shots}/desktop-spotlight-offer.png` });
      // The banner, the avatars and the glow in the dark theme pass axe (colour contrast included).
      await benPage.emulateMedia({ colorScheme: 'dark' });
      await benPage.screenshot({ path: `${shots}/phone-spotlight-dark.png` });
      expect(await wcagViolations(benPage)).toEqual([]);
      await benPage.emulateMedia({ colorScheme: 'light' });
      await benPage.screenshot({ path: `${shots}/phone-spotlight.png` });
      await adaBanner.getByRole('button', { name: 'Go there' }).click();
      await expect.poll(() => readingBlock(adaPage), { timeout: 10_000 }).toBe('p-900');

      // A gather moves everyone, who can go back.
      await leaderScrollsTo(adaPage, 'p-40');
      await leaderScrollsTo(fayPage, 'p-1200');
      await fayPage.evaluate(() => {
        const p = document.getElementById('p-1200')!;
        const range = document.createRange();
        range.selectNodeContents(p.lastChild!);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      });
      await fayPage.locator('.reader-text').focus();
      await fayPage.keyboard.press('g');
      await expect.poll(() => readingBlock(adaPage), { timeout: 10_000 }).toBe('p-1200');
      await expect.poll(() => readingBlock(benPage), { timeout: 10_000 }).toBe('p-1200');
      await adaPage.getByRole('button', { name: 'Back to where I was' }).click();
      await expect.poll(() => readingBlock(adaPage), { timeout: 10_000 }).toBe('p-40');

      // A late joiner reads the standing spotlight; the facilitator clears it for everyone.
      const late = await open(fayPage.context().browser()!, ada);
      await expect(late.getByTestId('spotlight-banner')).toContainText('gathered everyone');
      await late.context().close();
      await fayPage.getByTestId('spotlight-banner').getByRole('button', { name: 'Clear the spotlight' }).click();
      await expect(adaPage.getByTestId('spotlight-banner')).toHaveCount(0);
      await expect(benPage.locator('.spotlight-glow')).toHaveCount(0);
    });

    test('dragging the scrollbar stops following', async () => {
      test.setTimeout(60_000);
      // Playwright hides scrollbars in headless Chromium; this reader's browser shows them, as a desktop does.
      const withScrollbars = await chromium.launch({ ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--hide-scrollbars'] });
      try {
        const cyPage = await open(withScrollbars, cy);
        await leaderScrollsTo(fayPage, 'p-500');
        await cyPage.locator('.peers').getByRole('button', { name: 'Follow Fay Facilitator' }).click();
        await expect(cyPage.getByTestId('follow-bar')).toContainText('Fay Facilitator');
        await expect.poll(() => readingBlock(cyPage), { timeout: 10_000 }).toBe('p-500');
        const { x, y } = await cyPage.evaluate(() => ({
          x: document.documentElement.clientWidth + 4,
          y: Math.round(window.innerHeight / 2),
        }));
        expect(x).toBeLessThan(1400); // a scrollbar takes room: the root's client area is narrower than the window
        await cyPage.mouse.move(x, y);
        await cyPage.mouse.down();
        await cyPage.mouse.move(x, y - 60, { steps: 4 });
        await cyPage.mouse.up();
        await expect(cyPage.getByTestId('follow-bar')).toHaveCount(0);
        // Fay reads on; Cy's view stays where she dragged it.
        const cyStays = await cyPage.evaluate(() => window.scrollY);
        await leaderScrollsTo(fayPage, 'p-700');
        await expect.poll(() => avatarBlock(cyPage, 'Fay Facilitator'), { timeout: 10_000 }).toBe('p-700');
        expect(Math.abs((await cyPage.evaluate(() => window.scrollY)) - cyStays)).toBeLessThan(50);
      } finally {
        await withScrollbars.close();
      }
    });
  });
