/**
 * Reading blind on the real server: in a room set blind by its facilitator, a reader's socket never carries the
 * words of another reader's note until the reader has posted on that note's paragraph — not in the first sync, not
 * live, not over HTTP — and then a fresh copy shows it; facilitators see everything; a reader may also choose to
 * read blind in an open room; a withheld note's later versions and deletion stay in step, and nothing a blind
 * reader's copy sends back changes the real note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isWithheldPlaceholder, withheldKeys } from '../../lib/annotations/blind.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { groupText, putBlindMode } from '../helpers/group-fixture.ts';
import { createDocument } from '../helpers/hostile.ts';
import { bytesOfWholeRoom, destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const facilitator: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let seminar: string;
const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  seminar = await groupText(server, text, {
    title: 'The seminar copy',
    groupId: 'g-seminar',
    groupName: 'Seminar',
    owner,
    members: [
      { reader: facilitator, role: 'facilitator' },
      { reader: ada, role: 'annotator' },
      { reader: bea, role: 'annotator' },
    ],
    visibility: 'public-read',
  });
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

function setBlind(reader: TestReader | null, mode: string, documentId = seminar): Promise<Response> {
  return putBlindMode(server, documentId, reader, mode);
}

/** Every byte a socket of `reader` receives after asking for the whole room. */
function bytesReceived(documentId: string, reader: TestReader | null, query = ''): Promise<Buffer> {
  const token = reader ? tokenForReader(wsUrl, reader) : null;
  const sep = query ? '&' : '?';
  return bytesOfWholeRoom(wsUrl, documentId, `${query}${token ? `${sep}token=${token}` : ''}`);
}

async function listed(documentId: string, reader: TestReader | null): Promise<string> {
  const res = await fetch(`${base}/api/documents/${documentId}/annotations`, { headers: reader ? bearer(reader) : {} });
  expect(res.status).toBe(200);
  return res.text();
}

describe('a room set blind', () => {
  it('only a facilitator or the owner sets it', async () => {
    expect((await setBlind(null, 'passage')).status).toBe(401);
    expect((await setBlind(ada, 'passage')).status).toBe(403);
    expect((await setBlind(facilitator, 'everything')).status).toBe(400);
    const res = await setBlind(facilitator, 'passage');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'passage' });
    const info = (await (await fetch(`${base}/api/documents/${seminar}`, { headers: bearer(bea) })).json()) as { blindMode: string };
    expect(info.blindMode).toBe('passage');
  });

  it('withholds another reader’s words until the reader posts on that paragraph, then shows them in a fresh copy', async () => {
    const marker = 'BLIND-MARKER-ada-91c2';
    const adaClient = await joinRoom(wsUrl, seminar, ada, { notices: '1' });
    const adaNote = buildNote({
      text,
      creator: ada,
      passage: 'lost in memories',
      comment: `Memory as refuge ${marker}`,
      documentId: seminar,
    });
    adaClient.annotations.set(adaNote.id, adaNote);
    const fay = await joinRoom(wsUrl, seminar, facilitator);
    await waitFor(() => fay.annotations.has(adaNote.id), 10_000, 'the facilitator sees Ada’s note');
    expect(JSON.stringify(fay.annotations.get(adaNote.id))).toContain(marker);

    // Bea's socket: the first sync and the live update carry a placeholder, never the words.
    const beaClient = await joinRoom(wsUrl, seminar, bea, { notices: '1', blind: 'off' });
    // Under a key of the server's, not the note's id (a key says things too: a theme's is its name).
    expect(beaClient.annotations.has(adaNote.id)).toBe(false);
    expect(withheldKeys(beaClient.annotations)).toHaveLength(1);
    expect(Buffer.from(Y.encodeStateAsUpdate(beaClient.doc)).includes(marker)).toBe(false);
    expect((await bytesReceived(seminar, bea)).includes(marker)).toBe(false);
    expect((await bytesReceived(seminar, null)).includes(marker)).toBe(false); // no account: no way around it
    expect((await bytesReceived(seminar, facilitator)).includes(marker)).toBe(true);
    expect(await listed(seminar, bea)).not.toContain(marker);
    expect(await listed(seminar, null)).not.toContain(marker);
    expect(await listed(seminar, facilitator)).toContain(marker);

    const later = 'SECOND-MARKER-ada-77';
    adaClient.annotations.set(adaNote.id, { ...adaNote, body: [{ ...adaNote.body[0], value: `Edited ${later}` }] });
    await waitFor(() => JSON.stringify(fay.annotations.get(adaNote.id)).includes(later), 10_000, 'the edit at the facilitator');
    expect(withheldKeys(beaClient.annotations)).toHaveLength(1);
    expect(beaClient.annotations.has(adaNote.id)).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(beaClient.doc)).includes(later)).toBe(false);

    // Elsewhere in the text: nothing opens.
    const elsewhere = buildNote({ text, creator: bea, passage: 'fallen apart', comment: 'My own reading.', documentId: seminar });
    beaClient.annotations.set(elsewhere.id, elsewhere);
    await waitFor(() => fay.annotations.has(elsewhere.id), 10_000, 'Bea’s first note stored');
    expect(beaClient.notices.filter((n) => n.kind === 'revealed')).toEqual([]);

    // On Ada's paragraph: the room says notes wait there; a fresh copy shows them.
    const onIt = buildNote({ text, creator: bea, passage: 'a cigarette burning', comment: 'Smoke and memory.', documentId: seminar });
    beaClient.annotations.set(onIt.id, onIt);
    await waitFor(() => beaClient.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice');
    expect(beaClient.notices.find((n) => n.kind === 'revealed')).toEqual({ kind: 'revealed', notes: 1 });
    const fresh = await joinRoom(wsUrl, seminar, bea);
    expect(JSON.stringify(fresh.annotations.get(adaNote.id))).toContain(later);
    expect(await listed(seminar, bea)).toContain(later);

    // Bea's old copy (placeholders) joins again with its doc: it changes nothing of Ada's note.
    beaClient.provider.disconnect();
    beaClient.provider.connect();
    await waitFor(() => beaClient.provider.synced, 10_000, 'the old copy synced again');
    // A round trip after it: the room handles a socket's messages in order, so the old copy's state was handled.
    const probe = buildNote({ text, creator: bea, passage: 'Spike sat inside', comment: 'Probe.', documentId: seminar });
    beaClient.annotations.set(probe.id, probe);
    await waitFor(() => fay.annotations.has(probe.id), 10_000, 'the probe at the facilitator');
    expect(JSON.stringify(fay.annotations.get(adaNote.id))).toContain(later);
    expect(await listed(seminar, facilitator)).toContain(later);

    // A deletion reaches the blind copy as a deletion.
    const cyNote = buildNote({ text, creator: ada, passage: 'the voices and screams', comment: 'To go.', documentId: seminar });
    const blindAgain = await joinRoom(wsUrl, seminar, bea, { notices: '1' });
    expect(withheldKeys(blindAgain.annotations)).toHaveLength(0);
    adaClient.annotations.set(cyNote.id, cyNote);
    await waitFor(() => withheldKeys(blindAgain.annotations).length === 1, 10_000, 'the placeholder');
    adaClient.annotations.delete(cyNote.id);
    await waitFor(() => withheldKeys(blindAgain.annotations).length === 0, 10_000, 'the deletion at the blind copy');
  });

  it('turned off, closes the room’s sockets so everyone joins again seeing all', async () => {
    const beaClient = await joinRoom(wsUrl, seminar, bea, { notices: '1' });
    expect((await setBlind(owner, 'off')).status).toBe(200);
    await waitFor(() => beaClient.closes.includes(4509), 10_000, 'the 4509 close');
    const fresh = await joinRoom(wsUrl, seminar, bea);
    for (const value of fresh.annotations.values()) expect(isWithheldPlaceholder(value)).toBe(false);
  });
});

