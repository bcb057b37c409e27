/**
 * Attacks on reading blind: a reader in a room set blind tries to read around it (asking for `blind=off`, for the
 * whole room again, over HTTP, without an account) or to damage the notes it cannot see (deleting or overwriting a
 * placeholder's entry, sending its copy full of placeholders back). Each is refused or harmless: the words never
 * reach the socket, and the withheld note is unchanged for everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withheldKeys } from '../../../lib/annotations/blind.ts';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../../helpers/annotations.ts';
import { groupText, putBlindMode } from '../../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const mal: TestReader = { id: 'reader-mal', name: 'Mal' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let room: string;
let secret: PassageAnnotation;
const marker = 'WITHHELD-marker-e41';

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  room = await groupText(server, text, {
    title: 'A blind seminar',
    groupId: 'g-blind',
    groupName: 'Blind seminar',
    owner,
    members: [
      { reader: ada, role: 'annotator' },
      { reader: mal, role: 'annotator' },
    ],
    visibility: 'public-read',
  });
  const res = await putBlindMode(server, room, owner, 'passage');
  expect(res.status).toBe(200);
  const adaClient = await joinRoom(wsUrl, room, ada);
  secret = buildNote({ text, creator: ada, passage: 'lost in memories', comment: `Ada's reading ${marker}`, documentId: room });
  adaClient.annotations.set(secret.id, secret);
  await waitFor(async () => (await ownerList()).includes(marker), 10_000, 'Ada’s note stored');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

async function ownerList(): Promise<string> {
  const res = await fetch(`${base}/api/documents/${room}/annotations`, {
    headers: { authorization: `Bearer ${tokenForReader(wsUrl, owner)}` },
  });
  return res.text();
}

/** Ada's note as the owner reads it now, over a fresh socket. */
async function secretNow(): Promise<unknown> {
  const check = await joinRoom(wsUrl, room, owner);
  const value = check.annotations.get(secret.id);
  check.destroy();
  return value;
}

describe('reading around a blind room', () => {
  it('is not possible by asking for blind=off, with no account, or over HTTP (listing or search)', async () => {
    for (const [reader, params] of [
      [mal, { blind: 'off' }],
      [mal, { blind: '' }],
      [undefined, {}],
    ] as const) {
      const client = await joinRoom(wsUrl, room, reader, params);
      expect(client.annotations.has(secret.id)).toBe(false);
      expect(withheldKeys(client.annotations)).toHaveLength(1);
      expect(Buffer.from(Y.encodeStateAsUpdate(client.doc)).includes(marker)).toBe(false);
      client.destroy();
    }
    for (const headers of [{ authorization: `Bearer ${tokenForReader(wsUrl, mal)}` }, {}] as Array<Record<string, string>>) {
      const body = await (await fetch(`${base}/api/documents/${room}/annotations`, { headers })).text();
      expect(body).not.toContain(marker);
      expect(body).not.toContain(secret.id);
      // Searching for the words finds nothing either (the search index holds them; the route filters).
      const found = await fetch(`${base}/api/documents/${room}/search?q=${encodeURIComponent(marker)}`, { headers });
      expect(found.status).toBe(200);
      expect(((await found.json()) as { total: number }).total).toBe(0);
    }
    const asOwner = await fetch(`${base}/api/documents/${room}/search?q=${encodeURIComponent(marker)}`, {
      headers: { authorization: `Bearer ${tokenForReader(wsUrl, owner)}` },
    });
    expect(((await asOwner.json()) as { results: Array<{ id: string }> }).results.map((r) => r.id)).toEqual([secret.id]);
  });
});

describe('damaging what a blind reader cannot see', () => {
  it('a deletion of the placeholder’s entry is refused and the note stays', async () => {
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    const [placeholder] = withheldKeys(malClient.annotations);
    malClient.annotations.delete(placeholder);
    await waitFor(() => malClient.notices.some((n) => n.kind === 'refused' && n.key === secret.id), 10_000, 'the refusal');
    expect(JSON.stringify(await secretNow())).toContain(marker);
    // Mal's copy is put back to the placeholder, not to the note.
    await waitFor(() => withheldKeys(malClient.annotations).length === 1, 10_000, 'the entry restored at Mal');
    expect(malClient.annotations.has(secret.id)).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(malClient.doc)).includes(marker)).toBe(false);
  });

  it('an overwrite of the note (its id learned elsewhere) with the reader’s own is refused and the note stays', async () => {
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    const forged = {
      ...buildNote({ text, creator: mal, passage: 'lost in memories', comment: 'Mine now.', documentId: room }),
      id: secret.id,
    };
    malClient.annotations.set(secret.id, forged);
    await waitFor(() => malClient.notices.some((n) => n.kind === 'refused' && n.key === secret.id), 10_000, 'the refusal');
    expect(JSON.stringify(await secretNow())).toContain(marker);
  });

  it('a copy full of placeholders sent back whole (a reconnect, or to a new room copy) changes nothing', async () => {
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    const state = Y.encodeStateAsUpdate(malClient.doc);
    // The same state pushed through a second socket as a fresh client would: the room has every clock already.
    const replay = await joinRoom(
      wsUrl,
      room,
      mal,
      { notices: '1' },
      (() => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        return doc;
      })(),
    );
    malClient.provider.disconnect();
    malClient.provider.connect();
    await waitFor(() => malClient.provider.synced, 10_000, 'Mal synced again');
    const probe = buildNote({ text, creator: mal, passage: 'fallen apart', comment: 'Probe.', documentId: room });
    replay.annotations.set(probe.id, probe);
    await waitFor(async () => (await ownerList()).includes(probe.id), 10_000, 'the probe stored');
    expect(JSON.stringify(await secretNow())).toContain(marker);
    expect(replay.notices.filter((n) => n.kind === 'refused' || n.kind === 'rejected')).toEqual([]);
  });
});

