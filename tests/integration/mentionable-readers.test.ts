/**
 * Who may be mentioned on a text of no group (issue 11): its owner, the readers who have written on it, and the
 * signed-in readers who may write there and have shown themselves in its room's presence — recorded on their first
 * presence state, so a reader who has only read is offered by `@` and their mention reaches their inbox. A guest (no
 * account), a reader who stays invisible (no presence state) and a reader of their private layer are not recorded; a
 * reader's stored reading progress survives the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const olga: TestReader = { id: 'reader-olga-mr', name: 'Olga Owner' };
const ada: TestReader = { id: 'reader-ada-mr', name: 'Ada Reader' };
const bea: TestReader = { id: 'reader-bea-mr', name: 'Bea Silent' };
const cy: TestReader = { id: 'reader-cy-mr', name: 'Cy Away' };

let server: TestServer;
let base: string;
let wsUrl: string;
let docId: string;

const privateOf = (documentId: string) => `${documentId}/private`;
const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });
const memberNames = async (as: TestReader) => {
  const res = await fetch(`${base}/api/documents/${docId}/members?limit=500`, { headers: bearer(as) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { members: Array<{ name: string }> }).members.map((m) => m.name).sort();
};

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  for (const r of [olga, ada, bea, cy]) tokenForReader(wsUrl, r);
  const text = await fetchText(base);
  const res = await fetch(`${base}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(olga) },
    body: JSON.stringify({ title: 'An evening copy', text }),
  });
  expect(res.status).toBe(201);
  docId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('who may be mentioned on a text of no group', () => {
  it('is at first only the owner', async () => {
    expect(await memberNames(ada)).toEqual(['Olga Owner']);
  });

  it('gains a signed-in reader once they show in presence, though they write nothing; not a guest, an invisible reader or a private layer', async () => {
    const shown = (client: Awaited<ReturnType<typeof joinRoom>>, who: TestReader) =>
      client.provider.awareness.setLocalState({ user: { id: who.id, name: who.name, color: '#4363d8' } });
    shown(await joinRoom(wsUrl, docId), { id: 'anonymous', name: 'Guest' });
    shown(await joinRoom(wsUrl, privateOf(docId), cy), cy);
    await joinRoom(wsUrl, docId, cy); // invisible: joined, but never shows a presence state
    shown(await joinRoom(wsUrl, docId, bea), bea);
    await waitFor(async () => (await memberNames(ada)).includes('Bea Silent'), 10_000, 'Bea offered');
    expect(await memberNames(ada)).toEqual(['Bea Silent', 'Olga Owner']);
    expect(await memberNames(bea)).toEqual(['Bea Silent', 'Olga Owner']);
  });

  it('sends a mention of the reader who only read to her inbox', async () => {
    const writer = await joinRoom(wsUrl, docId, ada);
    const text = await fetchText(base, docId);
    const note = buildNote({
      text,
      passage: 'clawing and biting',
      creator: ada,
      comment: '@Bea Silent what do you make of this?',
      documentId: docId,
    });
    writer.annotations.set(note.id, note);
    await waitFor(
      async () => {
        const res = await fetch(`${base}/api/inbox`, { headers: bearer(bea) });
        const body = (await res.json()) as { items: Array<{ kind: string; annotationId: string }> };
        return body.items.some((i) => i.kind === 'mention' && i.annotationId.endsWith(note.id));
      },
      10_000,
      "the mention in Bea's inbox",
    );
    // Ada, now a writer, is offered too; Cy, invisible in the room and visible only in her private layer, is not.
    expect(await memberNames(bea)).toEqual(['Ada Reader', 'Bea Silent', 'Olga Owner']);
  });

  it("keeps a reader's stored progress when they open the text again", async () => {
    const put = await fetch(`${base}/api/documents/${docId}/progress`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: base, ...bearer(bea) },
      body: JSON.stringify({ furthest: 500, spoilerGuard: true }),
    });
    expect(put.status).toBe(200);
    const again = await joinRoom(wsUrl, docId, bea);
    again.provider.awareness.setLocalState({ user: { id: bea.id, name: bea.name, color: '#4363d8' } });
    const res = await fetch(`${base}/api/documents/${docId}/progress`, { headers: bearer(bea) });
    expect(await res.json()).toMatchObject({ furthest: 500, spoilerGuard: true });
  });
});
