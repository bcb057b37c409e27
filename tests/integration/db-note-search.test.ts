/**
 * The full-text index of notes (migration 0009) on a real SQLite file: it follows what the room stores, in the same
 * transaction, through inserts, edits, moderation, deletes and the purge of a document; it is backfilled when an
 * older database is migrated; the server's search means what the reader's search means (the same notes for the same
 * words); and no typed query can make FTS5 throw.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { purgeDeletedDocuments } from '../../db/queries/documents.ts';
import { rebuildSearchIndex, searchIndexDrift, searchNoteHits, searchSnippets } from '../../db/queries/note-search.ts';
import { storeRoomChange } from '../../db/queries/room-store.ts';
import { moderate } from '../../lib/annotations/moderation.ts';
import { noteMatchesWords, searchWords, seesEverything, type SearchViewer } from '../../lib/annotations/note-search.ts';
import { type Annotation, type PassageAnnotation, reactionIdOf, type ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { freshDatabase, projectRoot, secondDocumentId, storeUpdate, storyDocumentId, type TempDatabase } from '../helpers/db-fixtures.ts';
import { aComment, alice, aReply, bob, commenting, replying, storyTarget, tagging } from '../helpers/unit-annotations.ts';
import { story } from '../helpers/unit-story.ts';

const fay = { id: 'reader-fay', name: 'Fay' };
const noUpdate = new Uint8Array([0, 0]);

const cafe = aComment({ id: 'cafe', body: [commenting('Un café noir, as bitter as the ending.'), tagging('loss')] });
const memories = aComment({
  id: 'memories',
  creator: bob,
  target: storyTarget('lost in memories'),
  body: [commenting('Whose memories?'), tagging('memory'), tagging('survivor guilt')],
});
const replyToCafe: ReplyAnnotation = aReply({ id: 'reply-cafe', target: 'cafe', body: [replying('The envelope was never opened.')] });
const reaction: Annotation = {
  id: reactionIdOf('cafe', bob.id),
  type: 'Annotation',
  motivation: 'assessing',
  creator: bob,
  created: '2024-05-01T10:00:00.000Z',
  target: 'cafe',
  body: [{ type: 'TextualBody', purpose: 'assessing', value: 'agree' }],
} as Annotation;

let temp: TempDatabase;
beforeEach(() => {
  temp = freshDatabase();
});
afterEach(() => {
  // Whatever a test did, the index holds exactly what the rows say.
  expect(searchIndexDrift(temp.db)).toEqual([]);
  temp.dispose();
});

function store(upsert: Annotation[], remove: string[] = [], documentId = storyDocumentId) {
  storeRoomChange(temp.db, {
    documentId,
    update: noUpdate,
    upsertAnnotations: upsert,
    deleteAnnotations: remove,
    upsertTags: [],
    deleteTags: [],
  });
}

const found = (q: string, viewer: SearchViewer = seesEverything, documentId = storyDocumentId) =>
  searchNoteHits(temp.db, documentId, searchWords(q), viewer)
    .map((h) => h.id)
    .sort();

describe('the index follows the stored notes', () => {
  it('notices an index out of step with the rows, and is rebuilt from them', () => {
    store([cafe, memories]);
    temp.db.$client
      .prepare("update note_search set comment = 'stale' where rowid = (select id from note_search_rows where annotation_id = 'cafe')")
      .run();
    temp.db.$client
      .prepare("delete from note_search where rowid = (select id from note_search_rows where annotation_id = 'memories')")
      .run();
    expect(searchIndexDrift(temp.db).sort()).toEqual([`${storyDocumentId}\ncafe`, `${storyDocumentId}\nmemories`]);
    rebuildSearchIndex(temp.db);
    expect(found('cafe')).toEqual(['cafe']);
    expect(found('guilt')).toEqual(['memories']);
  });

  it('leaves the index alone when a note is stored again unchanged, and follows the next change', () => {
    store([cafe]);
    const before = temp.db.$client.prepare('select rowid, comment from note_search').all();
    store([cafe]);
    expect(temp.db.$client.prepare('select rowid, comment from note_search').all()).toEqual(before);
    store([{ ...cafe, body: [commenting('Now about tea.')] } as PassageAnnotation]);
    expect(found('tea')).toEqual(['cafe']);
  });

  it('finds a note by its comment, tag and passage, ignoring accents, and a reply by its text', () => {
    store([cafe, memories, replyToCafe]);
    expect(found('Cafe')).toEqual(['cafe']);
    expect(found('guilt')).toEqual(['memories']);
    expect(found('memor')).toEqual(['memories']);
    expect(found('envelope')).toEqual(['reply-cafe']);
    expect(found("weren't anymore")).toEqual(['cafe']);
  });

  it('does not index reactions', () => {
    store([cafe, reaction]);
    expect(found('agree')).toEqual([]);
    expect(temp.db.$client.prepare('select count(*) as n from note_search_rows').get()).toEqual({ n: 1 });
  });

  it('finds an edited note by its new words only', () => {
    store([cafe]);
    store([{ ...cafe, body: [commenting('A letter, not a coffee.')] } as PassageAnnotation]);
    expect(found('cafe')).toEqual([]);
    expect(found('letter')).toEqual(['cafe']);
  });

  it('forgets a deleted note but keeps its replies out of the results (they have no note to belong to)', () => {
    store([cafe, replyToCafe]);
    store([], ['cafe']);
    expect(found('cafe')).toEqual([]);
    expect(found('envelope')).toEqual([]);
    expect(temp.db.$client.prepare('select count(*) as n from note_search').get()).toEqual({ n: 1 });
  });

  it('forgets every note of a purged document, and only of that document', () => {
    store([cafe]);
    store([cafe], [], secondDocumentId);
    temp.db.$client.prepare('update documents set deleted_at = ? where id = ?').run('2000-01-01T00:00:00.000Z', storyDocumentId);
    expect(purgeDeletedDocuments(temp.db, new Date(), 1000)).toBe(1);
    expect(temp.db.$client.prepare('select count(*) as n from note_search').get()).toEqual({ n: 1 });
    expect(found('cafe', seesEverything, secondDocumentId)).toEqual(['cafe']);
  });

  it('writes nothing to the index when the room change fails', () => {
    store([cafe]);
    expect(() =>
      storeRoomChange(temp.db, {
        documentId: storyDocumentId,
        update: noUpdate,
        upsertAnnotations: [memories],
        deleteAnnotations: [],
        // A tag without a label breaks NOT NULL after the annotation row was written: the whole change rolls back.
        upsertTags: [{ name: 'broken', label: null as unknown as string, color: '#000000' }],
        deleteTags: [],
      }),
    ).toThrow();
    expect(found('memories')).toEqual([]);
    expect(temp.db.$client.prepare('select count(*) as n from note_search').get()).toEqual({ n: 1 });
  });

  it('finds a hidden note by its text only for moderators and its author; by its passage for anyone', () => {
    const hidden = moderate(cafe, 'hidden', fay, '2024-05-02T00:00:00.000Z');
    store([hidden]);
    const reader = { id: bob.id, moderator: false };
    expect(found('bitter', reader)).toEqual([]);
    expect(found('loss', reader)).toEqual([]);
    expect(found('bitter', { id: fay.id, moderator: true })).toEqual(['cafe']);
    expect(found('bitter', { id: alice.id, moderator: false })).toEqual(['cafe']);
    const byPassage = searchNoteHits(temp.db, storyDocumentId, searchWords('anymore'), reader);
    expect(byPassage.map((h) => [h.id, h.passageOnly])).toEqual([['cafe', true]]);
    // Its snippet comes from the passage, never from the hidden comment.
    expect(searchSnippets(temp.db, storyDocumentId, searchWords('anymore'), byPassage).get('cafe')).toBe("weren't the same anymore");
  });

  it('forgets the text of a removed note', () => {
    store([moderate(cafe, 'removed', fay, '2024-05-02T00:00:00.000Z')]);
    expect(found('bitter', { id: fay.id, moderator: true })).toEqual([]);
  });
});

describe('the server means what the reader means', () => {
  const notes: PassageAnnotation[] = [
    cafe,
    memories,
    aComment({ id: 'plain', creator: bob, target: storyTarget('lost in memories'), body: [commenting('Nothing café about it.')] }),
    moderate(
      aComment({ id: 'hidden', creator: bob, body: [commenting('A secret envelope'), tagging('loss')] }),
      'hidden',
      fay,
      '2024-05-02T00:00:00.000Z',
    ) as PassageAnnotation,
  ];
  const replies: ReplyAnnotation[] = [
    replyToCafe,
    aReply({ id: 'reply-memories', target: 'memories', creator: alice, body: [replying('Willow’s, surely; the letter says so.')] }),
  ];
  const viewers: SearchViewer[] = [seesEverything, { id: alice.id, moderator: false }, { id: null, moderator: false }];
  const queries = ['cafe', 'CAFÉ noir', 'envelope', 'memor willow', 'letter guilt', 'loss', 'anymore secret', 'the', 'weren t', 'nothing'];

  it.each(queries)('%s', (q) => {
    store([...notes, ...replies]);
    for (const viewer of viewers) {
      const local = notes
        .filter((n) =>
          noteMatchesWords(
            n,
            replies.filter((r) => r.target === n.id),
            searchWords(q),
            viewer,
          ),
        )
        .map((n) => n.id)
        .sort();
      const server = [...new Set(searchNoteHits(temp.db, storyDocumentId, searchWords(q), viewer).map((h) => h.root))].sort();
      expect(server, `${q} for ${JSON.stringify(viewer)}`).toEqual(local);
    }
  });
});

describe('hostile queries on the real index', () => {
  it.each([
    '"',
    'NEAR(',
    'NEAR(a b, 2)',
    '*',
    'AND',
    'OR NOT',
    '-guilt',
    'comment:guilt',
    '{comment tags}: x',
    '^start',
    'a + b',
    "'); drop table annotations; --",
    '\u0000\u202e\ud800',
    'x'.repeat(400),
    `${'"*NEAR(:-^'.repeat(40)}`,
  ])('%j searches without an error', (q) => {
    store([cafe]);
    expect(() => found(q)).not.toThrow();
    expect(temp.db.$client.prepare('select count(*) as n from annotations').get()).toEqual({ n: 1 });
  });
});

describe('migration 0009', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glossa-search-migration-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('indexes the notes stored before it', () => {
    const root = join(dir, 'previous');
    mkdirSync(join(root, 'db', 'migrations', 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    journal.entries = journal.entries.filter((e) => e.tag < '0009');
    for (const e of journal.entries)
      cpSync(join(projectRoot, 'db', 'migrations', `${e.tag}.sql`), join(root, 'db', 'migrations', `${e.tag}.sql`));
    writeFileSync(join(root, 'db', 'migrations', 'meta', '_journal.json'), JSON.stringify(journal));

    const db = openDatabase(join(dir, 'glossa.db'));
    try {
      migrateDatabase(db, root);
      db.$client
        .prepare('insert into documents (id, title, author, metadata, text, paragraphs) values (?, ?, ?, ?, ?, ?)')
        .run(storyDocumentId, story.title, story.author, '{}', story.text, JSON.stringify(story.paragraphs.map((p) => [p.start, p.end])));
      storeUpdate(db, storyDocumentId, noUpdate, { upsertAnnotations: [cafe, memories, replyToCafe, reaction] });
      migrateDatabase(db, projectRoot);
      const q = (words: string) =>
        searchNoteHits(db, storyDocumentId, searchWords(words), seesEverything)
          .map((h) => h.id)
          .sort();
      expect(q('cafe')).toEqual(['cafe']);
      expect(q('envelope')).toEqual(['reply-cafe']);
      expect(q('survivor')).toEqual(['memories']);
      expect(db.$client.prepare('select count(*) as n from note_search_rows').get()).toEqual({ n: 3 });
      // And keeps indexing what is stored after it.
      storeUpdate(db, storyDocumentId, noUpdate, { deleteAnnotations: ['memories'] });
      expect(q('survivor')).toEqual([]);
    } finally {
      db.$client.close();
    }
  });
});
