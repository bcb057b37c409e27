/**
 * Annotation ids are client-made and only unique within one room's map: a reader in document B's room who writes
 * and then deletes a note under an id that document A already uses must touch only B's row. Before rows were keyed
 * by (document, id), the write moved A's row to B and the delete erased it, while A's log still held the note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { buildNote, fetchCollection, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor } from '../../helpers/room-clients.ts';
import { readDatabase } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/** The id both rooms use. */
const sharedId = 'note-shared-across-documents';
const documentA = storyId;

let server: TestServer;
let documentB: string;
let noteInA: PassageAnnotation;
let noteInB: PassageAnnotation;

/** A stored note as the AnnotationCollection serves it, without the JSON-LD context each item gets. */
async function storedNote(documentId: string, id: string): Promise<Record<string, unknown> | undefined> {
  const item = (await fetchCollection(server.current.url, documentId)).first.items.find((i) => i.id === id);
  if (!item) return undefined;
  const { '@context': _context, ...rest } = item;
  return rest;
}

const withoutContext = (note: PassageAnnotation) => Object.fromEntries(Object.entries(note).filter(([key]) => key !== '@context'));

/** The JSON of the row (document, id) in the server's SQLite file, or undefined. */
function storedRow(documentId: string, id: string): unknown {
  const row = readDatabase(server.dbPath, (db) =>
    db.prepare('select json from annotations where document_id = ? and id = ?').get(documentId, id),
  ) as { json: string } | undefined;
  return row ? JSON.parse(row.json) : undefined;
}

/** What a fresh stock client of `documentId`'s room holds under `id`. */
async function inFreshClient(documentId: string, id: string): Promise<unknown> {
  const client = await joinRoom(server.current.wsUrl, documentId);
  try {
    return client.annotations.get(id);
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const textA = await fetchText(server.current.url, documentA);
  const created = await fetch(`${server.current.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'A second copy of the story', text: textA }),
  });
  expect(created.status).toBe(201);
  documentB = ((await created.json()) as { id: string }).id;
  expect(documentB).not.toBe(documentA);
  const textB = await fetchText(server.current.url, documentB);

  noteInA = buildNote({
    id: sharedId,
    text: textA,
    creator: ann,
    passage: 'all of this could have been prevented',
    comment: "Ann's note in A.",
  });
  noteInB = buildNote({
    id: sharedId,
    documentId: documentB,
    text: textB,
    creator: ben,
    passage: 'Spike sat inside the mausoleum',
    comment: "Ben's note in B.",
  });

  const a = await joinRoom(server.current.wsUrl, documentA, ann);
  a.annotations.set(sharedId, noteInA);
  await waitFor(async () => (await storedIds(server.current.url, documentA)).includes(sharedId), 10_000, "A's note over HTTP");
  a.destroy();
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('the same id written in another document', () => {
  beforeAll(async () => {
    const b = await joinRoom(server.current.wsUrl, documentB, ben);
    b.annotations.set(sharedId, noteInB);
    await waitFor(async () => (await storedIds(server.current.url, documentB)).includes(sharedId), 10_000, "B's note over HTTP");
    b.destroy();
  });

  it("is B's own row", async () => {
    expect(storedRow(documentB, sharedId)).toEqual(noteInB);
    expect(await storedNote(documentB, sharedId)).toEqual(withoutContext(noteInB));
  });

  it("leaves A's row and A's note as they were", async () => {
    expect(storedRow(documentA, sharedId)).toEqual(noteInA);
    expect(await storedNote(documentA, sharedId)).toEqual(withoutContext(noteInA));
    expect(await inFreshClient(documentA, sharedId)).toEqual(noteInA);
  });
});

describe('the same id deleted in another document', () => {
  beforeAll(async () => {
    const b = await joinRoom(server.current.wsUrl, documentB, ben);
    expect(b.annotations.get(sharedId)).toEqual(noteInB);
    b.annotations.delete(sharedId);
    await waitFor(async () => !(await storedIds(server.current.url, documentB)).includes(sharedId), 10_000, "B's note gone over HTTP");
    b.destroy();
  });

  it("removes B's row", async () => {
    expect(storedRow(documentB, sharedId)).toBeUndefined();
    expect(await inFreshClient(documentB, sharedId)).toBeUndefined();
  });

  it("leaves A's row, its bodies and A's note", async () => {
    expect(storedRow(documentA, sharedId)).toEqual(noteInA);
    const bodies = readDatabase(server.dbPath, (db) =>
      db.prepare('select count(*) as n from annotation_bodies where document_id = ? and annotation_id = ?').get(documentA, sharedId),
    );
    expect(bodies).toEqual({ n: noteInA.body.length });
    expect(await storedNote(documentA, sharedId)).toEqual(withoutContext(noteInA));
    expect(await inFreshClient(documentA, sharedId)).toEqual(noteInA);
  });
});

describe('both documents after a restart', () => {
  beforeAll(async () => {
    await server.restart();
  });

  it("open A with A's note", async () => {
    expect(await storedNote(documentA, sharedId)).toEqual(withoutContext(noteInA));
    expect(await inFreshClient(documentA, sharedId)).toEqual(noteInA);
  });

  it('open B without the deleted note', async () => {
    expect(await storedIds(server.current.url, documentB)).not.toContain(sharedId);
    expect(await inFreshClient(documentB, sharedId)).toBeUndefined();
  });

  it('pass db:check: every log replays to its rows', () => {
    const report = expectDatabaseConsistent(server.dbPath);
    expect(report.documents.map((d) => d.documentId).sort()).toEqual([documentA, documentB].sort());
  });
});
