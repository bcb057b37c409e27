/**
 * `POST /api/documents/<id>/orphans/<orphanId>/place` `{ start, end }`: the importer places an unplaced note on the
 * passage `[start, end)` of the text (UTF-16 offsets, as the reader's selection gives them). It becomes their note
 * there, written through the live room and validated like any note, and the orphan is gone → `{ id }` (the new
 * note's id). 400 for a range that is not a passage of the text.
 */
import { z } from 'zod';
import { getDb } from '../../../../../../../db/client.ts';
import { getDocumentText } from '../../../../../../../db/queries/documents.ts';
import { deleteImportOrphan, insertImportOrphans } from '../../../../../../../db/queries/import-orphans.ts';
import { isRangeWithin } from '../../../../../../../lib/anchoring/text-range.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../../../http-errors.ts';
import { writeImported } from '../../../../../import-notes.ts';
import { readJsonBody } from '../../../../../read-body.ts';
import { orphanTarget } from '../orphan-target.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; orphanId: string }> };

const bodySchema = z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().positive() });

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const target = await orphanTarget(request, params);
  if (!target.ok) return target.response;
  const body = await readJsonBody(request, bodySchema, 4096);
  if (!body.ok) return body.response;
  const { documentId, importer, orphan } = target.value;
  const db = getDb();
  const text = getDocumentText(db, documentId);
  if (text === null) return unknownDocument(documentId);
  const range = body.value;
  // An end inside a surrogate pair would store half an emoji (UTF-8 turns it into U+FFFD).
  const splits = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) && /[\uD800-\uDBFF]/.test(text[i - 1]);
  if (
    range.end <= range.start ||
    !isRangeWithin(range, text.length) ||
    splits(range.start) ||
    splits(range.end) ||
    !text.slice(range.start, range.end).trim()
  )
    return jsonError(400, `[${range.start}, ${range.end}) is not a passage of this text (${text.length} characters)`);

  const note = {
    index: orphan.index,
    comment: orphan.comment,
    tags: orphan.tags,
    ...(orphan.author ? { author: orphan.author } : {}),
  };
  // Taken out first, so that two clicks on Place here cannot make two notes; put back if the room refuses.
  if (!deleteImportOrphan(db, documentId, importer.userId, orphan.id)) return jsonError(404, 'already placed or discarded');
  const written = await writeImported(documentId, text, importer, {
    placed: [{ note, range, method: 'position', score: 1 }],
    unplaced: [],
    replies: [],
  });
  const [placed] = written.ok ? written.value.imported : [];
  if (!placed) {
    const { createdAt, ...kept } = orphan;
    insertImportOrphans(db, documentId, importer.userId, [kept], new Date(createdAt));
    if (!written.ok) return written.response;
    return jsonError(422, written.value.refused[0]?.reason ?? 'the note could not be placed');
  }
  return Response.json({ id: placed.id });
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
