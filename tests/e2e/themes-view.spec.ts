/**
 * The Themes view in Chromium, with two readers in a text of the test's own: Ada tags passages; Ben, reading along,
 * sees each theme's passages in text order, walks the guilt reading path with Next / Previous and ] / [ (the text
 * scrolls to each passage and its note is focused), opens a cell of the co-occurrence matrix and sees exactly the
 * notes tagged with both themes (the filter in the URL), and starts a path from a one-theme filter. The view is
 * looked at on a desktop and on a phone in the dark theme (screenshots in test-results/).
 */
import { expect, test, type Page } from '@playwright/test';
import { buildNote, fetchText, storedIds } from '../helpers/annotations.ts';
import { ann, joinRoom, waitFor } from '../helpers/room-clients.ts';
import { serverDatabases } from '../helpers/server-process.ts';
import { baseUrl, card, commentOnSelection, openReader, selectByKeyboard, signInAs } from './reader-helpers.ts';
import { wcagViolations } from './axe.ts';

/** Ada's notes, in text order: guilt is on the 2nd, 4th and 5th; guilt and exclusion share the 2nd and the 5th. */
const notes = [
  { phrase: 'lost in memories', comment: 'Where it starts: memory.', tags: ['memory'] },
  { phrase: 'the voices were entirely right', comment: 'He agrees with the voices.', tags: ['guilt', 'exclusion'] },
  { phrase: "He'd seen how that shunning had hurt her", comment: 'The shunning.', tags: ['exclusion'] },
  { phrase: 'He really should have known better.', comment: 'The title, said.', tags: ['guilt'] },
  { phrase: 'driven by guilt and anguish', comment: 'Buffy carries it too.', tags: ['guilt', 'exclusion'] },
];

/** The highlight of the passage that starts with `words`. */
function highlight(page: Page, words: string) {
  return page.locator('.reader-text .hl', { hasText: words }).first();
}

/** Ben's reading path says `where` (e.g. "guilt · 2 of 3") at the passage of `note`, its card focused, in view. */
async function expectAt(page: Page, where: string, note: (typeof notes)[number]) {
  const status = page.getByTestId('reading-path-status');
  await expect(status).toContainText(where);
  await expect(status).toContainText(note.phrase.slice(0, 20));
  // The locator the bar shows is the one the note's card cites.
  const cited = (await card(page, note.comment).getAttribute('aria-label'))?.replace(/^.* at /, '');
  expect(cited).toMatch(/^¶ \d+$/);
  await expect(status).toContainText(`${where} · ${cited}`);
  await expect(card(page, note.comment)).toHaveClass(/focused/);
  await expect(highlight(page, note.phrase.slice(0, 12))).toBeInViewport();
}

