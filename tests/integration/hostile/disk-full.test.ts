/**
 * A disk that fills up while readers write. The database lives on a real, small tmpfs (mounted for this test, as
 * root); a filler file takes the last free byte. Then: reading keeps working, the writer is told that saving is
 * paused, nobody is disconnected (no reconnect storm), and once space is freed the room asks for what it missed
 * and every note written meanwhile is stored and reaches the other reader.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNote, fetchText, storedIds, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../../helpers/room-clients.ts';
import { startServer, type RunningServer } from '../../helpers/server-process.ts';

let mountPoint: string;
let server: RunningServer;
let text: string;
let writer: TestRoomClient;
let reader: TestRoomClient;
let filler: string;

/** Writes zeros to `path` until the file system says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs and must run as root (CI does)');
  mountPoint = mkdtempSync(join(tmpdir(), 'glossa-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint]);
  filler = join(mountPoint, 'filler');
  server = await startServer({ dbPath: join(mountPoint, 'glossa.db') });
  text = await fetchText(server.url);
  writer = await joinRoom(server.wsUrl, storyId, ann, { notices: '1' });
  reader = await joinRoom(server.wsUrl, storyId, ben, { notices: '1' });
});

afterAll(async () => {
  destroyAllClients();
  await server?.stop();
  if (mountPoint) {
    try {
      execFileSync('umount', [mountPoint]);
    } finally {
      rmSync(mountPoint, { recursive: true, force: true });
    }
  }
});

describe('a disk that fills up', () => {
  const before = () => buildNote({ text, creator: ann, passage: 'Spike sat inside the mausoleum', comment: 'Written with room to spare.' });
  const during = [
    () => buildNote({ text, creator: ann, passage: 'New Year', comment: 'Written when the disk was full (1).' }),
    () => buildNote({ text, creator: ann, passage: 'Willow', comment: 'Written when the disk was full (2).' }),
  ];
  let first: ReturnType<typeof before>;
  let pending: Array<ReturnType<typeof before>>;

  it('stores notes while there is space', async () => {
    first = before();
    writer.annotations.set(first.id, first);
    await waitFor(async () => (await storedIds(server.url)).includes(first.id), 10_000, 'the first note stored');
  });

  it('tells the writer that saving is paused, keeps everyone connected and keeps serving reads', async () => {
    fillDisk(filler);
    pending = during.map((make) => make());
    writer.annotations.set(pending[0].id, pending[0]);
    await waitFor(() => writer.notices.some((n) => n.kind === 'saving-paused'), 10_000, 'a saving-paused notice');
    const paused = writer.notices.find((n) => n.kind === 'saving-paused');
    expect(paused).toMatchObject({ reason: 'the server is out of disk space' });
    expect(server.logs()).toMatch(/saving paused/);
    // A second note while paused: not taken in, the writer is told again, still nobody is closed.
    writer.annotations.set(pending[1].id, pending[1]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    expect(reader.annotations.has(pending[0].id)).toBe(false);
    // The writer's notes stay in its browser (its doc).
    expect(writer.annotations.has(pending[0].id) && writer.annotations.has(pending[1].id)).toBe(true);
    const ids = await storedIds(server.url);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(pending[0].id);
  });

  it('once space is freed, stores every note written meanwhile and delivers it, without anyone reconnecting', async () => {
    unlinkSync(filler);
    await waitFor(
      async () => {
        const ids = await storedIds(server.url);
        return pending.every((n) => ids.includes(n.id));
      },
      45_000,
      'the notes written while the disk was full to be stored',
    );
    await waitFor(() => pending.every((n) => reader.annotations.has(n.id)), 10_000, 'the other reader to receive them');
    expect(writer.notices.some((n) => n.kind === 'saving-resumed')).toBe(true);
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
  });

  it('leaves the log and the rows in agreement', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
