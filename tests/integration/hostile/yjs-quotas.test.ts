/**
 * Quotas with clear refusals: a connection may add at most `roomLimits.notesPerMinute` new notes a minute, and a
 * note's bodies at most `annotationLimits.bodyTotalLength` characters in all. Past either, the note is taken back
 * for everyone (never stored, never seen by another reader), and Glossa's own client — which asked for the notice
 * channel with `notices=1` — is told why. A stock client that did not ask never receives a message of that type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationLimits, roomLimits } from '../../../lib/limits.ts';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestReader, type TestRoomClient } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const cat: TestReader = { id: 'reader-cat', name: 'Cat' };
const dee: TestReader = { id: 'reader-dee', name: 'Dee' };

let server: TestServer;
let text: string;
/** Ben reads everything (and writes one note at the end). */
let observer: TestRoomClient;

/** A note whose comment bodies together pass the total cap while each stays under the per-body cap. */
function overlongNote(creator: TestReader): PassageAnnotation {
  const note = buildNote({ text, creator, passage: 'Spike sat inside the mausoleum' });
  const comment = note.body.find((b) => b.purpose === 'commenting')!;
  const each = annotationLimits.commentLength - 1;
  const count = Math.floor(annotationLimits.bodyTotalLength / each) + 1;
  note.body = Array.from({ length: count }, (_, i) => ({ ...comment, value: `${i}`.padEnd(each, '.') }));
  return note;
}

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  observer = await joinRoom(server.current.wsUrl, storyId, ben);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe(`more than ${roomLimits.notesPerMinute} new notes from one connection within a minute`, () => {
  const extra = 3;
  let writer: TestRoomClient;
  const ids: string[] = [];

  beforeAll(async () => {
    writer = await joinRoom(server.current.wsUrl, storyId, ann, { notices: '1' });
    for (let i = 0; i < roomLimits.notesPerMinute + extra; i++) {
      const note = buildNote({ text, creator: ann, passage: 'lost in memories', comment: `Note ${i} of a busy minute.` });
      writer.annotations.set(note.id, note); // one transaction, so one update message, per note
      ids.push(note.id);
    }
    await waitFor(() => writer.notices.length >= extra, 15_000, 'a notice for every note past the quota');
  });

  it('tells the Glossa client why, once per note taken back', () => {
    const refused = ids.slice(roomLimits.notesPerMinute);
    expect(writer.notices).toHaveLength(extra);
    for (const id of refused)
      expect(writer.notices).toContainEqual({
        kind: 'refused',
        map: 'annotations',
        key: id,
        reason: expect.stringMatching(/too many notes per minute/),
      });
  });

  it('takes the extra notes back for everyone: not stored, not seen by another reader, gone from the writer', async () => {
    const kept = ids.slice(0, roomLimits.notesPerMinute);
    const refused = ids.slice(roomLimits.notesPerMinute);
    await waitFor(() => kept.every((id) => observer.annotations.has(id)), 10_000, 'the notes within the quota at the observer');
    await waitFor(() => refused.every((id) => !writer.annotations.has(id)), 10_000, 'the extra notes taken back from the writer');
    const stored = await storedIds(server.current.url);
    expect(stored).toEqual(expect.arrayContaining(kept));
    for (const id of refused) {
      expect(stored).not.toContain(id);
      expect(observer.annotations.has(id)).toBe(false);
    }
    expect(writer.closes).toEqual([]);
  });
});

describe(`a note whose bodies pass ${annotationLimits.bodyTotalLength} characters in all`, () => {
  let glossaClient: TestRoomClient;
  let stockClient: TestRoomClient;
  let fromGlossa: PassageAnnotation;
  let fromStock: PassageAnnotation;

  beforeAll(async () => {
    glossaClient = await joinRoom(server.current.wsUrl, storyId, cat, { notices: '1' });
    stockClient = await joinRoom(server.current.wsUrl, storyId, dee);
    fromGlossa = overlongNote(cat);
    fromStock = overlongNote(dee);
    expect(fromGlossa.body.reduce((n, b) => n + b.value.length, 0)).toBeGreaterThan(annotationLimits.bodyTotalLength);
    glossaClient.annotations.set(fromGlossa.id, fromGlossa);
    stockClient.annotations.set(fromStock.id, fromStock);
    await waitFor(() => glossaClient.notices.length > 0, 10_000, 'the notice to the Glossa client');
    // The stock client learns of the refusal only by the correction that takes its note back.
    await waitFor(() => !stockClient.annotations.has(fromStock.id), 10_000, "the stock client's note taken back");
  });

  it('is refused, and the Glossa client is told why', () => {
    expect(glossaClient.notices).toEqual([
      {
        kind: 'refused',
        map: 'annotations',
        key: fromGlossa.id,
        reason: expect.stringMatching(new RegExp(`${annotationLimits.bodyTotalLength} characters`)),
      },
    ]);
  });

  it('is taken back for everyone and never stored', async () => {
    await waitFor(() => !glossaClient.annotations.has(fromGlossa.id), 10_000, "the Glossa client's note taken back");
    const stored = await storedIds(server.current.url);
    for (const id of [fromGlossa.id, fromStock.id]) {
      expect(stored).not.toContain(id);
      expect(observer.annotations.has(id)).toBe(false);
    }
  });

  it('never sends a message of type 100 to a stock client that did not ask for notices', async () => {
    // A later note reaches the stock client: everything the server sent it before (in order) has been handled.
    const later = buildNote({ text, creator: ben, passage: 'fallen apart' });
    observer.annotations.set(later.id, later);
    await waitFor(() => stockClient.annotations.has(later.id), 10_000, 'a later note at the stock client');
    expect(stockClient.notices).toEqual([]);
    expect(stockClient.closes).toEqual([]);
  });

  it('leaves a database whose log and rows agree (db:check)', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
