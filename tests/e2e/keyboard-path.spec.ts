/**
 * The reader by keyboard alone (no mouse): Tab into the text, move a drawn caret by paragraph and by sentence,
 * highlight a sentence, extend the selection by a sentence, comment (C), pick a type (Alt+3), a theme (Tab to the
 * tag field) and save (Ctrl+Enter). A second reader, filtered to that theme, hears the notes in the live region,
 * steps to the note with J (past the highlight the filter hides), reacts (1) and replies (R), and K says there is
 * no note before. The writer hears the reply; a reader who opens the room afterwards hears nothing of its notes.
 */
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, signInAs } from './reader-helpers.ts';

/** The text from the caret (the selection's focus) on, as far as its text node goes: where the caret is. */
function caret(page: Page) {
  return page.evaluate(() => {
    const s = window.getSelection();
    return (s?.focusNode?.textContent ?? '').slice(s?.focusOffset ?? 0);
  });
}

/** Presses Tab until the text has focus (it is one tab stop after the header's controls). */
async function tabIntoText(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('reader-text'))) return;
  }
  throw new Error('Tab never reached the text');
}

/** A signed-in reader in a browser context of their own, on `path`, the room live. */
async function reader(browser: import('@playwright/test').Browser, name: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page.context(), { id: `r-${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`, name });
  await page.goto(baseUrl() + path);
  await expect(page.getByTestId('room-status')).toHaveText('Live');
  return page;
}

const first = 'Spike sat inside the mausoleum, a cigarette burning in his hand.';
const knowing =
  'Knowing that the voices were entirely right, he simply sat there, allowing the voices and memories to run rampant inside of him, clawing and biting until he felt like his insides were bleeding.';

