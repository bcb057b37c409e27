/**
 * A reading group in Chromium, end to end: a newcomer signs up, makes a group, files a text into it as group-only,
 * and invites a viewer and an annotator by link. The viewer has no composer, and a write forced from the page's
 * console (a hand-made socket with the viewer's own session) does not land; the annotator writes and the viewer
 * sees it live; a private note stays the annotator's alone until it is shared, then appears for the others.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { buildNote } from '../helpers/annotations.ts';
import { baseUrl, card, commentOnSelection, openReader, selectByMouse, signInAs } from './reader-helpers.ts';

const shots = 'test-results/groups';
mkdirSync(shots, { recursive: true });

/** The y-websocket sync-update message that writes `note` into a room, as a forged client would send it. */
function forgedWrite(note: ReturnType<typeof buildNote>): number[] {
  const doc = new Y.Doc();
  doc.getMap('annotations').set(note.id, note);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return [...encoding.toUint8Array(encoder)];
}

/** A member's browser: signed in as a fixture account, joined to the group through the invitation link. */
async function member(page: Page, who: { id: string; name: string }, link: string): Promise<void> {
  await signInAs(page.context(), who);
  await page.goto(link);
  await page.getByRole('button', { name: 'Join the group' }).click();
  await expect(page).toHaveURL(/\/groups\/[^/]+$/);
}

