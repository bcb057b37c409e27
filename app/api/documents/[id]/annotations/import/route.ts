/**
 * `POST /api/documents/<id>/annotations/import`: notes from a file — a W3C `AnnotationCollection` (Glossa's export
 * or any tool's), an array of annotations, or Hypothesis's JSON export — re-anchored on this document's text
 * (position → quote → fuzzy) and written through the live room as the caller's notes, with new ids; the notes that
 * cannot be placed are stored as the caller's orphans (`GET …/orphans`). Annotators and more (401/403).
 * → `{ imported: [{ index, id, method, score }], orphans: [{ id, index, quote, reason, note, score? }],
 *      skipped: [{ index, reason }], tagsLeftOut: [names] }`; 400 for a file that is not JSON or not one of the
 * shapes (or holds too many notes), 413 over the size limit, 409 when the room or the caller's orphans are full.
 */
import { randomUUID } from 'node:crypto';
import { getDb } from '../../../../../../db/client.ts';
import { getDocumentText } from '../../../../../../db/queries/documents.ts';
import { countImportOrphans, insertImportOrphans, type NewImportOrphan } from '../../../../../../db/queries/import-orphans.ts';
import { parseNotesFile } from '../../../../../../lib/import-notes/parse-notes.ts';
import { noteImportLimits } from '../../../../../../lib/limits.ts';
import { documentCaller } from '../../../../document-access.ts';
import { documentIdParam } from '../../../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../../http-errors.ts';
import { anchorInTurns, importerOf, writeImported } from '../../../../import-notes.ts';
import { readBodyText } from '../../../../read-body.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'annotate');
  if (!caller.ok) return caller.response;
  const importer = importerOf(caller.value);
  if (!importer.ok) return importer.response;

  const body = await readBodyText(request, noteImportLimits.fileBytes);
  if (!body.ok) return body.response;
  let json: unknown;
  try {
    json = JSON.parse(body.value);
  } catch {
    return jsonError(400, 'the file is not valid JSON');
  }
  const parsed = parseNotesFile(json);
  if (!parsed.ok) return jsonError(400, parsed.error);

  const db = getDb();
  const text = getDocumentText(db, id.value);
  if (text === null) return unknownDocument(id.value);
  const anchored = await anchorInTurns(text, parsed.value.notes, noteImportLimits.anchorBudgetMs);
  const stored = countImportOrphans(db, id.value, importer.value.userId);
  if (stored + anchored.unplaced.length > noteImportLimits.orphansPerReader)
    return jsonError(
      409,
      `you keep ${stored} unplaced notes here; ${anchored.unplaced.length} more would pass the limit of ${noteImportLimits.orphansPerReader}: place or discard some first`,
    );

  const written = await writeImported(id.value, text, importer.value, anchored);
  if (!written.ok) return written.response;

  const orphans: NewImportOrphan[] = anchored.unplaced.map(({ note, reason, score }) => ({
    id: randomUUID(),
    index: note.index,
    quote: note.quote?.exact ?? '',
    prefix: note.quote?.prefix ?? null,
    suffix: note.quote?.suffix ?? null,
    comment: note.comment,
    tags: note.tags,
    author: note.author ?? null,
    reason,
    score: score === undefined ? null : Math.round(score * 1000) / 1000,
  }));
  insertImportOrphans(db, id.value, importer.value.userId, orphans);

  const { imported, refused: notValid, tagsLeftOut } = written.value;
  return Response.json({
    imported: imported.map(({ index, id: noteId, method, score }) => ({ index, id: noteId, method, score })),
    orphans: orphans.map((o) => ({
      id: o.id,
      index: o.index,
      quote: o.quote,
      reason: o.reason,
      note: o.comment,
      ...(o.score !== null ? { score: o.score } : {}),
    })),
    skipped: [...parsed.value.skipped, ...notValid].sort((a, b) => a.index - b.index),
    tagsLeftOut,
  });
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
