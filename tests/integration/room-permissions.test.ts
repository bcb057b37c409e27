/**
 * Own notes only: a reader cannot delete or rewrite another reader's note, nor write a note in someone else's
 * name. Such changes are taken back for everybody (the note returns to both maps unchanged) and never reach SQLite,
 * while a reader's changes to their own notes stand.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editPassageAnnotation } from '../../lib/annotations/build-annotation.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote, fetchCollection, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const readerA = { id: 'a', name: 'Ann' };
const readerB = { id: 'b', name: 'Ben' };

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;
/** A's note, saved before each attempt on it. */
let noteOfA: PassageAnnotation;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  a = await joinRoom(server.current.wsUrl, storyId, readerA);
  b = await joinRoom(server.current.wsUrl, storyId, readerB);
  noteOfA = buildNote({ text, creator: readerA, passage: 'Spike sat inside the mausoleum', comment: 'Ann wrote this.', tags: ['setting'] });
  a.annotations.set(noteOfA.id, noteOfA);
  await waitFor(() => b.annotations.has(noteOfA.id), 10_000, "A's note in B's map");
  await waitFor(async () => (await storedIds(server.current.url)).includes(noteOfA.id), 10_000, "A's note over HTTP");
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/** The stored JSON of a note over HTTP (without the JSON-LD context the collection adds to each item). */
async function storedNote(id: string): Promise<Record<string, unknown> | undefined> {
  const item = (await fetchCollection(server.current.url)).first.items.find((i) => i.id === id);
  if (!item) return undefined;
  const { '@context': _context, ...rest } = item;
  return rest;
}

const withoutContext = (note: PassageAnnotation) => Object.fromEntries(Object.entries(note).filter(([key]) => key !== '@context'));

describe("another reader's note", () => {
  it("puts A's note back in both maps when B deletes it", async () => {
    b.annotations.delete(noteOfA.id);
    await waitFor(() => b.annotations.has(noteOfA.id), 10_000, "A's note back in B's map");
    expect(b.annotations.get(noteOfA.id)).toEqual(noteOfA);
    expect(a.annotations.get(noteOfA.id)).toEqual(noteOfA);
  });

  it("keeps A's note stored when B deletes it", async () => {
    b.annotations.delete(noteOfA.id);
    await waitFor(() => b.annotations.has(noteOfA.id), 10_000, "A's note back in B's map");
    expect(await storedNote(noteOfA.id)).toEqual(withoutContext(noteOfA));
  });

  it("restores A's words in both maps when B rewrites the note", async () => {
    const rewritten = editPassageAnnotation(noteOfA, 'Ben put words in her mouth.', [], new Date());
    b.annotations.set(noteOfA.id, rewritten);
    await waitFor(() => isDeepStrictEqual(b.annotations.get(noteOfA.id), noteOfA), 10_000, "A's words back in B's map");
    expect(b.annotations.get(noteOfA.id)).toEqual(noteOfA);
    expect(a.annotations.get(noteOfA.id)).toEqual(noteOfA);
  });

  it("keeps A's stored words when B rewrites the note", async () => {
    const rewritten = editPassageAnnotation(noteOfA, 'Ben tried again.', [], new Date());
    b.annotations.set(noteOfA.id, rewritten);
    await waitFor(() => isDeepStrictEqual(b.annotations.get(noteOfA.id), noteOfA), 10_000, "A's words back in B's map");
    expect(await storedNote(noteOfA.id)).toEqual(withoutContext(noteOfA));
  });

  it("keeps A's note when an anonymous client deletes it: the delete is refused unapplied", async () => {
    const anonymous = await joinRoom(server.current.wsUrl, storyId, undefined, { notices: '1' });
    expect(anonymous.annotations.get(noteOfA.id)).toEqual(noteOfA);
    anonymous.annotations.delete(noteOfA.id);
    await waitFor(() => anonymous.notices.some((n) => n.kind === 'rejected'), 10_000, 'the refusal');
    // A read-only socket's change is never applied, so no correction is stored or sent: its own map keeps the
    // local delete until it reloads; everyone else, and the store, keep the note.
    expect(a.annotations.get(noteOfA.id)).toEqual(noteOfA);
    expect(await storedNote(noteOfA.id)).toEqual(withoutContext(noteOfA));
    const fresh = await joinRoom(server.current.wsUrl, storyId);
    expect(fresh.annotations.get(noteOfA.id)).toEqual(noteOfA);
    anonymous.destroy();
    fresh.destroy();
  });
});

describe('writing in the name of another reader', () => {
  it('takes back a note B writes with A as creator from both maps and does not store it', async () => {
    const forged = buildNote({ text, creator: readerA, passage: 'lost in memories', comment: 'Not really Ann.' });
    const marker = buildNote({ text, creator: readerB, passage: 'the night outside was quiet' });
    b.doc.transact(() => {
      b.annotations.set(forged.id, forged);
      b.annotations.set(marker.id, marker);
    });
    await waitFor(() => !b.annotations.has(forged.id), 10_000, "the forged note to leave B's map");
    await waitFor(() => a.annotations.has(marker.id), 10_000, "B's own note in A's map");
    expect(a.annotations.has(forged.id)).toBe(false);
    const ids = await storedIds(server.current.url);
    expect(ids).not.toContain(forged.id);
    expect(ids).toContain(marker.id);
  });
});

describe("a reader's own note", () => {
  it('lets its creator rewrite it, for everybody and in storage', async () => {
    const own = buildNote({ text, creator: readerB, passage: 'a handful of pages', comment: 'First thought.' });
    b.annotations.set(own.id, own);
    await waitFor(() => a.annotations.has(own.id), 10_000, "B's note in A's map");
    const edited = editPassageAnnotation(own, 'Second thought.', ['pages'], new Date());
    b.annotations.set(own.id, edited);
    await waitFor(() => isDeepStrictEqual(a.annotations.get(own.id), edited), 10_000, "B's edit in A's map");
    await waitFor(async () => isDeepStrictEqual(await storedNote(own.id), withoutContext(edited)), 10_000, "B's edit over HTTP");
    expect(b.annotations.get(own.id)).toEqual(edited);
  });

  it('lets its creator delete it, for everybody and in storage', async () => {
    const own = buildNote({ text, creator: readerB, passage: 'clawing and biting' });
    b.annotations.set(own.id, own);
    await waitFor(async () => (await storedIds(server.current.url)).includes(own.id), 10_000, "B's note over HTTP");
    b.annotations.delete(own.id);
    await waitFor(() => !a.annotations.has(own.id), 10_000, "B's note to leave A's map");
    await waitFor(async () => !(await storedIds(server.current.url)).includes(own.id), 10_000, "B's note to leave storage");
    expect(b.annotations.has(own.id)).toBe(false);
  });
});