test('a theme read in order with Next / Previous and ] / [, and a matrix cell that opens the passages two themes share', async ({
  browser,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada.context(), { id: `r-ada-${suffix}`, name: 'Ada' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await ada.request.post(`${baseUrl()}/api/documents`, { data: { title: `Themes view ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await ada.goto(`${baseUrl()}/d/${id}`);
  await expect(ada.getByTestId('room-status')).toHaveText('Live');

  // Ben opens the Themes view before anything is tagged: its empty state.
  const ben = await openReader(browser, 'Ben', `/d/${id}`);
  await ben.getByRole('button', { name: 'Themes', exact: true }).click();
  const panel = ben.getByTestId('themes-panel');
  await panel.getByRole('tab', { name: 'Passages' }).click();
  await expect(panel.getByRole('tabpanel')).toContainText('No themes yet — tag a passage to start.');

  for (const note of notes) {
    await selectByKeyboard(ada, note.phrase);
    await commentOnSelection(ada, note.comment, note.tags);
  }

  // Each theme with its count, live; guilt's passages in text order.
  const themes = panel.getByRole('list', { name: "Each theme's passages, in text order" });
  await expect(themes.getByRole('button', { name: /^guilt 3 passages$/ })).toBeVisible();
  await expect(themes.getByRole('button', { name: /^exclusion 3 passages$/ })).toBeVisible();
  await expect(themes.getByRole('button', { name: /^memory 1 passage$/ })).toBeVisible();
  await themes.getByRole('button', { name: /^guilt 3 passages$/ }).click();
  const guilt = panel.getByRole('list', { name: 'guilt: passages in text order' });
  await expect(guilt.getByRole('listitem')).toHaveText([/^¶ \d+ the voices were/, /^¶ \d+ He really should/, /^¶ \d+ driven by guilt/]);
  await ben.screenshot({ path: 'test-results/themes-view-passages.png' });
  expect(await wcagViolations(ben)).toEqual([]);

  // Enter on a passage starts the path there: the panel closes, the text is at the passage, its card focused.
  await guilt.getByRole('button').first().focus();
  await ben.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expectAt(ben, 'guilt · 1 of 3', notes[1]);
  await expect(card(ben, notes[1].comment)).toBeFocused();
  const path = ben.getByRole('region', { name: 'Reading path: guilt' });
  await expect(path.getByRole('button', { name: 'Previous passage' })).toHaveAttribute('aria-disabled', 'true');

  // Next: 30 paragraphs on; the first passage has scrolled out of view.
  await path.getByRole('button', { name: 'Next passage' }).click();
  await expectAt(ben, 'guilt · 2 of 3', notes[3]);
  await expect(highlight(ben, 'the voices were')).not.toBeInViewport();
  await expect(path.getByRole('button', { name: 'Next passage' })).toBeFocused(); // the button keeps the keyboard
  await ben.screenshot({ path: 'test-results/themes-view-path.png' });
  expect(await wcagViolations(ben)).toEqual([]);
  // ] from anywhere but a field: the last passage, the keyboard on its card; Next stops at the end.
  await ben.keyboard.press(']');
  await expectAt(ben, 'guilt · 3 of 3', notes[4]);
  await expect(card(ben, notes[4].comment)).toBeFocused();
  await expect(path.getByRole('button', { name: 'Next passage' })).toHaveAttribute('aria-disabled', 'true');
  await ben.keyboard.press(']');
  await expectAt(ben, 'guilt · 3 of 3', notes[4]);
  // [ and Previous go back, to the start.
  await ben.keyboard.press('[');
  await expectAt(ben, 'guilt · 2 of 3', notes[3]);
  await expect(card(ben, notes[3].comment)).toBeFocused();
  await path.getByRole('button', { name: 'Previous passage' }).click();
  await expectAt(ben, 'guilt · 1 of 3', notes[1]);
  await expect(highlight(ben, 'He really should')).not.toBeInViewport();
  // The keyboard help names the keys.
  await card(ben, notes[1].comment).press('?');
  await expect(ben.getByRole('dialog', { name: 'Keyboard' })).toContainText('next / previous passage of the reading path');
  await ben.keyboard.press('Escape');
  await path.getByRole('button', { name: 'Stop' }).click();
  await expect(path).toHaveCount(0);

  // The matrix: theme × theme, the most used first; the diagonal each theme's count, a cell the notes with both.
  await ben.getByRole('button', { name: 'Themes', exact: true }).click();
  await panel.getByRole('tab', { name: 'Co-occurrence' }).click();
  const matrix = panel.getByRole('table');
  await expect(matrix.getByRole('columnheader')).toHaveText(['exclusion', 'guilt', 'memory']);
  await expect(matrix.getByRole('rowheader')).toHaveText(['exclusion', 'guilt', 'memory']);
  await expect(matrix.getByRole('row').nth(2).getByRole('cell')).toHaveText(['2', '3', /none/]);
  await expect(matrix.getByRole('button')).toHaveCount(2); // guilt × exclusion, both ways; memory shares nothing
  await ben.screenshot({ path: 'test-results/themes-view-matrix.png' });
  expect(await wcagViolations(ben)).toEqual([]);
  await matrix.getByRole('button', { name: 'guilt × exclusion: 2 notes, show them' }).click();
  await expect(ben).toHaveURL(/[?&]with=guilt&with=exclusion(&|$)/);
  await expect(ben.getByTestId('filter-status')).toContainText('Showing 2 of 5 notes');
  const list = ben.getByRole('list', { name: 'Matching notes, in text order' });
  await expect(list.getByRole('listitem')).toHaveText([/He agrees with the voices/, /Buffy carries it too/]);
  await expect(ben.locator('.reader-text .hl')).toHaveCount(2);

  // A filter on one theme offers its reading path.
  await ben.goto(`${baseUrl()}/d/${id}?theme=exclusion`);
  await expect(ben.locator('.reader-text .hl')).toHaveCount(3);
  await ben.getByTestId('reading-path-offer').getByRole('button', { name: 'Start the reading path' }).click();
  await expectAt(ben, 'exclusion · 1 of 3', notes[1]);
  await ben.keyboard.press(']');
  await expectAt(ben, 'exclusion · 2 of 3', notes[2]);

  // On a phone, in the dark: the panel stays on the screen and the matrix scrolls inside it.
  await ben.emulateMedia({ colorScheme: 'dark' });
  await ben.setViewportSize({ width: 390, height: 844 });
  await ben.getByRole('button', { name: 'Themes', exact: true }).click();
  await panel.getByRole('tab', { name: 'Co-occurrence' }).click();
  const box = await panel.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  await expect(panel.getByRole('table')).toBeVisible();
  await ben.screenshot({ path: 'test-results/themes-view-phone-dark.png' });
  expect(await wcagViolations(ben)).toEqual([]);
  await panel.getByRole('tab', { name: 'Passages' }).click();
  await ben.screenshot({ path: 'test-results/themes-view-phone-dark-passages.png' });
  await ada.context().close();
  await ben.context().close();
});

/** Ann (a Node client, a stock provider) writes `notes` with their themes into `documentId`; all stored on return. */
async function seedTagged(documentId: string, notes: ReadonlyArray<{ passage: string; tags: string[] }>): Promise<void> {
  const dbPath = process.env.GLOSSA_E2E_DB;
  if (!dbPath) throw new Error('GLOSSA_E2E_DB is not set: the global setup did not start the server');
  const wsUrl = baseUrl().replace(/^http/, 'ws');
  serverDatabases.set(wsUrl, { dbPath, writable: true });
  const text = await fetchText(baseUrl(), documentId);
  const client = await joinRoom(wsUrl, documentId, ann);
  try {
    const themes = [...new Set(notes.flatMap((n) => n.tags))];
    themes.forEach((name, i) => client.tags.set(name, { label: name, color: `#${(0x2a4d8f + i * 0x0b1733).toString(16).slice(-6)}` }));
    const built = notes.map((n) => buildNote({ text, creator: ann, passage: n.passage, documentId, tags: n.tags, comment: n.passage }));
    for (const note of built) client.annotations.set(note.id, note);
    await waitFor(
      async () => {
        const stored = await storedIds(baseUrl(), documentId);
        return built.every((n) => stored.includes(n.id));
      },
      10_000,
      'the tagged notes stored',
    );
  } finally {
    client.destroy();
  }
}

test('with many themes the matrix shows the eight most used, all on request, and scrolls under its headers on a phone', async ({
  browser,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await fetch(`${baseUrl()}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl() },
    body: JSON.stringify({ title: `Many themes ${suffix}`, text: story }),
  });
  const { id } = (await imported.json()) as { id: string };
  // 14 themes: guilt on 4 notes; exclusion and regret on 3; attention, grief, loneliness and shame on 2; the rest on 1.
  await seedTagged(id, [
    { passage: 'lost in memories', tags: ['guilt', 'memory', 'regret', 'loneliness', 'grief', 'absence', 'shame'] },
    { passage: 'the voices were entirely right', tags: ['guilt', 'exclusion', 'shame', 'regret', 'attention'] },
    { passage: "He'd seen how that shunning had hurt her", tags: ['exclusion', 'loneliness', 'attention', 'magic'] },
    { passage: 'He really should have known better.', tags: ['guilt', 'regret', 'the letter', 'new year', 'love'] },
    { passage: 'driven by guilt and anguish', tags: ['guilt', 'exclusion', 'grief', 'the chip'] },
  ]);
  const ben = await openReader(browser, 'Bea', `/d/${id}`);
  await expect(ben.locator('.reader-text .hl').first()).toBeVisible();
  await ben.getByRole('button', { name: 'Themes', exact: true }).click();
  const panel = ben.getByTestId('themes-panel');
  // The vocabulary is still there, first, with its counts.
  await expect(panel.getByRole('tab', { name: 'Vocabulary' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.theme-row', { hasText: 'guilt' })).toContainText('4 notes');
  // Arrows move between the tabs.
  await panel.getByRole('tab', { name: 'Vocabulary' }).focus();
  await ben.keyboard.press('ArrowRight');
  await ben.keyboard.press('ArrowRight');
  await expect(panel.getByRole('tab', { name: 'Co-occurrence' })).toBeFocused();
  await expect(panel.getByRole('tab', { name: 'Co-occurrence' })).toHaveAttribute('aria-selected', 'true');
  const matrix = panel.getByRole('table');
  await expect(matrix.getByRole('columnheader')).toHaveText([
    'guilt',
    'exclusion',
    'regret',
    'attention',
    'grief',
    'loneliness',
    'shame',
    'absence',
  ]);
  await panel.getByRole('button', { name: 'Show all 14 themes' }).click();
  await expect(matrix.getByRole('columnheader')).toHaveCount(14);
  await expect(matrix.getByRole('rowheader')).toHaveCount(14);
  await ben.screenshot({ path: 'test-results/themes-view-many.png' });

  // On a phone the table scrolls inside the panel; the themes of the rows stay in view as it scrolls sideways.
  await ben.setViewportSize({ width: 390, height: 844 });
  const region = panel.getByRole('region', { name: 'Co-occurrence of themes (scrolls)' });
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await region.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  const area = await region.boundingBox();
  const rowHead = await matrix.getByRole('rowheader', { name: 'guilt' }).boundingBox();
  expect(area && rowHead && rowHead.x >= area.x - 1 && rowHead.x < area.x + 20).toBe(true);
  await ben.screenshot({ path: 'test-results/themes-view-many-phone.png' });
  await panel.getByRole('button', { name: 'Show the 8 most used' }).click();
  await expect(matrix.getByRole('columnheader')).toHaveCount(8);
  await ben.context().close();
});
