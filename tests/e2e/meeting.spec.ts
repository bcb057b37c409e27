/**
 * A book-club meeting in Chromium with three readers (issue 11, point 4): the facilitator (the text's owner) starts
 * a meeting, both readers see its banner, Ada writes a note and Bea replies to it, the facilitator ends it — and the
 * summary lists what was written in the meeting and not the note Ada wrote before it, for the facilitator and for a
 * reader who follows "See the summary". The participation view names a member who has not written.
 */
import { expect, test } from '@playwright/test';
import { wcagViolations } from './axe.ts';
import { baseUrl, card, commentOnSelection, openReader, selectByMouse, signInAs } from './reader-helpers.ts';

/** Where screenshots go (GLOSSA_SHOTS to keep them apart from other runs' test-results, which Playwright clears). */
const shots = process.env.GLOSSA_SHOTS ?? 'test-results';

test('the meeting summary lists what was written in it, and not a note written before it', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const fay = await (await browser.newContext()).newPage();
  await signInAs(fay.context(), { id: `r-fay-${suffix}`, name: 'Fay' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await fay.request.post(`${baseUrl()}/api/documents`, { data: { title: `Club ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await fay.goto(`${baseUrl()}/d/${id}`);
  await expect(fay.getByTestId('room-status')).toHaveText('Live');

  const ada = await openReader(browser, 'Ada', `/d/${id}`);
  const bea = await openReader(browser, 'Bea', `/d/${id}`);
  await selectByMouse(ada, 'a cigarette burning');
  await commentOnSelection(ada, 'Before the meeting: the smoke.');
  await expect(card(fay, 'Before the meeting: the smoke.')).toBeVisible();

  // Fay starts the meeting from the header's Meeting panel; both readers see its banner at once.
  await fay.getByRole('button', { name: 'Meeting', exact: true }).click();
  const panel = fay.getByTestId('meeting-panel');
  await expect(panel.getByText('No meeting has ended yet.')).toBeVisible();
  await panel.getByLabel('Title').fill('Chapter 1');
  await panel.getByRole('button', { name: 'Start the meeting' }).click();
  await expect(panel.getByTestId('meeting-running')).toContainText('Chapter 1 — running for');
  for (const page of [ada, bea]) await expect(page.getByTestId('meeting-banner')).toContainText('Meeting: Chapter 1');
  await fay.screenshot({ path: `${shots}/meeting-running.png` });

  // During the meeting: Ada writes, Bea replies to her.
  await selectByMouse(ada, 'lost in memories');
  await commentOnSelection(ada, 'During the meeting: memory as a refuge.');
  const during = card(bea, 'During the meeting: memory as a refuge.');
  await expect(during).toBeVisible();
  await during.click();
  await during.getByRole('button', { name: 'Reply' }).click();
  await during.getByLabel('Your reply').fill('Bea answers: or a trap.');
  await during.getByLabel('Your reply').press('Control+Enter');
  await expect(card(fay, 'During the meeting: memory as a refuge.')).toContainText('Bea answers: or a trap.');

  // Fay ends it (asked once more) and reads the summary.
  await panel.getByRole('button', { name: 'End the meeting…' }).click();
  await panel.getByRole('button', { name: 'End it for everyone' }).click();
  const summary = panel.getByTestId('meeting-summary');
  const written = summary.getByTestId('meeting-summary-written');
  await expect(written).toContainText('During the meeting: memory as a refuge.');
  await expect(written).toContainText('Bea answers: or a trap.');
  await expect(summary).not.toContainText('Before the meeting');
  await expect(summary.getByRole('heading', { name: 'Questions discussed' })).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'Passages spotlighted' })).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'Most reacted' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Download (Markdown)' })).toHaveAttribute('href', /summary\?format=md$/);
  await fay.screenshot({ path: `${shots}/meeting-summary.png` });
  expect(await wcagViolations(fay)).toEqual([]);

  // A jump link goes to the note's passage.
  await written.getByRole('button', { name: /¶/ }).first().click();
  await expect(card(fay, 'During the meeting: memory as a refuge.')).toHaveClass(/focused/);

  // The export dialog offers the meeting's notes.
  await summary.getByRole('button', { name: 'Export notes from this meeting…' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByLabel(/Notes from the meeting of/)).toBeChecked();
  await expect(dialog.locator('.export-preview-text')).toContainText('During the meeting: memory as a refuge.');
  await expect(dialog.locator('.export-preview-text')).not.toContainText('Before the meeting');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The readers are told the meeting ended and read the same summary.
  await expect(ada.getByTestId('meeting-banner')).toHaveCount(0);
  await ada.getByTestId('meeting-ended-banner').getByRole('button', { name: 'See the summary' }).click();
  const adas = ada.getByTestId('meeting-summary');
  await expect(adas.getByTestId('meeting-summary-written')).toContainText('During the meeting: memory as a refuge.');
  await expect(adas).not.toContainText('Before the meeting');
  // Readers have no participation view.
  await expect(ada.getByRole('tab', { name: 'Participation' })).toHaveCount(0);

  // On a phone the panel takes the screen's width.
  await bea.setViewportSize({ width: 390, height: 844 });
  await bea.getByTestId('meeting-ended-banner').getByRole('button', { name: 'See the summary' }).click();
  await expect(bea.getByTestId('meeting-summary')).toContainText('Bea answers: or a trap.');
  const box = await bea.getByTestId('meeting-panel').boundingBox();
  expect(box?.width).toBeGreaterThan(360);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  await bea.screenshot({ path: `${shots}/meeting-summary-phone.png` });

  // Fay's participation view: who wrote, and Esc closes the panel.
  await panel.getByRole('button', { name: '← Meeting' }).click();
  await panel.getByRole('tab', { name: 'Participation' }).click();
  await expect(panel.getByTestId('participation')).toContainText('Ada: 2 notes, 0 replies');
  await expect(panel.getByTestId('participation')).toContainText('Bea: 0 notes, 1 reply');
  await fay.screenshot({ path: `${shots}/meeting-participation.png` });
  await fay.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  for (const page of [fay, ada, bea]) await page.context().close();
});

test('a reveal phase hides the others’ notes from a reader until the facilitator opens them', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const fay = await (await browser.newContext()).newPage();
  await signInAs(fay.context(), { id: `r-fay-${suffix}`, name: 'Fay' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await fay.request.post(`${baseUrl()}/api/documents`, { data: { title: `Alone ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  await fay.goto(`${baseUrl()}/d/${id}`);
  await expect(fay.getByTestId('room-status')).toHaveText('Live');
  const ada = await openReader(browser, 'Ada', `/d/${id}`);
  const bea = await openReader(browser, 'Bea', `/d/${id}`);
  await selectByMouse(ada, 'lost in memories');
  await commentOnSelection(ada, 'Ada, written before the phase.');
  await expect(card(bea, 'Ada, written before the phase.')).toBeVisible();

  // Fay starts the meeting with a phase: Bea's page joins again, blind, and says until when.
  await fay.getByRole('button', { name: 'Meeting', exact: true }).click();
  const panel = fay.getByTestId('meeting-panel');
  await panel.getByLabel('Title').fill('Chapter 1');
  await panel.getByRole('checkbox', { name: /Annotate alone until/ }).check();
  await panel.getByRole('button', { name: 'Start the meeting' }).click();
  await expect(panel.getByTestId('meeting-running')).toContainText('Annotating alone: the notes open at');
  await expect(bea.getByTestId('meeting-banner')).toContainText(/annotating alone until .+, then the notes open/);
  await expect(card(bea, 'Ada, written before the phase.')).toHaveCount(0);
  expect(await bea.content()).not.toContain('Ada, written before the phase.');
  await expect(bea.getByTestId('room-status')).toHaveText('Live');
  await expect(bea.getByTestId('offline-banner')).toHaveCount(0);
  await bea.screenshot({ path: `${shots}/meeting-alone.png` });
  // The facilitator still sees it.
  await expect(card(fay, 'Ada, written before the phase.')).toBeVisible();

  // Fay opens the notes early: Bea's page shows Ada's note again without a reload.
  await panel.getByRole('button', { name: 'Open the notes now' }).click();
  await expect(card(bea, 'Ada, written before the phase.')).toBeVisible();
  await expect(bea.getByTestId('meeting-banner')).toContainText('the notes are open');
  for (const page of [fay, ada, bea]) await page.context().close();
});