describe('reading blind by choice', () => {
  it('withholds others’ notes in an open room for the reader who asks, and for nobody else', async () => {
    const open = await createDocument(base, 'An open copy', text);
    const adaClient = await joinRoom(wsUrl, open, ada);
    const marker = 'CHOSEN-BLIND-marker-3b';
    const note = buildNote({ text, creator: ada, passage: 'lost in memories', comment: marker, documentId: open });
    adaClient.annotations.set(note.id, note);
    const plain = await joinRoom(wsUrl, open, bea);
    await waitFor(() => plain.annotations.has(note.id), 10_000, 'the note at a plain reader');
    expect(JSON.stringify(plain.annotations.get(note.id))).toContain(marker);
    expect((await bytesReceived(open, bea, '?blind=passage')).includes(marker)).toBe(false);
    expect((await bytesReceived(open, bea, '?blind=chapter')).includes(marker)).toBe(false);
    expect((await bytesReceived(open, bea, '?blind=nonsense')).includes(marker)).toBe(true);
    // Over HTTP a reader's own choice does not apply: the room is not blind.
    expect(await listed(open, bea)).toContain(marker);
  });

  it('in chapter mode, a text without chapters opens with the reader’s first note anywhere', async () => {
    const open = await createDocument(base, 'Another open copy', text);
    const adaClient = await joinRoom(wsUrl, open, ada);
    const note = buildNote({ text, creator: ada, passage: 'lost in memories', comment: 'Chapter-wide.', documentId: open });
    adaClient.annotations.set(note.id, note);
    const beaClient = await joinRoom(wsUrl, open, bea, { notices: '1', blind: 'chapter' });
    await waitFor(() => withheldKeys(beaClient.annotations).length === 1, 10_000, 'the placeholder');
    expect(beaClient.annotations.has(note.id)).toBe(false);
    const mine = buildNote({ text, creator: bea, passage: 'fallen apart', comment: 'Anywhere at all.', documentId: open });
    beaClient.annotations.set(mine.id, mine);
    await waitFor(() => beaClient.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice');
    const fresh = await joinRoom(wsUrl, open, bea, { blind: 'chapter' });
    expect((fresh.annotations.get(note.id) as { id: string }).id).toBe(note.id);
  });
});
