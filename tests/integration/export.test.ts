/**
 * Exports on the real server: notes written through a real room come out of `GET /api/documents/<id>/export` in
 * each format with the right headers; "mine" and a filter choose the notes; the route refuses as every document
 * route does (401/403/404); a hidden note is redacted for whoever may not read it; in a room set blind a blind
 * reader's export leaves out what their socket would not show.
 */
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { setDocumentAccess, writeGroup } from '../helpers/group-fixture.ts';
import { createDocument } from '../helpers/hostile.ts';
import { destroyAllClients, joinRoom, type TestReader, waitFor } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };
const eve: TestReader = { id: 'reader-eve', name: 'Eve' };

let server: TestServer;
let base: string;
let wsUrl: string;
let seminar: string;
let adaNote: PassageAnnotation;
let beaNote: PassageAnnotation;
const adaWords = 'Ada reads "guilt", here, 東京 🌙 — שלום.';
const beaWords = 'Bea’s words that a facilitator hid.';

const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });
const exportOf = (query: string, reader: TestReader | null = ada, documentId = seminar) =>
  fetch(`${base}/api/documents/${documentId}/export?${query}`, { headers: reader ? bearer(reader) : {} });

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  const text = await fetchText(base);
  for (const reader of [owner, fay, ada, bea, eve]) tokenForReader(wsUrl, reader);
  seminar = await createDocument(base, 'The seminar copy', text);
  writeGroup(server.dbPath, {
    groupId: 'g-export',
    name: 'Export seminar',
    ownerId: owner.id,
    members: [
      { userId: fay.id, role: 'facilitator' },
      { userId: ada.id, role: 'annotator' },
      { userId: bea.id, role: 'annotator' },
    ],
  });
  setDocumentAccess(server.dbPath, seminar, 'group', 'g-export');
  const adaClient = await joinRoom(wsUrl, seminar, ada);
  adaClient.tags.set('guilt', { label: 'guilt', color: '#aa3355' });
  adaNote = buildNote({ text, creator: ada, passage: 'lost in memories', comment: adaWords, tags: ['guilt'], documentId: seminar });
  adaClient.annotations.set(adaNote.id, adaNote);
  const beaClient = await joinRoom(wsUrl, seminar, bea);
  beaClient.tags.set('exclusion', { label: 'exclusion', color: '#3355aa' });
  beaNote = buildNote({ text, creator: bea, passage: 'fallen apart', comment: beaWords, tags: ['exclusion'], documentId: seminar });
  beaClient.annotations.set(beaNote.id, beaNote);
  const reply = buildReply({ id: 'reply-bea-1', parentId: adaNote.id, creator: bea, text: 'Bea answers Ada.', now: new Date() });
  beaClient.annotations.set(reply.id, reply);
  const fayClient = await joinRoom(wsUrl, seminar, fay);
  await waitFor(() => fayClient.annotations.has(beaNote.id), 10_000, 'Bea’s note to reach Fay');
  fayClient.annotations.set(beaNote.id, moderate(beaNote, 'hidden', fay, new Date().toISOString()));
  await waitFor(
    async () =>
      (await (await exportOf('format=csv', fay)).text()).includes(reply.id) &&
      (await (await exportOf('format=md', ada)).text()).includes('Hidden by a facilitator'),
    10_000,
    'the notes, reply and hiding to be stored',
  );
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('each format', () => {
  it.each([
    ['md', 'text/markdown; charset=utf-8', 'md'],
    ['csv', 'text/csv; charset=utf-8', 'csv'],
    ['jsonld', 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', 'jsonld'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ])('%s downloads as an attachment with its content type', async (format, type, ext) => {
    const res = await exportOf(`format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${seminar}-notes.${ext}"; filename*=UTF-8''${seminar}-notes.${ext}`,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('writes the Markdown pack with the note, its reply, its theme and a deep link on the request’s origin', async () => {
    const md = await (await exportOf('format=md&style=apa')).text();
    expect(md).toContain('title: "The seminar copy"');
    expect(md).toContain(adaWords);
    expect(md).toContain('Bea answers Ada.');
    expect(md).toContain(`(${base}/d/${seminar}#${adaNote.id})`);
    expect(md).toMatch(/## guilt/);
  });

  it('writes CSV rows that parse back to one row per note and reply', async () => {
    const rows = parse(await (await exportOf('format=csv')).text(), { bom: true }) as string[][];
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([adaNote.id, beaNote.id, 'reply-bea-1'].sort());
    expect(rows.find((r) => r[0] === adaNote.id)![4]).toBe(adaWords);
  });

  it('names every JSON-LD annotation by an IRI of the request’s origin and targets the document’s IRI', async () => {
    const body = (await (await exportOf('format=jsonld')).json()) as {
      id: string;
      first: { items: Array<{ id: string; target: unknown }> };
    };
    expect(body.id).toBe(`${base}/api/documents/${seminar}/export?format=jsonld`);
    const note = body.first.items.find((i) => i.id === `${base}/api/documents/${seminar}/annotations/${adaNote.id}`);
    expect(note?.target).toMatchObject({ source: `${base}/api/documents/${seminar}` });
  });

  it('writes a DOCX whose document holds the note in the Quote style', async () => {
    const files = unzipSync(new Uint8Array(await (await exportOf('format=docx')).arrayBuffer()));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toMatch(/<w:pStyle w:val="Quote"\/>[\s\S]*?lost in memories/);
  });
});

describe('which notes', () => {
  it('exports only the caller’s own notes with notes=mine', async () => {
    const rows = parse(await (await exportOf('format=csv&notes=mine&replies=0', bea)).text(), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual([beaNote.id]);
  });

  it('exports exactly the notes of the reader’s filter with notes=filter', async () => {
    const rows = parse(await (await exportOf('format=csv&notes=filter&theme=guilt&replies=0')).text(), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual([adaNote.id]);
    const byReader = parse(await (await exportOf(`format=csv&notes=filter&reader=${bea.id}&replies=0`)).text(), {
      bom: true,
    }) as string[][];
    expect(byReader.slice(1).map((r) => r[0])).toEqual([beaNote.id]);
  });

  it('refuses notes=mine without an account', async () => {
    setDocumentAccess(server.dbPath, seminar, 'public-read', 'g-export');
    try {
      expect((await exportOf('format=md&notes=mine', null)).status).toBe(401);
      expect((await exportOf('format=md', null)).status).toBe(200);
    } finally {
      setDocumentAccess(server.dbPath, seminar, 'group', 'g-export');
    }
  });
});

describe('who may export', () => {
  it('is 401 without an account, 403 outside the group, 404 for an unknown document', async () => {
    expect((await exportOf('format=md', null)).status).toBe(401);
    expect((await exportOf('format=md', eve)).status).toBe(403);
    expect((await exportOf('format=md', ada, 'no-such-document')).status).toBe(404);
  });

  it('redacts a hidden note for a reader, and keeps it for its author and a facilitator', async () => {
    const forAda = await (await exportOf('format=md')).text();
    expect(forAda).not.toContain(beaWords);
    expect(forAda).toContain('Hidden by a facilitator (Fay)');
    const jsonForAda = await (await exportOf('format=jsonld')).text();
    expect(jsonForAda).not.toContain(beaWords);
    expect(await (await exportOf('format=md', bea)).text()).toContain(beaWords);
    expect(await (await exportOf('format=csv', fay)).text()).toContain(beaWords);
  });
});

describe('in a room set blind', () => {
  it('leaves out of a blind reader’s export the notes their socket would not show, and not out of a facilitator’s', async () => {
    const set = await fetch(`${base}/api/documents/${seminar}/blind-mode`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(fay) },
      body: JSON.stringify({ mode: 'passage' }),
    });
    expect(set.status).toBe(200);
    try {
      for (const format of ['csv', 'jsonld', 'md']) {
        const forAda = await (await exportOf(`format=${format}`)).text();
        expect(forAda).toContain(adaNote.id);
        expect(forAda, format).not.toContain(beaNote.id);
      }
      expect(await (await exportOf('format=csv', fay)).text()).toContain(beaNote.id);
    } finally {
      await fetch(`${base}/api/documents/${seminar}/blind-mode`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...bearer(fay) },
        body: JSON.stringify({ mode: 'off' }),
      });
    }
  });
});
