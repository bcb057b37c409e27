/**
 * Typed notes in Chromium: from the keyboard, a passage becomes a question with a theme (C opens the composer,
 * Alt+2 picks the type, Enter adds the theme, Ctrl+Enter saves); another reader sees its badge live; the author
 * turns it into evidence; the stored note carries the W3C motivation of its type.
 */
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, card, commentOnSelection, openReader, selectByKeyboard, signInAs } from './reader-helpers.ts';

test('a keyboard-typed question with a theme, seen live with its badge, reacted to, answered, resolved and reopened, then made evidence', async ({
  browser,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const writer = await (await browser.newContext()).newPage();
  await signInAs(writer.context(), { id: `r-kit-${suffix}`, name: 'Kit' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await writer.request.post(`${baseUrl()}/api/documents`, { data: { title: `Typed ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await writer.goto(`${baseUrl()}/d/${id}`);
  await expect(writer.getByTestId('room-status')).toHaveText('Live');
  const other = await openReader(browser, 'Lou', `/d/${id}`);
  // ? shows the keyboard paths; Esc closes the help.
  await writer.keyboard.press('?');
  const help = writer.getByRole('dialog', { name: 'Keyboard' });
  await expect(help).toContainText('Alt + 1 … 5');
  await writer.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await selectByKeyboard(writer, 'the voices were entirely right');
  await writer.keyboard.press('c');
  const composer = writer.getByRole('form', { name: 'Write a note' });
  await expect(composer.getByLabel('Comment')).toBeFocused();
  await writer.keyboard.press('Alt+2');
  await expect(composer.getByRole('radio', { name: 'Question' })).toBeChecked();
  await writer.keyboard.type('Right about what, exactly?');
  await composer.getByLabel('Add a tag').focus();
  await writer.keyboard.type('guilt');
  await writer.keyboard.press('Enter');
  await writer.keyboard.press('Control+Enter');
  await expect(composer).toHaveCount(0);

  const seen = card(other, 'Right about what, exactly?');
  await expect(seen.locator('.note-type')).toHaveText('Question');
  await expect(seen.locator('.tag-chip')).toHaveText('guilt');
  const stored = await (await fetch(`${baseUrl()}/api/documents/${id}/annotations`)).text();
  expect(stored).toContain('"motivation":"questioning"');

  // Lou reacts (one reaction per reader: another replaces it); Kit sees the count and who.
  await seen.getByRole('button', { name: /^Agree: 0/ }).click();
  const asked0 = card(writer, 'Right about what, exactly?');
  await expect(asked0.getByRole('button', { name: 'Agree: 1 (Lou)' })).toBeVisible();
  await seen.getByRole('button', { name: /^Insight: 0/ }).click();
  await expect(asked0.getByRole('button', { name: 'Insight: 1 (Lou)' })).toBeVisible();
  await expect(asked0.getByRole('button', { name: /^Agree: 0/ })).toBeVisible();

  // Lou answers; Kit, who asked, marks the answer: the thread is answered and folds, for both.
  await seen.getByRole('button', { name: 'Reply' }).click();
  await seen.getByLabel('Your reply').fill('About Willow, and what he missed.');
  await seen.getByRole('button', { name: 'Send reply' }).click();
  const asked = card(writer, 'Right about what, exactly?');
  await asked.getByRole('button', { name: 'Mark as the answer' }).click();
  await expect(seen.locator('.thread-answered')).toHaveText('Answered');
  await seen.getByRole('button', { name: /Show the thread/ }).click();
  await expect(seen.locator('.reply.answer')).toContainText('About Willow');
  // Reopened, it is an open question again.
  await asked.getByRole('button', { name: 'Reopen' }).click();
  await expect(seen.locator('.thread-answered')).toHaveCount(0);
  await asked.getByRole('button', { name: 'Resolve' }).click();
  await expect(seen.locator('.thread-resolved')).toHaveText('Resolved');
  await asked.getByRole('button', { name: 'Reopen' }).click();

  await card(writer, 'Right about what, exactly?').getByRole('button', { name: 'Edit' }).click();
  await writer.getByRole('form', { name: 'Write a note' }).getByRole('radio', { name: 'Evidence' }).check();
  await writer.getByRole('form', { name: 'Write a note' }).getByRole('button', { name: 'Save changes' }).click();
  await expect(seen.locator('.note-type')).toHaveText('Evidence');
  await writer.context().close();
  await other.context().close();
});

test('a filtered view is a link: by theme from the URL, narrowed by words in the panel, listed in text order', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const writer = await (await browser.newContext()).newPage();
  await signInAs(writer.context(), { id: `r-fil-${suffix}`, name: 'Fil' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await writer.request.post(`${baseUrl()}/api/documents`, { data: { title: `Filtered ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await writer.goto(`${baseUrl()}/d/${id}`);
  await expect(writer.getByTestId('room-status')).toHaveText('Live');
  await selectByKeyboard(writer, 'lost in memories');
  await commentOnSelection(writer, 'Memory one.', ['memory']);
  await selectByKeyboard(writer, 'Things had changed, fallen apart.');
  await commentOnSelection(writer, 'Change, not memory.', ['change']);
  await selectByKeyboard(writer, 'two tiny little details');
  await commentOnSelection(writer, 'Memory two.', ['memory']);

  // Another reader opens the shared link: only the memory notes show, in the text and in the margin.
  const reader = await openReader(browser, 'Rae', `/d/${id}?theme=memory`);
  await expect(reader.getByTestId('filter-status')).toContainText('Showing 2 of 3 notes');
  await expect(reader.locator('.reader-text .hl')).toHaveCount(2);
  await expect(card(reader, 'Change, not memory.')).toHaveCount(0);
  await expect(card(reader, 'Memory one.')).toBeVisible();
  // The panel lists them in text order, and a search narrows further; the URL follows.
  await reader.getByRole('button', { name: 'Filter', exact: true }).click();
  const list = reader.getByRole('list', { name: 'Matching notes, in text order' });
  await expect(list.getByRole('listitem')).toHaveText([/Memory one/, /Memory two/]);
  await reader.getByLabel('Words in notes, replies or passages').fill('two');
  await expect(list.getByRole('listitem')).toHaveText([/Memory two/]);
  await expect(reader).toHaveURL(/theme=memory.*q=two|q=two.*theme=memory/);
  await reader.getByTestId('filter-status').getByRole('button', { name: 'Clear the filter' }).click();
  await expect(reader.locator('.reader-text .hl')).toHaveCount(3);
  // The theme map: a column per theme; its mark jumps to the passage and focuses the note.
  const memory = reader.getByTestId('theme-map').getByRole('group', { name: 'memory: 2 notes' });
  await expect(memory.getByRole('button')).toHaveCount(2);
  await memory.getByRole('button').last().click();
  await expect(card(reader, 'Memory two.')).toHaveClass(/focused/);
  await reader.screenshot({ path: 'test-results/theme-map.png' });
  await writer.context().close();
  await reader.context().close();
});

/** The card whose own comment is `text` (a linked note's card also names the notes it links to). */
function commentCard(page: Page, text: string) {
  return page.locator('.note-card').filter({ has: page.locator('.note-comment', { hasText: text }) });
}

test('two notes linked (the resolutions echo the letter): the link shows at both ends and is followed in one click', async ({
  browser,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const writer = await (await browser.newContext()).newPage();
  await signInAs(writer.context(), { id: `r-lin-${suffix}`, name: 'Lin' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await writer.request.post(`${baseUrl()}/api/documents`, { data: { title: `Linked ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await writer.goto(`${baseUrl()}/d/${id}`);
  await expect(writer.getByTestId('room-status')).toHaveText('Live');
  await selectByKeyboard(writer, 'lost in memories');
  await commentOnSelection(writer, 'The first memory.');
  await selectByKeyboard(writer, 'clawing and biting');
  await commentOnSelection(writer, 'The voices answer it.');
  const from = commentCard(writer, 'The voices answer it.');
  await from.getByRole('button', { name: 'Link to another note…' }).click();
  await from.getByLabel('How it relates').selectOption('echoes');
  await from.getByLabel('The other note').selectOption({ label: '¶ 1 The first memory.' });
  await from.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(from.getByRole('list', { name: 'Links' })).toContainText('echoes');

  const reader = await openReader(browser, 'Max', `/d/${id}`);
  const target = commentCard(reader, 'The first memory.');
  await expect(target.getByRole('list', { name: 'Links' })).toContainText('echoed by');
  await target.getByRole('button', { name: /The voices answer it/ }).click();
  await expect(commentCard(reader, 'The voices answer it.')).toHaveClass(/focused/);
  await writer.context().close();
  await reader.context().close();
});