describe('taking over a deleted note’s id', () => {
  it('is refused, so the replies kept under that id never become the taker’s thread; the author may still undo', async () => {
    const adaClient = await joinRoom(wsUrl, room, ada, { notices: '1' });
    const note = buildNote({ text, creator: ada, passage: 'the voices and screams', comment: 'To be deleted.', documentId: room });
    adaClient.annotations.set(note.id, note);
    const replyMarker = 'ORPHAN-reply-marker-5d';
    const reply = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `reply-${note.id}`,
      type: 'Annotation',
      motivation: 'replying',
      creator: ada,
      created: new Date().toISOString(),
      body: [{ type: 'TextualBody', purpose: 'replying', value: `Kept after the note goes ${replyMarker}`, format: 'text/plain' }],
      target: note.id,
    };
    adaClient.annotations.set(reply.id, reply);
    await waitFor(async () => (await ownerList()).includes(replyMarker), 10_000, 'the reply stored');
    const deleted = adaClient.annotations.get(note.id);
    adaClient.annotations.delete(note.id);
    await waitFor(
      async () => !(await ownerList()).includes(`"id":"${base}/api/documents/${room}/annotations/${note.id}"`),
      10_000,
      'the note deleted',
    );

    // Mal writes a note of his own under the deleted note's id: taken back, with the reason.
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    const taken = { ...buildNote({ text, creator: mal, passage: 'fallen apart', comment: 'Mine.', documentId: room }), id: note.id };
    malClient.annotations.set(note.id, taken);
    await waitFor(
      () => malClient.notices.some((n) => n.kind === 'refused' && n.key === note.id && /another reader/.test(n.reason)),
      10_000,
      'the refusal',
    );
    const asMal = await (
      await fetch(`${base}/api/documents/${room}/annotations`, { headers: { authorization: `Bearer ${tokenForReader(wsUrl, mal)}` } })
    ).text();
    expect(asMal).not.toContain(replyMarker);
    const fresh = await joinRoom(wsUrl, room, mal);
    expect(Buffer.from(Y.encodeStateAsUpdate(fresh.doc)).includes(replyMarker)).toBe(false);

    // Ada undoes her delete (same id, same writer): it stands.
    adaClient.annotations.set(note.id, deleted);
    await waitFor(
      async () => (await ownerList()).includes(`"id":"${base}/api/documents/${room}/annotations/${note.id}"`),
      10_000,
      'the note restored',
    );
    expect(adaClient.notices.filter((n) => n.kind === 'refused')).toEqual([]);
  });
});

describe('theme names', () => {
  it('a theme used only by notes withheld from the reader does not reach them, key or value; an unused one does', async () => {
    const ownerClient = await joinRoom(wsUrl, room, owner);
    ownerClient.tags.set('prepared', { label: 'prepared', color: '#4363d8' });
    const adaClient = await joinRoom(wsUrl, room, ada);
    const theme = 'zqxthemeonlyada';
    const note = buildNote({
      text,
      creator: ada,
      passage: 'his insides were bleeding',
      comment: 'Tagged.',
      tags: [theme],
      documentId: room,
    });
    adaClient.doc.transact(() => {
      adaClient.tags.set(theme, { label: theme, color: '#e6194b' });
      adaClient.annotations.set(note.id, note);
    });
    await waitFor(async () => (await ownerList()).includes(note.id), 10_000, 'Ada’s tagged note stored');
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    expect(malClient.tags.has('prepared')).toBe(true);
    expect(malClient.tags.has(theme)).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(malClient.doc)).includes(theme)).toBe(false);
    // Once Mal has posted on that paragraph, a fresh copy has the theme and the note.
    const mine = buildNote({ text, creator: mal, passage: 'clawing and biting', comment: 'Mine.', documentId: room });
    malClient.annotations.set(mine.id, mine);
    await waitFor(() => malClient.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice');
    const fresh = await joinRoom(wsUrl, room, mal);
    expect((fresh.tags.get(theme) as { label: string }).label).toBe(theme);
  });
});
