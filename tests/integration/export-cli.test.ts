/**
 * `npm run export` on a real SQLite file: a text imported with `npm run import` and a note stored in its rows comes
 * out through the same writers as the HTTP route; usage errors and unknown documents exit non-zero with a reason.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { getDocumentText } from '../../db/queries/documents.ts';
import { buildPassageAnnotation } from '../../lib/annotations/build-annotation.ts';
import { storeWrite } from '../helpers/db-fixtures.ts';

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;
let documentId: string;

const text = 'author: Lucinda\n\nShe kept the letter, "unopened", for a year.\n\nThen she burned it. 🔥';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glossa-export-cli-'));
  env = { ...process.env, GLOSSA_DB: join(dir, 'glossa.db'), GLOSSA_PUBLIC_URL: '' };
  writeFileSync(join(dir, 'letter.txt'), text);
  documentId = (
    await run('node', ['--import', 'tsx', 'scripts/import.ts', join(dir, 'letter.txt'), '--title', 'The Letter'], { env })
  ).stdout.trim();
  const db = openDatabase(join(dir, 'glossa.db'));
  try {
    const canonical = getDocumentText(db, documentId)!;
    const start = canonical.indexOf('"unopened"');
    const note = buildPassageAnnotation({
      id: 'note-cli',
      documentId,
      creator: { id: 'reader-lucinda', name: 'Lucinda' },
      text: canonical,
      range: { start, end: start + '"unopened"'.length },
      comment: 'Why keep it, then?',
      tags: ['letters'],
      now: new Date('2026-11-20T10:00:00.000Z'),
    });
    // Stored as the room stores a note: the Yjs update and the row in one transaction.
    storeWrite(db, documentId, new Y.Doc(), (d) => d.getMap('annotations').set(note.id, note), { upsertAnnotations: [note] });
  } finally {
    db.$client.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run export', () => {
  it('writes the Markdown pack of a document to --out', async () => {
    const out = join(dir, 'notes.md');
    const { stderr } = await run(
      'node',
      ['--import', 'tsx', 'scripts/export.ts', documentId, '--format', 'md', '--out', out, '--origin', 'https://glossa.example'],
      { env },
    );
    expect(stderr).toContain(`1 notes of ${documentId} written to ${out}`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('title: "The Letter"');
    expect(md).toContain('> "unopened"');
    expect(md).toContain(`[open in Glossa](https://glossa.example/d/${documentId}#note-cli) (Lucinda, par. 1)`);
    expect(md).toContain('Why keep it, then?');
  });

  it('writes CSV to standard output with a filter', async () => {
    const { stdout } = await run(
      'node',
      ['--import', 'tsx', 'scripts/export.ts', documentId, '--format', 'csv', '--notes', 'filter', '--filter', 'theme=nothing'],
      { env },
    );
    expect(
      stdout
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });

  it('exits 1 for an unknown document and 2 for a bad format', async () => {
    await expect(run('node', ['--import', 'tsx', 'scripts/export.ts', 'no-such', '--format', 'md'], { env })).rejects.toMatchObject({
      code: 1,
    });
    await expect(run('node', ['--import', 'tsx', 'scripts/export.ts', documentId, '--format', 'pdf'], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format is one of md, csv, jsonld, docx'),
    });
  });
});
