/**
 * Rate limits are per user: a signed-in writer who opens more connections (tokens, tabs) does not get more notes
 * per minute. Past the quota the note is taken back and its writer told why; another user is not affected.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { createToken, signUp, type TestAccount } from '../../helpers/accounts.ts';
import { destroyAllClients, joinRoom, waitFor } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const perMinute = 3;
let server: TestServer;
let base: string;
let text: string;
let ann: TestAccount;
let bob: TestAccount;

beforeAll(async () => {
  server = await startTestServer({ GLOSSA_NOTES_PER_MINUTE: String(perMinute) });
  base = server.current.url;
  text = await fetchText(base);
  ann = await signUp(base, 'Ann Rate');
  bob = await signUp(base, 'Bob Rate');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

it('counts every connection of one user against one quota', async () => {
  const first = await joinRoom(server.current.wsUrl, storyId, undefined, { token: (await createToken(base, ann)).token, notices: '1' });
  const second = await joinRoom(server.current.wsUrl, storyId, undefined, { token: (await createToken(base, ann)).token, notices: '1' });
  const creator = { id: ann.id, name: ann.name };
  const notes = Array.from({ length: perMinute + 1 }, (_, i) =>
    buildNote({ text, creator, passage: 'Spike sat inside the mausoleum', comment: `Note ${i} of Ann.` }),
  );
  // Two on each connection: the fourth is one past the user's quota.
  for (const [i, note] of notes.entries()) {
    const client = i % 2 === 0 ? first : second;
    client.annotations.set(note.id, note);
    await waitFor(async () => (await storedIds(base)).includes(note.id) || !client.annotations.has(note.id), 10_000, `note ${i} judged`);
  }
  const stored = await storedIds(base);
  expect(notes.filter((n) => stored.includes(n.id))).toHaveLength(perMinute);
  expect(stored).not.toContain(notes[perMinute].id);
  expect(second.notices.some((n) => n.kind === 'refused' && /per minute/.test(n.reason))).toBe(true);

  // Another user still writes.
  const other = await joinRoom(server.current.wsUrl, storyId, undefined, { token: (await createToken(base, bob)).token });
  const bobs = buildNote({
    text,
    creator: { id: bob.id, name: bob.name },
    passage: 'Spike sat inside the mausoleum',
    comment: 'Bob writes.',
  });
  other.annotations.set(bobs.id, bobs);
  await waitFor(async () => (await storedIds(base)).includes(bobs.id), 10_000, "Bob's note stored");
});