test('a group with a viewer and an annotator: roles hold in the browser, and a private note is shared', async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const owner = await (await browser.newContext()).newPage();

  // Sign up through the real form.
  await owner.goto(`${baseUrl()}/sign-in?mode=sign-up&next=/groups`);
  if (await owner.getByRole('button', { name: 'Create an account' }).isVisible())
    await owner.getByRole('button', { name: 'Create an account' }).click();
  await owner.getByLabel(/Your name/).fill('Gwen Group');
  await owner.getByLabel('Email').fill(`gwen-${suffix}@example.test`);
  await owner.getByLabel(/^Password/).fill('a long group password');
  await owner.getByRole('button', { name: 'Create account' }).click();
  await expect(owner).toHaveURL(/\/groups$/);

  // Make the group.
  const groupName = `Thursday readers ${suffix}`;
  await owner.getByLabel('Group name').fill(groupName);
  await owner.getByRole('button', { name: 'Create group' }).click();
  await expect(owner).toHaveURL(/\/groups\/[^/]+$/);
  await expect(owner.getByRole('heading', { level: 1 })).toContainText(groupName);

  // Import a text and make it the group's only, from the library.
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const title = `Group copy ${suffix}`;
  const imported = await owner.request.post(`${baseUrl()}/api/documents`, { data: { title, text: story } });
  expect(imported.status()).toBe(201);
  const { id: docId } = (await imported.json()) as { id: string };
  await owner.goto(baseUrl());
  await owner.getByRole('button', { name: `Edit title and author of ${title}` }).click();
  const form = owner.getByRole('form', { name: `Edit ${title}` });
  await form.getByLabel('Reading group').selectOption({ label: groupName });
  await form.getByLabel('Who may read it').selectOption('group');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByRole('region', { name: groupName })).toContainText(title);
  await owner.screenshot({ path: `${shots}/library-grouped.png` });
  // Outsiders no longer see it.
  expect((await fetch(`${baseUrl()}/api/documents/${docId}`)).status).toBe(401);

  // Invitation links, one per role.
  await owner.goto(`${baseUrl()}/groups`);
  await owner.getByRole('link', { name: groupName }).click();
  const links: Record<string, string> = {};
  for (const role of ['viewer', 'annotator']) {
    await owner.getByLabel('Role').selectOption(role);
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    // A new link each time: wait until the box no longer shows the previous one.
    await expect(owner.getByTestId('fresh-invite')).toHaveValue(/\/join\//);
    await expect(owner.getByTestId('fresh-invite')).not.toHaveValue(links.viewer ?? '');
    links[role] = await owner.getByTestId('fresh-invite').inputValue();
  }
  await owner.screenshot({ path: `${shots}/group-invites.png`, fullPage: true });

  const viewer = await (await browser.newContext()).newPage();
  await member(viewer, { id: `r-vera-${suffix}`, name: 'Vera' }, links.viewer);
  const annotator = await (await browser.newContext()).newPage();
  await member(annotator, { id: `r-abe-${suffix}`, name: 'Abe' }, links.annotator);

  // The viewer reads, with no composer.
  await viewer.goto(`${baseUrl()}/d/${docId}`);
  await expect(viewer.getByTestId('room-status')).toHaveText('Live');
  await expect(viewer.getByTestId('reading-only')).toContainText('viewer');
  await selectByMouse(viewer, 'groggy and in a few cases hung over');
  await expect(viewer.getByRole('toolbar', { name: 'Annotate the selection' })).toHaveCount(0);
  await viewer.keyboard.press('c');
  await expect(viewer.getByRole('form', { name: 'Write a note' })).toHaveCount(0);

  // A write forced from the console, over a socket of the viewer's own session, does not land.
  const forged = buildNote({
    text: story,
    creator: { id: `r-vera-${suffix}`, name: 'Vera' },
    passage: 'lost in memories',
    comment: 'Forced by a viewer',
    documentId: docId,
  });
  const answer = await viewer.evaluate(
    async ({ url, bytes }) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => ws.send(new Uint8Array(bytes));
        ws.onmessage = (event) => {
          const data = new Uint8Array(event.data as ArrayBuffer);
          // Glossa's notice channel (message type 100): the refusal.
          if (data[0] === 100) resolve(new TextDecoder().decode(data));
        };
        ws.onclose = (event) => resolve(`closed ${event.code}`);
        setTimeout(() => resolve('no answer'), 5000);
      }),
    { url: `${baseUrl().replace(/^http/, 'ws')}/collab/${docId}?notices=1`, bytes: forgedWrite(forged) },
  );
  expect(answer).toMatch(/read but not write/);

  // The annotator writes; the viewer sees it live; the forged note is nowhere.
  await annotator.goto(`${baseUrl()}/d/${docId}`);
  await expect(annotator.getByTestId('room-status')).toHaveText('Live');
  await expect(annotator.getByTestId('reading-only')).toHaveCount(0);
  await selectByMouse(annotator, 'Things had changed, fallen apart.');
  await commentOnSelection(annotator, 'Abe’s shared thought.');
  await expect(card(viewer, 'Abe’s shared thought.')).toBeVisible();
  await expect(card(annotator, 'Forced by a viewer')).toHaveCount(0);
  const stored = await owner.request.get(`${baseUrl()}/api/documents/${docId}/annotations`);
  expect(await stored.text()).not.toContain('Forced by a viewer');

  // A private note: only Abe sees it, marked; then he shares it and everyone does.
  await selectByMouse(annotator, 'a handful of pages held in one hand');
  await annotator
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /Comment/ })
    .click();
  const composer = annotator.getByRole('form', { name: 'Write a note' });
  await composer.getByLabel('Comment').fill('Abe, privately.');
  await composer.getByLabel(/Keep private/).check();
  await composer.getByRole('button', { name: 'Save note' }).click();
  const privateCard = card(annotator, 'Abe, privately.');
  await expect(privateCard).toContainText('Private');
  await annotator.reload();
  await expect(card(annotator, 'Abe, privately.')).toContainText('Private');
  await owner.goto(`${baseUrl()}/d/${docId}`);
  await expect(card(owner, 'Abe’s shared thought.')).toBeVisible();
  await expect(card(owner, 'Abe, privately.')).toHaveCount(0);
  await expect(card(viewer, 'Abe, privately.')).toHaveCount(0);
  expect(await (await owner.request.get(`${baseUrl()}/api/documents/${docId}/annotations`)).text()).not.toContain('Abe, privately.');
  await annotator.screenshot({ path: `${shots}/private-note.png` });

  await card(annotator, 'Abe, privately.').getByRole('button', { name: 'Share with the group' }).click();
  await expect(card(viewer, 'Abe, privately.')).toBeVisible();
  await expect(card(owner, 'Abe, privately.')).toBeVisible();
  await expect(card(annotator, 'Abe, privately.')).not.toContainText('Private');
  await expect
    .poll(async () => (await owner.request.get(`${baseUrl()}/api/documents/${docId}/annotations`)).text())
    .toContain('Abe, privately.');

  // The owner (a facilitator's powers) hides Abe's note: the viewer sees the trace, not the text.
  await card(owner, 'Abe’s shared thought.').getByRole('button', { name: 'Hide' }).click();
  await expect(viewer.getByTestId('moderation-trace').first()).toContainText('Hidden by a facilitator');
  await expect(card(viewer, 'Abe’s shared thought.')).toHaveCount(0);
  await viewer.screenshot({ path: `${shots}/viewer.png` });
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true })).newPage();
  await signInAs(phone.context(), { id: `r-vera-${suffix}`, name: 'Vera' });
  await phone.goto(`${baseUrl()}/d/${docId}`);
  await expect(phone.getByTestId('reading-only')).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: `${shots}/viewer-phone.png` });

  // The owner makes Vera an annotator: her open page offers writing at once, without a reload.
  await owner.goto(`${baseUrl()}/groups`);
  await owner.getByRole('link', { name: groupName }).click();
  await owner.getByLabel('Role of Vera').selectOption('annotator');
  await owner.getByRole('button', { name: 'Save role' }).click();
  await expect(viewer.getByTestId('reading-only')).toHaveCount(0);
  await selectByMouse(viewer, 'a desperate effort to control her problems with magic');
  await commentOnSelection(viewer, 'Vera, promoted.');
  await expect(card(annotator, 'Vera, promoted.')).toBeVisible();

  for (const page of [owner, viewer, annotator, phone]) await page.context().close();
});

