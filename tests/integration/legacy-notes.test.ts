/**
 * Notes written before accounts (their creator is a browser-made id, no account) on the real server: they keep
 * their names, the document says which creators are legacy, nobody can edit them, and the instance owner (who owns
 * the texts from before accounts) may delete them. The legacy note is stored the way the old server stored it: an
 * update in the room's log and its rows, in one transaction, while the server is stopped.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { storeRoomChange } from '../../db/queries/room-store.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const firstAccount: TestReader = { id: 'reader-first', name: 'First' };
const later: TestReader = { id: 'reader-later', name: 'Later' };
const oldReader = { id: 'r-3f1c0a9e-browser-made', name: 'Old Reader' };

let server: TestServer;
let noteId = '';

beforeAll(async () => {
  server = await startTestServer();
  const text = await fetchText(server.current.url);
  tokenForReader(server.current.wsUrl, firstAccount); // the instance owner: the first account
  tokenForReader(server.current.wsUrl, later);
  const note = buildNote({ text, creator: oldReader, passage: 'lost in memories', comment: 'Written before accounts.' });
  noteId = note.id;
  const doc = new Y.Doc();
  doc.getMap('annotations').set(note.id, note);
  await server.current.stop();
  const db = openDatabase(server.dbPath);
  storeRoomChange(db, {
    documentId: storyId,
    update: Y.encodeStateAsUpdate(doc),
    upsertAnnotations: [note],
    deleteAnnotations: [],
    upsertTags: [],
    deleteTags: [],
  });
  db.$client.close();
  await server.restart();
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('a note from before accounts', () => {
  it('keeps its name, and the document names its creator as legacy', async () => {
    const body = (await (await fetch(`${server.current.url}/api/documents/${storyId}`)).json()) as { legacyCreators: string[] };
    expect(body.legacyCreators).toEqual([oldReader.id]);
    const client = await joinRoom(server.current.wsUrl, storyId);
    await waitFor(() => client.annotations.has(noteId), 10_000, 'the legacy note synced');
    expect((client.annotations.get(noteId) as { creator: unknown }).creator).toEqual(oldReader);
  });

  it('cannot be edited or deleted by another account, but its owner, the instance owner, may delete it', async () => {
    const { wsUrl, url } = server.current;
    const other = await joinRoom(wsUrl, storyId, later, { notices: '1' });
    await waitFor(() => other.annotations.has(noteId), 10_000, 'synced');
    other.annotations.delete(noteId);
    await waitFor(() => other.notices.some((n) => n.kind === 'refused' && n.key === noteId), 10_000, 'the delete refused');
    expect(await storedIds(url)).toContain(noteId);
    const owner = await joinRoom(wsUrl, storyId, firstAccount, { notices: '1' });
    await waitFor(() => owner.annotations.has(noteId), 10_000, 'synced');
    owner.annotations.delete(noteId);
    await waitFor(async () => !(await storedIds(url)).includes(noteId), 10_000, 'deleted by the instance owner');
    expect(owner.notices.filter((n) => n.kind === 'refused')).toEqual([]);
  });
});
