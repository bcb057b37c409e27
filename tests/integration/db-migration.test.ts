/**
 * Upgrading a database of the previous version (migration 0000 only) to document-scoped annotation ids: the
 * annotations and annotation_bodies tables are rebuilt, and every note, body, tag and update must come through,
 * with foreign keys intact and the rows still matching the update log.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDatabase, formatCheckReport } from '../../db/check.ts';
import { openDatabase, type GlossaDb } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { listAnnotations } from '../../db/queries/annotations.ts';
import { annotationRow } from '../../db/queries/room-store.ts';
import type { Annotation } from '../../lib/annotations/schema.ts';
import { projectRoot, secondDocumentId, storeWrite, storyDocumentId } from '../helpers/db-fixtures.ts';
import { aComment, aReply, aTag, commenting } from '../helpers/unit-annotations.ts';
import { story } from '../helpers/unit-story.ts';

let dir: string;
let db: GlossaDb;
const note = aComment();
const reply = aReply();
const highlight = aComment({ id: 'highlight-1', motivation: 'highlighting', body: [] });

/** A project root whose migrations folder holds only the first migration: the schema of the previous version. */
function previousVersionRoot(): string {
  const root = join(dir, 'previous');
  mkdirSync(join(root, 'db', 'migrations', 'meta'), { recursive: true });
  cpSync(join(projectRoot, 'db', 'migrations', '0000_init.sql'), join(root, 'db', 'migrations', '0000_init.sql'));
  cpSync(join(projectRoot, 'db', 'seed'), join(root, 'db', 'seed'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  journal.entries = journal.entries.filter((e) => e.tag === '0000_init');
  writeFileSync(join(root, 'db', 'migrations', 'meta', '_journal.json'), JSON.stringify(journal));
  return root;
}

/** Writes a note's rows as the previous version's room store did (no document_id on bodies). */
function insertPreviousRows(a: Annotation) {
  const row = annotationRow(storyDocumentId, a);
  db.$client
    .prepare(
      `insert into annotations (id, document_id, motivation, creator_id, creator_name, created, modified, parent_id, exact, prefix, suffix, start, end, json)
       values (@id, @documentId, @motivation, @creatorId, @creatorName, @created, @modified, @parentId, @exact, @prefix, @suffix, @start, @end, @json)`,
    )
    .run({ ...row, json: JSON.stringify(row.json) });
  a.body.forEach((b, position) =>
    db.$client
      .prepare('insert into annotation_bodies (annotation_id, position, purpose, value) values (?, ?, ?, ?)')
      .run(a.id, position, b.purpose, b.value),
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'glossa-migration-'));
  const dbPath = join(dir, 'glossa.db');
  const previous = previousVersionRoot();
  db = openDatabase(dbPath);
  migrateDatabase(db, previous);
  // The story as the previous version stored it (today's seed writes columns that version lacks).
  db.$client
    .prepare('insert into documents (id, title, author, metadata, text, paragraphs) values (?, ?, ?, ?, ?, ?)')
    .run(
      storyDocumentId,
      story.title,
      story.author,
      JSON.stringify(story.metadata),
      story.text,
      JSON.stringify(story.paragraphs.map((p) => [p.start, p.end])),
    );

  const client = new Y.Doc();
  client.transact(() => {
    for (const a of [note, reply, highlight]) client.getMap('annotations').set(a.id, a);
    client.getMap('tags').set('loss', aTag());
  });
  db.$client
    .prepare('insert into yjs_updates (document_id, data) values (?, ?)')
    .run(storyDocumentId, Buffer.from(Y.encodeStateAsUpdate(client)));
  for (const a of [note, reply, highlight]) insertPreviousRows(a);
  db.$client
    .prepare('insert into tags (document_id, name, label, color) values (?, ?, ?, ?)')
    .run(storyDocumentId, 'loss', 'Loss', aTag().color);

  migrateDatabase(db, projectRoot);
});

afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database of the previous version, migrated', () => {
  it('has every migration recorded', () => {
    const n = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(n.n).toBe(journal.entries.length);
  });

  it('keeps every note, reply and highlight with its JSON', () => {
    expect(
      listAnnotations(db, storyDocumentId)
        .map((a) => a.id)
        .sort(),
    ).toEqual([highlight.id, note.id, reply.id].sort());
    expect(listAnnotations(db, storyDocumentId).find((a) => a.id === note.id)).toEqual(note);
  });

  it("gives every body its annotation's document", () => {
    expect(
      db.$client
        .prepare('select document_id, annotation_id, position, purpose from annotation_bodies order by annotation_id, position')
        .all(),
    ).toEqual([
      { document_id: storyDocumentId, annotation_id: note.id, position: 0, purpose: 'commenting' },
      { document_id: storyDocumentId, annotation_id: note.id, position: 1, purpose: 'tagging' },
      { document_id: storyDocumentId, annotation_id: reply.id, position: 0, purpose: 'replying' },
    ]);
  });

  it('keeps the tags and the update log, and the rows still match the log', () => {
    const report = checkDatabase(db);
    expect(report.problems, formatCheckReport(report)).toEqual([]);
    expect(report.documents.find((d) => d.documentId === storyDocumentId)).toMatchObject({ updates: 1, annotationRows: 3, tagRows: 1 });
  });

  it('has foreign keys on and no violations afterwards', () => {
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('takes the same id in another document as another row, and cascades bodies by (document, id)', () => {
    db.$client
      .prepare(
        "insert into documents (id, title, metadata, text, paragraphs) values (?, 'Again', '{}', (select text from documents where id = ?), '[]')",
      )
      .run(secondDocumentId, storyDocumentId);
    const elsewhere = aComment({ body: [commenting('Elsewhere.')], target: { ...note.target, source: secondDocumentId } });
    const second = new Y.Doc();
    storeWrite(db, secondDocumentId, second, (d) => d.getMap('annotations').set(note.id, elsewhere), { upsertAnnotations: [elsewhere] });
    storeWrite(db, secondDocumentId, second, (d) => d.getMap('annotations').delete(note.id), { deleteAnnotations: [note.id] });
    expect(listAnnotations(db, storyDocumentId).find((a) => a.id === note.id)).toEqual(note);
    expect(db.$client.prepare('select count(*) as n from annotation_bodies where annotation_id = ?').get(note.id)).toEqual({ n: 2 });
    expect(checkDatabase(db).problems).toEqual([]);
  });
});