test('from opening the text to a saved, typed, tagged note by keyboard alone; a second reader hears it and steps to it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const kay = await (await browser.newContext()).newPage();
  await signInAs(kay.context(), { id: `r-kay-${suffix}`, name: 'Kay' });
  const story = await (await kay.request.get(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await kay.request.post(`${baseUrl()}/api/documents`, { data: { title: `Keyboard ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await kay.goto(`${baseUrl()}/d/${id}`);
  await expect(kay.getByTestId('room-status')).toHaveText('Live');
  const lou = await reader(browser, 'Lou', `/d/${id}?theme=guilt`);

  // Tab into the text: the caret is drawn at its start although the text is read-only.
  await tabIntoText(kay);
  const drawn = kay.getByTestId('reader-caret');
  await expect(drawn).toBeVisible();
  await expect.poll(() => caret(kay)).toMatch(/^Spike sat inside/);
  await kay.screenshot({ path: 'test-results/keyboard-caret.png', clip: { x: 0, y: 0, width: 1400, height: 700 } });

  // ? works from the text, and Esc brings the keyboard back to it.
  await kay.keyboard.press('?');
  await expect(kay.getByRole('dialog', { name: 'Keyboard' })).toContainText('next / previous sentence');
  await kay.screenshot({ path: 'test-results/keyboard-help.png' });
  await kay.keyboard.press('Escape');
  await expect(kay.locator('.reader-text')).toBeFocused();

  // Shift+Alt+→ selects the first sentence, exactly; H highlights it.
  await kay.keyboard.press('Shift+Alt+ArrowRight');
  await expect.poll(() => kay.evaluate(() => window.getSelection()?.toString())).toBe(first);
  await kay.keyboard.press('h');
  await expect(kay.locator('.note-card')).toHaveCount(1);
  // Lou hears it, though the filter hides it from the page.
  await expect(lou.getByTestId('live-region')).toHaveText('Highlight added by Kay.');

  // By paragraph and by sentence: down, down, next sentence, back a sentence, up, then down twice to ¶ 4.
  await kay.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => caret(kay)).toMatch(/^Things in Sunnydale/);
  const caretTop = (await drawn.boundingBox())?.y ?? 0;
  await kay.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => caret(kay)).toMatch(/^He could feel it stirring/);
  expect((await drawn.boundingBox())?.y ?? 0).toBeGreaterThan(caretTop); // the drawn caret follows
  await kay.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => caret(kay)).toMatch(/^There was a new refrain/);
  await kay.keyboard.press('Alt+ArrowLeft');
  await expect.poll(() => caret(kay)).toMatch(/^He could feel it stirring/);
  await expect(kay).toHaveURL(new RegExp(`/d/${id}$`)); // Alt+← did not go Back
  await kay.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => caret(kay)).toMatch(/^Things in Sunnydale/);
  await kay.keyboard.press('Alt+ArrowDown');
  await kay.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => caret(kay)).toMatch(/^Knowing that the voices/);

  // Extend by a sentence, comment, type, theme, save.
  await kay.keyboard.press('Shift+Alt+ArrowRight');
  await expect.poll(() => kay.evaluate(() => window.getSelection()?.toString())).toBe(knowing);
  await kay.screenshot({ path: 'test-results/keyboard-selection.png', clip: { x: 0, y: 0, width: 1400, height: 1000 } });
  await kay.keyboard.press('c');
  const composer = kay.getByRole('form', { name: 'Write a note' });
  await expect(composer.getByLabel('Comment')).toBeFocused();
  await kay.keyboard.type('He knows, and sits still.');
  await kay.keyboard.press('Alt+3');
  await expect(composer.getByRole('radio', { name: 'Claim' })).toBeChecked();
  await kay.keyboard.press('Tab');
  await expect(composer.getByLabel('Add a tag')).toBeFocused();
  await kay.keyboard.type('guilt');
  await kay.keyboard.press('Enter');
  await kay.keyboard.press('Control+Enter');
  await expect(composer).toHaveCount(0);
  await expect(kay.getByTestId('live-region')).toHaveText('Note saved, tagged guilt.');
  await expect(kay.locator('.reader-text')).toBeFocused(); // the keyboard stays in the text

  // Lou, filtered to guilt, hears both notes (the highlight too: the region says the room's changes).
  const region = lou.getByTestId('live-region');
  await expect(region).toContainText('Note added by Kay, tagged guilt');
  // J from the text's start goes to the guilt note, past the highlight the filter hides.
  await tabIntoText(lou);
  await lou.keyboard.press('j');
  const seen = lou.locator('.note-card', { hasText: 'He knows, and sits still.' });
  await expect(seen).toBeFocused();
  await expect(seen).toHaveClass(/focused/);
  await expect(seen.locator('.note-type')).toHaveText('Claim');
  // 1 agrees; R opens the reply box; Ctrl+Enter sends and gives the keyboard back to the card.
  await lou.keyboard.press('1');
  await expect(seen.getByRole('button', { name: /^Agree: 1 \(Lou\)/ })).toHaveAttribute('aria-pressed', 'true');
  await lou.keyboard.press('r');
  await expect(seen.getByLabel('Your reply')).toBeFocused();
  await lou.keyboard.type('Still, he could have gone.');
  await lou.keyboard.press('Control+Enter');
  await expect(seen).toBeFocused();
  await expect(kay.getByTestId('live-region')).toHaveText('Reply by Lou.');
  // K: nothing before it under this filter, and the region says so.
  await lou.keyboard.press('k');
  await expect(region).toHaveText('No previous note.');
  // Esc goes back into the text at the passage.
  await lou.keyboard.press('Escape');
  await expect(lou.locator('.reader-text')).toBeFocused();
  await expect.poll(() => caret(lou)).toMatch(/^Knowing that the voices/);

  // A reader opening the room now is not told about the notes already in it (only changes after the first sync).
  const max = await reader(browser, 'Max', `/d/${id}`);
  await expect(max.locator('.note-card')).toHaveCount(2);
  await max.waitForTimeout(3000); // longer than the region waits to gather a burst
  await expect(max.getByTestId('live-region')).toHaveText('');
  await kay.context().close();
  await lou.context().close();
  await max.context().close();
});
