/**
 * The room store (db/queries/room-store.ts) on a real SQLite file: annotation rows are keyed by (document, id), so a
 * write or delete in one document's room never touches another document's rows; a deleted note's replies stay;
 * Yjs client-id owners are stored with the update that claims them, first claim wins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listAnnotations } from '../../db/queries/annotations.ts';
import { loadClientOwners, loadRoomUpdates } from '../../db/queries/room-store.ts';
import { checkDatabase } from '../../db/check.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { aComment, aReply, commenting } from '../helpers/unit-annotations.ts';
import { freshDatabase, secondDocumentId, storeUpdate, storeWrite, storyDocumentId, type TempDatabase } from '../helpers/db-fixtures.ts';

let temp: TempDatabase | null = null;
afterEach(() => {
  temp?.dispose();
  temp = null;
});

function database(): TempDatabase {
  temp = freshDatabase();
  return temp;
}

const noteInStory = aComment({ id: 'shared-id' });
const noteInSecond: PassageAnnotation = aComment({
  id: 'shared-id',
  body: [commenting('Written in the other room.')],
  target: { ...aComment().target, source: secondDocumentId },
});

function bodiesOf(t: TempDatabase, documentId: string, id: string) {
  return t.db.$client
    .prepare('select position, purpose, value from annotation_bodies where document_id = ? and annotation_id = ? order by position')
    .all(documentId, id);
}

describe('annotation rows keyed by document and id', () => {
  it('keeps one row per document when the same id is written in two rooms', () => {
    const t = database();
    storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('shared-id', noteInStory), {
      upsertAnnotations: [noteInStory],
    });
    storeWrite(t.db, secondDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('shared-id', noteInSecond), {
      upsertAnnotations: [noteInSecond],
    });
    expect(listAnnotations(t.db, storyDocumentId)).toEqual([noteInStory]);
    expect(listAnnotations(t.db, secondDocumentId)).toEqual([noteInSecond]);
    expect(bodiesOf(t, storyDocumentId, 'shared-id')).toEqual([
      { position: 0, purpose: 'commenting', value: 'The town has lost its centre.' },
      { position: 1, purpose: 'tagging', value: 'loss' },
    ]);
    expect(bodiesOf(t, secondDocumentId, 'shared-id')).toEqual([
      { position: 0, purpose: 'commenting', value: 'Written in the other room.' },
    ]);
  });

  it('deletes only the row (and bodies) of the room the delete was written in', () => {
    const t = database();
    storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('shared-id', noteInStory), {
      upsertAnnotations: [noteInStory],
    });
    const second = new Y.Doc();
    storeWrite(t.db, secondDocumentId, second, (d) => d.getMap('annotations').set('shared-id', noteInSecond), {
      upsertAnnotations: [noteInSecond],
    });
    storeWrite(t.db, secondDocumentId, second, (d) => d.getMap('annotations').delete('shared-id'), { deleteAnnotations: ['shared-id'] });
    expect(listAnnotations(t.db, secondDocumentId)).toEqual([]);
    expect(bodiesOf(t, secondDocumentId, 'shared-id')).toEqual([]);
    expect(listAnnotations(t.db, storyDocumentId)).toEqual([noteInStory]);
    expect(bodiesOf(t, storyDocumentId, 'shared-id')).toHaveLength(2);
    expect(checkDatabase(t.db).problems).toEqual([]);
  });

  it("keeps a deleted note's replies, with their parent id (shown as replies to a removed note)", () => {
    const t = database();
    const client = new Y.Doc();
    const note = aComment();
    const reply = aReply();
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set(note.id, note), { upsertAnnotations: [note] });
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set(reply.id, reply), { upsertAnnotations: [reply] });
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').delete(note.id), { deleteAnnotations: [note.id] });
    expect(listAnnotations(t.db, storyDocumentId)).toEqual([reply]);
    const row = t.db.$client.prepare('select parent_id from annotations where document_id = ? and id = ?').get(storyDocumentId, reply.id);
    expect(row).toEqual({ parent_id: note.id });
    expect(checkDatabase(t.db).problems).toEqual([]);
  });

  it('removes every row of a document deleted from the library (cascade)', () => {
    const t = database();
    storeWrite(t.db, secondDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('shared-id', noteInSecond), {
      upsertAnnotations: [noteInSecond],
    });
    t.db.$client.prepare('delete from documents where id = ?').run(secondDocumentId);
    expect(t.db.$client.prepare('select count(*) as n from annotation_bodies').get()).toEqual({ n: 0 });
    expect(t.db.$client.prepare('select count(*) as n from annotations').get()).toEqual({ n: 0 });
  });
});

describe('Yjs client-id owners', () => {
  it('stores the claims of an update with it, per document', () => {
    const t = database();
    storeUpdate(t.db, storyDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), {
      claimClients: [
        { clientId: 42, owner: 'reader-ann' },
        { clientId: 7, owner: 'reader-ann' },
      ],
    });
    storeUpdate(t.db, secondDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { claimClients: [{ clientId: 42, owner: 'reader-ben' }] });
    expect(loadClientOwners(t.db, storyDocumentId)).toEqual([
      { clientId: 7, owner: 'reader-ann' },
      { clientId: 42, owner: 'reader-ann' },
    ]);
    expect(loadClientOwners(t.db, secondDocumentId)).toEqual([{ clientId: 42, owner: 'reader-ben' }]);
  });

  it('keeps the first owner of a client id when another claims it later', () => {
    const t = database();
    storeUpdate(t.db, storyDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { claimClients: [{ clientId: 42, owner: 'reader-ann' }] });
    storeUpdate(t.db, storyDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { claimClients: [{ clientId: 42, owner: 'reader-eve' }] });
    expect(loadClientOwners(t.db, storyDocumentId)).toEqual([{ clientId: 42, owner: 'reader-ann' }]);
    expect(loadRoomUpdates(t.db, storyDocumentId)).toHaveLength(2);
  });

  it('stores no claim when the update fails to store (same transaction)', () => {
    const t = database();
    expect(() =>
      storeUpdate(t.db, 'no-such-document', Y.encodeStateAsUpdate(new Y.Doc()), { claimClients: [{ clientId: 42, owner: 'reader-ann' }] }),
    ).toThrow();
    expect(t.db.$client.prepare('select count(*) as n from room_client_owners').get()).toEqual({ n: 0 });
  });
});
