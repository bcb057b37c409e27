/**
 * Deleting a note keeps its replies: they are other readers' writing, so they stay in the room and in SQLite with
 * their parent id (replies to a removed note), served by GET /api/documents/<id>/annotations, after a restart too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import type { PassageAnnotation, ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor } from '../helpers/room-clients.ts';
import { readDatabase } from '../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let note: PassageAnnotation;
let reply: ReplyAnnotation;

beforeAll(async () => {
  server = await startTestServer();
  const text = await fetchText(server.current.url);
  const a = await joinRoom(server.current.wsUrl, storyId, ann);
  const b = await joinRoom(server.current.wsUrl, storyId, ben);
  note = buildNote({ text, creator: ann, passage: 'all of this could have been prevented', comment: 'The title, in his own words.' });
  a.annotations.set(note.id, note);
  await waitFor(() => b.annotations.has(note.id), 10_000, "Ann's note in Ben's map");
  reply = buildReply({ id: 'reply-kept', parentId: note.id, creator: ben, text: 'He knew all along.', now: new Date() });
  b.annotations.set(reply.id, reply);
  await waitFor(async () => (await storedIds(server.current.url)).includes(reply.id), 10_000, "Ben's reply over HTTP");
  a.annotations.delete(note.id);
  await waitFor(async () => !(await storedIds(server.current.url)).includes(note.id), 10_000, "Ann's note gone over HTTP");
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('the replies of a deleted note', () => {
  it('are still served over HTTP', async () => {
    expect(await storedIds(server.current.url)).toEqual([reply.id]);
  });

  it('keep their row with the removed note as parent', () => {
    const row = readDatabase(server.dbPath, (db) =>
      db.prepare('select parent_id from annotations where document_id = ? and id = ?').get(storyId, reply.id),
    );
    expect(row).toEqual({ parent_id: note.id });
  });

  it('are in the room after a restart, and the log still matches the rows', async () => {
    await server.restart();
    const c = await joinRoom(server.current.wsUrl, storyId);
    expect(c.annotations.get(reply.id)).toEqual(reply);
    expect(c.annotations.has(note.id)).toBe(false);
    c.destroy();
    expectDatabaseConsistent(server.dbPath);
  });
});
