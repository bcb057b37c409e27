/**
 * `npm run export -- <documentId> --format md|csv|jsonld|docx [--out file] [--notes all|mine|filter] [--user id]
 * [--filter "theme=guilt&type=question"] [--group theme|text|reader] [--replies 1|0] [--style mla|chicago|apa]
 * [--origin https://glossa.example]`: the same export as `GET /api/documents/<id>/export`, written by the same
 * writers (lib/export/) from the library the server uses (`GLOSSA_DB`, default `./data/glossa.db`). Run by whoever
 * holds the database, it sees every shared note whole (as a moderator would; private notes are never in the rows).
 * Links and IRIs use `--origin`, else `GLOSSA_PUBLIC_URL`, else `http://127.0.0.1:3000`. Without `--out` the file
 * goes to standard output. Exits 1 for an unknown document, 2 on a usage error.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databasePath, openDatabase } from '../db/client.ts';
import { listAnnotations, listTags } from '../db/queries/annotations.ts';
import { documentStructure, getDocument } from '../db/queries/documents.ts';
import { filterFromParams, noFilter } from '../lib/annotations/note-filter.ts';
import { citationStyles } from '../lib/export/citation.ts';
import { buildExportModel, exportFormats, exportGroupings, noteSelections } from '../lib/export/export-model.ts';
import { writeExport } from '../lib/export/write-export.ts';

const usage =
  'usage: npm run export -- <documentId> --format md|csv|jsonld|docx [--out file] [--notes all|mine|filter] [--user id] ' +
  '[--filter "theme=guilt"] [--group theme|text|reader] [--replies 1|0] [--style mla|chicago|apa] [--origin URL]';

const optionsSchema = z
  .object({
    format: z.enum(exportFormats, { error: `--format is one of ${exportFormats.join(', ')}` }),
    notes: z.enum(noteSelections, { error: `--notes is one of ${noteSelections.join(', ')}` }).default('all'),
    user: z.string().min(1).optional(),
    filter: z.string().default(''),
    group: z.enum(exportGroupings, { error: `--group is one of ${exportGroupings.join(', ')}` }).default('theme'),
    replies: z.enum(['0', '1'], { error: '--replies is 0 or 1' }).default('1'),
    style: z.enum(citationStyles, { error: `--style is one of ${citationStyles.join(', ')}` }).default('mla'),
    origin: z.url({ error: '--origin is a URL' }).optional(),
    out: z.string().min(1).optional(),
  })
  .refine((o) => o.notes !== 'mine' || o.user, { message: '--notes mine needs --user <account id>' });

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: Record<string, { type: 'string' }> }>>;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: Object.fromEntries(
        ['format', 'notes', 'user', 'filter', 'group', 'replies', 'style', 'origin', 'out'].map((k) => [k, { type: 'string' as const }]),
      ),
    });
  } catch (err) {
    console.error(`export: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  const [documentId, ...rest] = parsed.positionals;
  const options = optionsSchema.safeParse(parsed.values);
  if (!documentId || rest.length > 0 || !options.success) {
    console.error(`${options.success ? '' : `export: ${options.error.issues[0]?.message}\n`}${usage}`);
    return 2;
  }
  const o = options.data;
  const origin = new URL(o.origin || process.env.GLOSSA_PUBLIC_URL || 'http://127.0.0.1:3000').origin;
  const db = openDatabase(databasePath());
  try {
    const doc = getDocument(db, documentId);
    if (!doc) {
      console.error(`export: no document ${JSON.stringify(documentId)} in ${databasePath()}`);
      return 1;
    }
    const { blocks, chapters } = documentStructure(doc);
    const model = buildExportModel(
      { id: doc.id, title: doc.title, author: doc.author, metadata: doc.metadata, text: doc.text, blocks, chapters },
      listAnnotations(db, doc.id),
      listTags(db, doc.id),
      {
        selection: o.notes,
        filter: o.filter ? filterFromParams(new URLSearchParams(o.filter)) : noFilter,
        viewer: { id: o.user ?? null, moderator: true },
        grouping: o.group,
        replies: o.replies === '1',
        style: o.style,
        origin,
        exportedAt: new Date().toISOString(),
      },
    );
    const file = await writeExport(model, o.format, `${origin}/api/documents/${encodeURIComponent(doc.id)}/export?format=${o.format}`);
    if (o.out) {
      writeFileSync(o.out, file);
      console.error(`export: ${model.notes.length} notes of ${doc.id} written to ${o.out}`);
    } else process.stdout.write(file);
    return 0;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main();
