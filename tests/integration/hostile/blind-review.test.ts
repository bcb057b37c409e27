/**
 * A security review of reading blind: a reader of a room set blind (Mal, an annotator who has not posted where Ada
 * did) tries to learn the words of Ada's notes through channels the first round of attacks (blind-bypass.test.ts)
 * did not try — the search route's matching over a whole thread (a reply of Mal's own to Ada's withheld note made
 * the thread answer for Ada's words), and sync step 1 with state vectors no stock client sends.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { buildReply } from '../../../lib/annotations/build-annotation.ts';
import { withheldKeys } from '../../../lib/annotations/blind.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../../helpers/annotations.ts';
import { groupText, putBlindMode } from '../../helpers/group-fixture.ts';
import {
  destroyAllClients,
  joinRoom,
  openRawSocket,
  readerQuery,
  waitFor,
  type TestReader,
  type TestRoomClient,
} from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const mal: TestReader = { id: 'reader-mal', name: 'Mal' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let room: string;
let adaClient: TestRoomClient;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  room = await groupText(server, text, {
    title: 'A blind review',
    groupId: 'g-blind-review',
    groupName: 'Blind review',
    owner,
    members: [
      { reader: ada, role: 'annotator' },
      { reader: mal, role: 'annotator' },
    ],
    visibility: 'public-read',
  });
  const res = await putBlindMode(server, room, owner, 'passage');
  expect(res.status).toBe(200);
  adaClient = await joinRoom(wsUrl, room, ada);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

function auth(reader: TestReader): Record<string, string> {
  return { authorization: `Bearer ${tokenForReader(wsUrl, reader)}` };
}

async function listAs(reader: TestReader): Promise<string> {
  return (await fetch(`${base}/api/documents/${room}/annotations`, { headers: auth(reader) })).text();
}

async function searchAs(reader: TestReader, q: string): Promise<{ total: number; results: Array<{ id: string; snippet?: string }> }> {
  const res = await fetch(`${base}/api/documents/${room}/search?q=${encodeURIComponent(q)}`, { headers: auth(reader) });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; results: Array<{ id: string; snippet?: string }> };
}

describe('the search route as an oracle', () => {
  it('does not tell a blind reader which words a withheld note holds through their own reply to it', async () => {
    const secretWord = 'zanzibarquux';
    const note = buildNote({
      text,
      creator: ada,
      passage: 'Willow had lost weight in England',
      comment: `Ada thinks ${secretWord}.`,
      documentId: room,
    });
    adaClient.annotations.set(note.id, note);
    await waitFor(async () => (await listAs(owner)).includes(secretWord), 10_000, 'Ada’s note stored');

    // Mal's copy holds a placeholder under a key of the server's; say Mal learned the note's id elsewhere (ids are
    // not secrets) and replies to it: the reply is Mal's own, so it shows to Mal.
    const malClient = await joinRoom(wsUrl, room, mal, { notices: '1' });
    expect(malClient.annotations.has(note.id)).toBe(false);
    expect(withheldKeys(malClient.annotations).length).toBeGreaterThan(0);
    const reply = buildReply({ id: `reply-${randomUUID()}`, parentId: note.id, creator: mal, text: 'probe', now: new Date() });
    malClient.annotations.set(reply.id, reply);
    await waitFor(async () => (await listAs(owner)).includes(reply.id), 10_000, 'Mal’s reply stored');

    // A thread is found when it holds every word somewhere: Mal's visible reply must not answer for Ada's words.
    expect((await searchAs(mal, 'probe nothinglikethis')).total).toBe(0);
    expect((await searchAs(mal, `probe ${secretWord}`)).total).toBe(0);
    // The last word is a prefix: without the fix, letter after letter spells the note out.
    expect((await searchAs(mal, 'probe zanzi')).total).toBe(0);
    // The owner (exempt) still finds the note by its words.
    expect((await searchAs(owner, secretWord)).results.map((r) => r.id)).toEqual([note.id]);
  });
});

describe('sync step 1 with crafted state vectors', () => {
  it('never brings a withheld note’s words, whatever clocks the reader claims (none, partial, huge)', async () => {
    const marker = 'partial-clock-marker';
    const note = buildNote({ text, creator: ada, passage: 'But he never found the time', comment: marker, documentId: room });
    adaClient.annotations.set(note.id, note);
    await waitFor(async () => (await listAs(owner)).includes(marker), 10_000, 'Ada’s note stored');
    const adaId = adaClient.doc.clientID;
    const adaClock = Y.getState(adaClient.doc.store, adaId);
    const raw = openRawSocket(wsUrl, room, readerQuery(wsUrl, mal));
    const answers: Uint8Array[] = [];
    raw.socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
      answers.push(decoding.readVarUint8Array(decoder));
    });
    await raw.opened;
    const vectors = [new Map<number, number>(), new Map([[adaId, adaClock - 1]]), new Map([[adaId, 0]]), new Map([[adaId, 2 ** 40]])];
    for (const vector of vectors) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      const sv = encoding.createEncoder();
      encoding.writeVarUint(sv, vector.size);
      for (const [client, clock] of vector) {
        encoding.writeVarUint(sv, client);
        encoding.writeVarUint(sv, clock);
      }
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(sv));
      raw.socket.send(encoding.toUint8Array(encoder));
    }
    await waitFor(() => answers.length >= vectors.length, 10_000, 'the answers to every sync step 1');
    for (const answer of answers) expect(Buffer.from(answer).includes(marker)).toBe(false);
    // The answers do carry the note's entry (a placeholder), so the probe reached it.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, answers[0]);
    expect(withheldKeys(doc.getMap('annotations')).length).toBeGreaterThan(0);
    raw.destroy();
  });
});
