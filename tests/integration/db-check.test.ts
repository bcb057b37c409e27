/**
 * `db:check` (db/check.ts) on real SQLite files: a database written as rooms write it passes; each way the rows and
 * the update log can part, and each thing an honest room never stores, is reported by its kind and place.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDatabase, formatCheckReport, type CheckProblemKind, type CheckReport } from '../../db/check.ts';
import { aComment, aReply, aTag, commenting } from '../helpers/unit-annotations.ts';
import { freshDatabase, secondDocumentId, storeUpdate, storeWrite, storyDocumentId, type TempDatabase } from '../helpers/db-fixtures.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';

let temp: TempDatabase | null = null;
afterEach(() => {
  temp?.dispose();
  temp = null;
});

function database(): TempDatabase {
  temp = freshDatabase();
  return temp;
}

/** The problems of a report as `kind where` strings, for exact comparisons. */
function found(report: CheckReport): string[] {
  return report.problems.map((p) => `${p.documentId} ${p.kind}${p.where ? ` ${p.where}` : ''}`).sort();
}

/** A client doc with one stored note (`note-1`) and one tag in the story's room, rows matching. */
function storyWithOneNote(t: TempDatabase): Y.Doc {
  const client = new Y.Doc();
  storeWrite(
    t.db,
    storyDocumentId,
    client,
    (d) => {
      d.getMap('annotations').set('note-1', aComment());
      d.getMap('tags').set('loss', aTag());
    },
    { upsertAnnotations: [aComment()], upsertTags: [{ name: 'loss', ...aTag() }] },
  );
  return client;
}

describe('checkDatabase on a database written as rooms write it', () => {
  it('passes a fresh database with no notes', () => {
    const report = checkDatabase(database().db);
    expect(report.ok).toBe(true);
    expect(report.documents.map((d) => d.documentId).sort()).toEqual([storyDocumentId, secondDocumentId].sort());
  });

  it('passes notes, a reply, an edit, a delete and tags whose rows match the log', () => {
    const t = database();
    const client = storyWithOneNote(t);
    const reply = aReply();
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set(reply.id, reply), { upsertAnnotations: [reply] });
    const edited = aComment({ body: [commenting('Changed my mind.')], modified: '2024-05-02T10:00:00.000Z' });
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set('note-1', edited), { upsertAnnotations: [edited] });
    const other = aComment({ id: 'note-2' });
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set('note-2', other), { upsertAnnotations: [other] });
    storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').delete('note-2'), { deleteAnnotations: ['note-2'] });

    const report = checkDatabase(t.db);
    expect(report.problems).toEqual([]);
    const story = report.documents.find((d) => d.documentId === storyDocumentId);
    expect(story).toMatchObject({ updates: 5, annotationRows: 2, annotationEntries: 2, tagRows: 1, tagEntries: 1 });
  });

  it('passes the same annotation id in two documents, each with its own row', () => {
    const t = database();
    storyWithOneNote(t);
    const inSecond = aComment({ target: { ...aComment().target, source: secondDocumentId }, body: [commenting('Another room.')] });
    storeWrite(t.db, secondDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('note-1', inSecond), {
      upsertAnnotations: [inSecond],
    });
    expect(checkDatabase(t.db).problems).toEqual([]);
  });

  it('is what expectDatabaseConsistent runs on a file, returning the clean report', () => {
    const t = database();
    storyWithOneNote(t);
    expect(expectDatabaseConsistent(t.dbPath).ok).toBe(true);
  });
});

