/**
 * Private notes on the real server: a reader's private layer (`/collab/<id>/private`) is theirs alone — nothing
 * in it reaches the shared room, another reader's layer, any HTTP response or the database rows exports read — it
 * survives a restart, and a private note shared into the room keeps its id and times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { setDocumentAccess, writeGroup } from '../helpers/group-fixture.ts';
import { createDocument, tablesContaining } from '../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, openRawSocket, waitFor } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let text: string;
const privateOf = (documentId: string) => `${documentId}/private`;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('a private note', () => {
  it('reaches no one else: not the shared room, not another reader’s layer, not HTTP, not the exported rows', async () => {
    const { url, wsUrl } = server.current;
    const annPrivate = await joinRoom(wsUrl, privateOf(storyId), ann, { notices: '1' });
    const annShared = await joinRoom(wsUrl, storyId, ann);
    const benShared = await joinRoom(wsUrl, storyId, ben);
    const benPrivate = await joinRoom(wsUrl, privateOf(storyId), ben);
    const marker = 'PRIVATE-MARKER-7f3a';
    const note = buildNote({ text, creator: ann, passage: 'lost in memories', comment: `Only for me ${marker}` });
    annPrivate.annotations.set(note.id, note);
    // Stored: a second connection to Ann's layer (another tab) gets it from the server.
    const annAgain = await joinRoom(wsUrl, privateOf(storyId), ann);
    await waitFor(() => annAgain.annotations.has(note.id), 10_000, 'the note in Ann’s layer on another tab');
    expect(annPrivate.notices.filter((n) => n.kind !== 'saving-resumed')).toEqual([]);
    expect(annShared.annotations.has(note.id)).toBe(false);
    expect(benShared.annotations.has(note.id)).toBe(false);
    expect(benPrivate.annotations.has(note.id)).toBe(false);
    expect(await storedIds(url)).not.toContain(note.id);
    for (const path of ['', '/text', '/annotations']) {
      const body = await (
        await fetch(`${url}/api/documents/${storyId}${path}`, { headers: { authorization: `Bearer ${tokenForReader(wsUrl, ben)}` } })
      ).text();
      expect(body).not.toContain(marker);
    }
    // The only table that holds it is the private layer's log (exports read the annotation rows).
    expect(tablesContaining(server.dbPath, marker)).toEqual(['private_updates.data']);

    await server.restart();
    const back = await joinRoom(server.current.wsUrl, privateOf(storyId), ann);
    await waitFor(() => back.annotations.has(note.id), 10_000, 'the private note after a restart');
    const benBack = await joinRoom(server.current.wsUrl, privateOf(storyId), ben);
    expect(benBack.annotations.has(note.id)).toBe(false);
  });

  it('is shared into the room with its id and times, and leaves the private layer', async () => {
    const { url, wsUrl } = server.current;
    const annPrivate = await joinRoom(wsUrl, privateOf(storyId), ann);
    const annShared = await joinRoom(wsUrl, storyId, ann, { notices: '1' });
    const benShared = await joinRoom(wsUrl, storyId, ben);
    const note = buildNote({ text, creator: ann, passage: 'fallen apart', comment: 'Ready to share.' });
    annPrivate.annotations.set(note.id, note);
    const again = await joinRoom(wsUrl, privateOf(storyId), ann);
    await waitFor(() => again.annotations.has(note.id), 10_000, 'private note stored');
    // Sharing, as the reader does it: into the room first, then out of the private layer.
    annShared.annotations.set(note.id, annPrivate.annotations.get(note.id));
    annPrivate.annotations.delete(note.id);
    await waitFor(() => benShared.annotations.has(note.id), 10_000, 'the shared note at Ben');
    const seen = benShared.annotations.get(note.id) as PassageAnnotation;
    expect(seen.created).toBe(note.created);
    expect(seen.id).toBe(note.id);
    await waitFor(async () => (await storedIds(url)).includes(note.id), 10_000, 'the shared note stored');
    await waitFor(() => !again.annotations.has(note.id), 10_000, 'gone from the private layer');
    expect(annShared.notices.filter((n) => n.kind === 'refused')).toEqual([]);
  });

  it('is written only in its owner’s name, and needs an account', async () => {
    const { wsUrl } = server.current;
    expect((await openRawSocket(wsUrl, privateOf(storyId)).closed).code).toBe(4401);
    const annPrivate = await joinRoom(wsUrl, privateOf(storyId), ann, { notices: '1' });
    const forged = buildNote({ text, creator: ben, passage: 'Spike sat inside the mausoleum', comment: 'In Ben’s name' });
    annPrivate.annotations.set(forged.id, forged);
    await waitFor(() => annPrivate.notices.some((n) => n.kind === 'refused' && n.key === forged.id), 10_000, 'forged note refused');
  });

  it('needs read access to the document: an outsider of a group’s text has no private layer of it', async () => {
    const { url, wsUrl } = server.current;
    const doc = await createDocument(url, 'Closed circle', text);
    const otto = { id: 'reader-otto', name: 'Otto' };
    tokenForReader(wsUrl, otto);
    writeGroup(server.dbPath, { groupId: 'g-private', name: 'Circle', ownerId: ann.id, members: [] });
    setDocumentAccess(server.dbPath, doc, 'group', 'g-private');
    expect((await openRawSocket(wsUrl, privateOf(doc), `?token=${tokenForReader(wsUrl, otto)}`).closed).code).toBe(4403);
    const own = await joinRoom(wsUrl, privateOf(doc), ann);
    expect(own.provider.wsconnected).toBe(true);
  });
});