test("a text's owner governs its themes for everyone (rename, nest, merge, delete with undo); an annotator marks with a sticky theme", async ({
  browser,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const owner = await (await browser.newContext()).newPage();
  await signInAs(owner.context(), { id: `r-tess-${suffix}`, name: 'Tess' });
  const story = await (await fetch(`${baseUrl()}/api/documents/should-have-known/text`)).text();
  const imported = await owner.request.post(`${baseUrl()}/api/documents`, { data: { title: `Themes ${suffix}`, text: story } });
  const { id } = (await imported.json()) as { id: string };
  const annotator = await openReader(browser, 'Uma', `/d/${id}`);
  await selectByMouse(annotator, 'Things had changed, fallen apart.');
  await commentOnSelection(annotator, 'Change as loss.', ['grief']);
  await selectByMouse(annotator, 'lost in memories');
  await commentOnSelection(annotator, 'Memory as refuge.', ['memory']);
  const chips = (text: string) => card(annotator, text).locator('.tag-chip');

  await owner.goto(`${baseUrl()}/d/${id}`);
  await expect(card(owner, 'Change as loss.')).toBeVisible();
  await owner.getByRole('button', { name: 'Themes' }).click();
  const panel = owner.getByTestId('themes-panel');
  await expect(panel).toContainText('grief');
  // Rename, for everyone, live.
  await panel.getByRole('button', { name: 'Edit the theme grief' }).click();
  await panel.getByLabel('Name').fill('Grief and loss');
  await panel.getByLabel('Description').fill('What is gone for good.');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(chips('Change as loss.')).toHaveText('Grief and loss');
  await expect(panel).toContainText('What is gone for good.');
  // Nest memory under it.
  await panel.getByRole('button', { name: 'Edit the theme memory' }).click();
  await panel.getByLabel('Nested under').selectOption({ label: 'Grief and loss' });
  await expect(panel.locator('.theme-row.nested')).toContainText('memory');
  await owner.screenshot({ path: `${shots}/themes-panel.png` });
  // Merge memory into it: the note of memory now carries the other theme, at the annotator's too.
  await panel.getByLabel('Merge into').selectOption({ label: 'Grief and loss' });
  await panel.getByRole('button', { name: 'Merge…' }).click();
  await expect(panel.getByRole('group', { name: 'Confirm the merge' })).toContainText('1 note will carry Grief and loss');
  await panel.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(chips('Memory as refuge.')).toHaveText('Grief and loss');
  await expect(panel).not.toContainText('memory');
  // Delete it, after a confirmation that counts its notes; then undo.
  await panel.getByRole('button', { name: 'Edit the theme grief' }).click();
  await panel.getByRole('button', { name: 'Delete…' }).click();
  await expect(panel.getByRole('group', { name: 'Confirm the delete' })).toContainText('It comes off 2 notes');
  await panel.getByRole('button', { name: 'Delete Grief and loss' }).click();
  await expect(chips('Change as loss.')).toHaveCount(0);
  await expect(chips('Memory as refuge.')).toHaveCount(0);
  await owner.getByTestId('theme-undo').getByRole('button', { name: 'Undo' }).click();
  await expect(chips('Change as loss.')).toHaveText('Grief and loss');
  await expect(chips('Memory as refuge.')).toHaveText('Grief and loss');

  // The annotator's panel lists the themes without governing them, and marks with one until told to stop.
  await annotator.getByRole('button', { name: 'Themes' }).click();
  const theirs = annotator.getByTestId('themes-panel');
  await expect(theirs).toContainText('Grief and loss');
  await expect(theirs.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await theirs.getByRole('button', { name: 'Mark with it' }).click();
  await expect(annotator.getByTestId('sticky-theme')).toContainText('Grief and loss');
  await annotator.keyboard.press('Escape');
  await selectByMouse(annotator, 'two tiny little details');
  await annotator.keyboard.press('h');
  await expect(card(annotator, 'two tiny little details').locator('.tag-chip')).toHaveText('Grief and loss');
  await annotator.getByTestId('sticky-theme').getByRole('button', { name: 'Stop' }).click();
  await expect(annotator.getByTestId('sticky-theme')).toHaveCount(0);
  await owner.context().close();
  await annotator.context().close();
});

test('the sample story starts with suggested themes', async ({ page }) => {
  await page.goto(`${baseUrl()}/d/should-have-known`);
  await page.getByRole('button', { name: 'Themes' }).click();
  for (const theme of ['guilt', 'exclusion', 'the chip', 'loneliness', 'regret'])
    await expect(page.getByTestId('themes-panel')).toContainText(theme);
});