describe('checkDatabase reports', () => {
  const cases: Array<{ name: string; make: (t: TempDatabase) => void; expected: string[] }> = [
    {
      name: 'a row without an entry in the log',
      make: (t) => storeUpdate(t.db, storyDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { upsertAnnotations: [aComment()] }),
      expected: [`${storyDocumentId} row-without-entry annotations/note-1`],
    },
    {
      name: 'a log entry without a row',
      make: (t) => void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('note-1', aComment())),
      expected: [`${storyDocumentId} entry-without-row annotations/note-1`],
    },
    {
      name: 'a row left behind by a delete that was not stored as rows',
      make: (t) => {
        const client = storyWithOneNote(t);
        storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').delete('note-1'));
      },
      expected: [`${storyDocumentId} row-without-entry annotations/note-1`],
    },
    {
      name: "a row whose JSON is not the entry's",
      make: (t) =>
        void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('note-1', aComment()), {
          upsertAnnotations: [aComment({ body: [commenting('Not what the room holds.')] })],
        }),
      expected: [`${storyDocumentId} row-differs annotations/note-1`],
    },
    {
      name: 'a row stored under another document (the bug of global ids)',
      make: (t) => {
        storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('note-1', aComment()));
        storeUpdate(t.db, secondDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { upsertAnnotations: [aComment()] });
      },
      expected: [`${secondDocumentId} row-without-entry annotations/note-1`, `${storyDocumentId} entry-without-row annotations/note-1`],
    },
    {
      name: 'a tag row without an entry, and a tag entry without a row',
      make: (t) =>
        void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('tags').set('guilt', aTag({ label: 'Guilt' })), {
          upsertTags: [{ name: 'loss', ...aTag() }],
        }),
      expected: [`${storyDocumentId} entry-without-row tags/guilt`, `${storyDocumentId} row-without-entry tags/loss`],
    },
    {
      name: 'a root type other than annotations and tags',
      make: (t) => void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('evil').set('x', { payload: 1 })),
      expected: [`${storyDocumentId} foreign-root evil`],
    },
    {
      name: 'a list entry without a key inside the annotations map',
      make: (t) => void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getArray('annotations').push([{ hidden: true }])),
      expected: [`${storyDocumentId} keyless-entry annotations`],
    },
    {
      name: 'a map entry that is not a valid annotation',
      make: (t) => void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('junk', { hello: 'world' })),
      expected: [`${storyDocumentId} entry-without-row annotations/junk`, `${storyDocumentId} invalid-entry annotations/junk`],
    },
    {
      name: 'a nested shared type inside the annotations map',
      make: (t) => void storeWrite(t.db, storyDocumentId, new Y.Doc(), (d) => d.getMap('annotations').set('nested', new Y.Map())),
      expected: [`${storyDocumentId} entry-without-row annotations/nested`, `${storyDocumentId} invalid-entry annotations/nested`],
    },
    {
      name: 'a struct left pending (its earlier clocks are not in the log)',
      make: (t) => {
        const client = new Y.Doc();
        client.getMap('annotations').set('first', 1); // never stored
        storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').set('note-1', aComment()), {
          upsertAnnotations: [aComment()],
        });
      },
      // The pending note is not in the replayed map, so its row has no entry either.
      expected: [`${storyDocumentId} pending-structs`, `${storyDocumentId} row-without-entry annotations/note-1`],
    },
    {
      name: 'a delete left pending (over clocks the log never had)',
      make: (t) => {
        const client = new Y.Doc();
        client.getMap('annotations').set('gone', 1); // never stored: the delete below is over clocks the log lacks
        storeWrite(t.db, storyDocumentId, client, (d) => d.getMap('annotations').delete('gone'));
      },
      expected: [`${storyDocumentId} pending-deletes`],
    },
    {
      name: 'an update that does not apply',
      make: (t) => {
        const whole = Y.encodeStateAsUpdate(new Y.Doc(), undefined);
        const note = new Y.Doc();
        note.getMap('annotations').set('note-1', aComment());
        const update = Y.encodeStateAsUpdate(note);
        storeUpdate(t.db, storyDocumentId, whole);
        storeUpdate(t.db, storyDocumentId, update.slice(0, update.length >> 1)); // cut short: decoding runs off its end
      },
      expected: [`${storyDocumentId} log-unreadable yjs_updates/2`],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const t = database();
      c.make(t);
      const report = checkDatabase(t.db);
      expect(found(report), formatCheckReport(report)).toEqual(c.expected.sort());
      expect(report.ok).toBe(false);
      expect(() => expectDatabaseConsistent(t.dbPath)).toThrow(/db:check found problems/);
    });
  }
});

describe('formatCheckReport', () => {
  it('names each document, each problem with its place, and a total', () => {
    const t = database();
    storeUpdate(t.db, storyDocumentId, Y.encodeStateAsUpdate(new Y.Doc()), { upsertAnnotations: [aComment()] });
    const text = formatCheckReport(checkDatabase(t.db));
    expect(text).toContain(`✗ ${storyDocumentId}: 1 update, 1 annotation row / 0 entries`);
    expect(text).toContain('row-without-entry annotations/note-1');
    expect(text).toContain(`✓ ${secondDocumentId}`);
    expect(text).toMatch(/1 problem in 1 of 2 documents$/);
  });
});

// Keeps the kinds used above in step with the type (a renamed kind fails to compile here).
const _kinds: CheckProblemKind[] = [
  'keyless-entry',
  'row-without-entry',
  'entry-without-row',
  'row-differs',
  'foreign-root',
  'invalid-entry',
  'pending-structs',
  'pending-deletes',
  'log-unreadable',
];
void _kinds;
