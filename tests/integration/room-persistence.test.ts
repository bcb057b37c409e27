/**
 * Durability of a room: an accepted note and its tags are written to SQLite (the Yjs update and the relational rows
 * together) before anyone else sees them, and after a restart on the same file the note is served over HTTP as a
 * W3C AnnotationCollection and is in the room a new client joins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote, fetchCollection, fetchText, storedIds, storyId } from '../helpers/annotations.ts';
import { ann, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../helpers/room-clients.ts';
import { keysWritten, readDatabase, replayUpdates, storedUpdates } from '../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const lossTag = { label: 'Loss', color: '#335577', description: 'Willow, gone' };

let server: TestServer;
let text: string;
let note: PassageAnnotation;

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  const a: TestRoomClient = await joinRoom(server.current.wsUrl, storyId, ann);
  note = buildNote({
    text,
    creator: ann,
    passage: 'all of this could have been prevented',
    comment: 'The title, in his own words.',
    tags: ['Loss', 'guilt'],
  });
  // The tag and the note travel in one Yjs transaction, so in one update message.
  a.doc.transact(() => {
    a.tags.set('loss', lossTag);
    a.annotations.set(note.id, note);
  });
  await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, 'the note over HTTP');
  a.destroy();
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

describe('the rows written for a saved note', () => {
  it('has an annotations row with the creator, the quote, the offsets and the exact JSON', () => {
    const row = readDatabase(server.dbPath, (db) => db.prepare('select * from annotations where id = ?').get(note.id)) as Record<
      string,
      unknown
    >;
    const [quote, position] = note.target.selector;
    expect(row).toMatchObject({
      document_id: storyId,
      motivation: 'commenting',
      creator_id: ann.id,
      creator_name: ann.name,
      created: note.created,
      parent_id: null,
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      start: position.start,
      end: position.end,
    });
    expect(JSON.parse(row.json as string)).toEqual(note);
  });

  it('has one annotation_bodies row per body, with the tags as purpose tagging', () => {
    const bodies = readDatabase(server.dbPath, (db) =>
      db.prepare('select position, purpose, value from annotation_bodies where annotation_id = ? order by position').all(note.id),
    );
    expect(bodies).toEqual([
      { position: 0, purpose: 'commenting', value: 'The title, in his own words.' },
      { position: 1, purpose: 'tagging', value: 'loss' },
      { position: 2, purpose: 'tagging', value: 'guilt' },
    ]);
  });

  it("has a tags row for the tag set in the room (beside the story's suggested themes)", () => {
    const tags = readDatabase(server.dbPath, (db) => db.prepare("select * from tags where document_id = ? and name = 'loss'").all(storyId));
    expect(tags).toEqual([
      { document_id: storyId, name: 'loss', label: 'Loss', color: '#335577', description: 'Willow, gone', parent: null },
    ]);
  });

  it('has one yjs_updates row that carries both the note and the tag', () => {
    const updates = readDatabase(server.dbPath, (db) => storedUpdates(db, storyId));
    const carrying = updates.filter((u) => keysWritten(u).includes(`annotations/${note.id}`));
    expect(carrying).toHaveLength(1);
    expect(keysWritten(carrying[0])).toContain('tags/loss');
  });

  it('has an update log that replays to exactly the notes and tags of the rows', () => {
    const { updates, ids, tagNames } = readDatabase(server.dbPath, (db) => ({
      updates: storedUpdates(db, storyId),
      ids: (db.prepare('select id from annotations where document_id = ?').all(storyId) as Array<{ id: string }>).map((r) => r.id),
      tagNames: (db.prepare('select name from tags where document_id = ?').all(storyId) as Array<{ name: string }>).map((r) => r.name),
    }));
    const doc = replayUpdates(updates);
    try {
      expect([...doc.getMap('annotations').keys()].sort()).toEqual(ids.sort());
      expect(doc.getMap('annotations').get(note.id)).toEqual(note);
      expect([...doc.getMap('tags').keys()].sort()).toEqual(tagNames.sort());
    } finally {
      doc.destroy();
    }
  });
});

describe('a saved note after a restart on the same database', () => {
  beforeAll(async () => {
    await server.restart();
  });

  it('is served in the AnnotationCollection over HTTP', async () => {
    const collection = await fetchCollection(server.current.url);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(1);
    expect(collection.first.items).toHaveLength(1);
    const { '@context': context, ...stored } = collection.first.items[0];
    expect(context).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(stored).toEqual(Object.fromEntries(Object.entries(note).filter(([key]) => key !== '@context')));
  });

  it('is in the room a new client joins, with its tag', async () => {
    const c = await joinRoom(server.current.wsUrl, storyId, { id: 'reader-cat', name: 'Cat' });
    expect(c.annotations.get(note.id)).toEqual(note);
    expect(c.tags.get('loss')).toEqual(lossTag);
  });
});
