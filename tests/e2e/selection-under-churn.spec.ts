/**
 * A reader's own selection survives the other readers' presence being redrawn in the very paragraph they select in.
 * A key or click moves the browser's selection before ProseMirror reads it; a decoration transaction in between (an
 * avatar or a tint redrawn) used to write ProseMirror's older selection back, and Shift+arrows lost keys (seen in CI
 * as a flaky keyboard test). Here the other reader selects a new word of the paragraph every 40 ms while Eve selects.
 * With lib/editor/dom-selection.ts disabled, the keyboard selection failed in 3 runs of 3 (keys lost mid-phrase).
 */
import { expect, type Page, test } from '@playwright/test';
import { openReader, selectByKeyboard, selectByMouse } from './reader-helpers.ts';

const phrase = 'Things had changed, fallen apart.';

/**
 * Fay selects three letters among the first 40 of the paragraph holding `phrase` (the sentence before it, so her tint
 * never splits the words Eve selects), a different place every 40 ms, for `ms`.
 */
function churnSelections(page: Page, ms: number): Promise<void> {
  return page
    .evaluate(
      async ({ p, ms }) => {
        const para = [...document.querySelectorAll('.reader-text .para')].find((el) => el.textContent?.includes(p));
        if (!para) throw new Error('phrase not found');
        /** The text node and offset of character `at` of the paragraph's text. */
        const point = (at: number): [Text, number] => {
          const walk = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
          let left = at;
          for (let t = walk.nextNode() as Text | null; t; t = walk.nextNode() as Text | null) {
            if (left <= t.length) return [t, left];
            left -= t.length;
          }
          throw new Error(`no character ${at}`);
        };
        const end = Date.now() + ms;
        for (let i = 0; Date.now() < end; i++) {
          const at = (i * 7) % 37;
          const r = document.createRange();
          r.setStart(...point(at));
          r.setEnd(...point(at + 3));
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(r);
          await new Promise((done) => setTimeout(done, 40));
        }
      },
      { p: phrase, ms },
    )
    .catch(() => {}); // the page closes before the loop ends
}

test('Shift+arrows and a mouse drag select exactly while another reader selects in the same paragraph', async ({ browser }) => {
  const eve = await openReader(browser, 'Eve');
  const fay = await openReader(browser, 'Fay');
  void churnSelections(fay, 12_000);
  await fay.locator('.reader-text').focus();
  // Fay's tint is being redrawn in Eve's paragraph.
  await expect.poll(() => eve.locator('.reader-text .presence-sel').count()).toBeGreaterThan(0);
  await selectByKeyboard(eve, phrase);
  await eve.keyboard.press('Escape');
  await selectByMouse(eve, phrase);
  await eve.context().close();
  await fay.context().close();
});
