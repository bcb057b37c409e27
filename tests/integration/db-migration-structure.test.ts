/**
 * Upgrading a database of the previous version (migrations 0000–0001) to documents with blocks and chapters:
 * every document keeps its canonical text and paragraph spans byte for byte, gets one paragraph block per
 * paragraph and no chapters, and every note keeps its offsets.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type GlossaDb } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { documentStructure, getDocument } from '../../db/queries/documents.ts';
import { annotationRow } from '../../db/queries/room-store.ts';
import { projectRoot } from '../helpers/db-fixtures.ts';
import { aComment, aReply } from '../helpers/unit-annotations.ts';
import { story, storyDocumentId } from '../helpers/unit-story.ts';

let dir: string;
let db: GlossaDb;
const note = aComment();
const reply = aReply();

interface Snapshot {
  documents: Array<{ id: string; text: string; paragraphs: string }>;
  annotations: Array<{ id: string; start: number | null; end: number | null; exact: string | null; json: string }>;
}

function snapshot(): Snapshot {
  return {
    documents: db.$client.prepare('select id, text, paragraphs from documents order by id').all() as Snapshot['documents'],
    annotations: db.$client
      .prepare('select id, start, "end", exact, json from annotations order by document_id, id')
      .all() as Snapshot['annotations'],
  };
}

/** A project root whose migrations folder holds the migrations before document structure. */
function previousVersionRoot(): string {
  const root = join(dir, 'previous');
  mkdirSync(join(root, 'db', 'migrations', 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  journal.entries = journal.entries.filter((e) => e.tag === '0000_init' || e.tag === '0001_document_scoped_ids');
  for (const e of journal.entries)
    cpSync(join(projectRoot, 'db', 'migrations', `${e.tag}.sql`), join(root, 'db', 'migrations', `${e.tag}.sql`));
  writeFileSync(join(root, 'db', 'migrations', 'meta', '_journal.json'), JSON.stringify(journal));
  return root;
}

let before: Snapshot;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'glossa-structure-migration-'));
  db = openDatabase(join(dir, 'glossa.db'));
  migrateDatabase(db, previousVersionRoot());
  const insertDoc = db.$client.prepare('insert into documents (id, title, author, metadata, text, paragraphs) values (?, ?, ?, ?, ?, ?)');
  insertDoc.run(
    storyDocumentId,
    story.title,
    story.author,
    JSON.stringify(story.metadata),
    story.text,
    JSON.stringify(story.paragraphs.map((p) => [p.start, p.end])),
  );
  insertDoc.run('tiny', 'Tiny', null, '{}', 'CHAPTER I\n\nx', '[[0,9],[11,12]]');
  for (const a of [note, reply]) {
    const row = annotationRow(storyDocumentId, a);
    db.$client
      .prepare(
        `insert into annotations (id, document_id, motivation, creator_id, creator_name, created, modified, parent_id, exact, prefix, suffix, start, end, json)
         values (@id, @documentId, @motivation, @creatorId, @creatorName, @created, @modified, @parentId, @exact, @prefix, @suffix, @start, @end, @json)`,
      )
      .run({ ...row, json: JSON.stringify(row.json) });
  }
  before = snapshot();
  migrateDatabase(db, projectRoot);
});

afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database from before document structure, migrated', () => {
  it('keeps every canonical text, paragraph span and annotation offset unchanged', () => {
    expect(snapshot()).toEqual(before);
    expect(before.annotations.filter((a) => a.start !== null)).not.toHaveLength(0);
  });

  it('gives every paragraph a paragraph block over the same span, in order', () => {
    const row = getDocument(db, storyDocumentId)!;
    expect(row.blocks).toEqual(story.paragraphs.map((p) => [p.start, p.end, 'p']));
    expect(documentStructure(row).blocks).toEqual(story.paragraphs.map((p) => ({ type: 'paragraph', start: p.start, end: p.end })));
  });

  it('gives old documents no chapters, even where a line looks like a chapter heading', () => {
    expect(documentStructure(getDocument(db, 'tiny')!)).toEqual({
      blocks: [
        { type: 'paragraph', start: 0, end: 9 },
        { type: 'paragraph', start: 11, end: 12 },
      ],
      chapters: [],
    });
  });
});
