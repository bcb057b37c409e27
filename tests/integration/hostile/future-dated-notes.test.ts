/**
 * Notes dated in the future (a forged `created` or `modified`, or a clock running hours fast): the room accepts the
 * note but sets the times that run ahead of its clock (beyond `annotationLimits.clockSkewMs`) to its now, stored and
 * sent back to every reader, so no note dates itself into a meeting to come or sorts first for ever. Times in the
 * past stand (notes written offline, imported notes). The store still agrees with its log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { annotationLimits } from '../../../lib/limits.ts';
import { buildNote, fetchText, storedIds } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { destroyAllClients, joinRoom, type TestReader, waitFor } from '../../helpers/room-clients.ts';
import { readDatabase } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const ada: TestReader = { id: 'reader-ada-fd', name: 'Ada' };
const ben: TestReader = { id: 'reader-ben-fd', name: 'Ben' };

let server: TestServer;
let text: string;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const storedTimes = (id: string) =>
  readDatabase(server.dbPath, (db) => db.prepare('SELECT created, modified FROM annotations WHERE id = ?').get(id)) as
    | { created: string; modified: string | null }
    | undefined;
const near = (iso: string | null | undefined, at: number) => iso != null && Math.abs(Date.parse(iso) - at) < 60_000;

describe('a note dated in the future', () => {
  it('is kept, with its creation time set to the server’s now, in the store and in every reader’s copy', async () => {
    const writer = await joinRoom(server.current.wsUrl, 'should-have-known', ada);
    const other = await joinRoom(server.current.wsUrl, 'should-have-known', ben);
    const forged = { ...buildNote({ text, creator: ada, passage: 'clawing and biting' }), created: '2099-01-01T00:00:00.000Z' };
    const offline = { ...buildNote({ text, creator: ada, passage: 'fallen apart' }), created: '2026-01-02T10:00:00.000Z' };
    const sent = Date.now();
    writer.annotations.set(forged.id, forged);
    writer.annotations.set(offline.id, offline);
    await waitFor(async () => (await storedIds(server.current.url)).length >= 2, 10_000, 'both notes stored');
    expect(near(storedTimes(forged.id)?.created, sent)).toBe(true);
    expect(storedTimes(offline.id)?.created).toBe('2026-01-02T10:00:00.000Z');
    // The writer's own copy and the other reader's are put right too.
    for (const client of [writer, other])
      await waitFor(
        () => near((client.annotations.get(forged.id) as PassageAnnotation | undefined)?.created, sent),
        10_000,
        'the corrected time in a reader’s copy',
      );
    expect((other.annotations.get(offline.id) as PassageAnnotation).created).toBe('2026-01-02T10:00:00.000Z');

    // An edit may not date itself ahead either; its creation time stays as stored.
    const stored = writer.annotations.get(forged.id) as PassageAnnotation;
    const edited = { ...stored, modified: '2098-05-05T00:00:00.000Z' };
    const editedAt = Date.now();
    writer.annotations.set(forged.id, edited);
    await waitFor(() => near(storedTimes(forged.id)?.modified, editedAt), 10_000, 'the edit stored with now');
    expect(storedTimes(forged.id)?.created).toBe(stored.created);
    // A clock a minute fast is within the allowed skew and stands.
    expect(annotationLimits.clockSkewMs).toBeGreaterThanOrEqual(60_000);
    const fast = { ...buildNote({ text, creator: ada, passage: 'the mausoleum' }), created: new Date(Date.now() + 60_000).toISOString() };
    writer.annotations.set(fast.id, fast);
    await waitFor(() => storedTimes(fast.id) !== undefined, 10_000, 'the fast note stored');
    expect(storedTimes(fast.id)?.created).toBe(fast.created);
    expectDatabaseConsistent(server.dbPath);
  });
});
