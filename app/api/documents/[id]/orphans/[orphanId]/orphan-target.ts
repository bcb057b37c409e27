/** The orphan a `/api/documents/<id>/orphans/<orphanId>` request names, for its importer, or the refusal. */
import { z } from 'zod';
import { getDb } from '../../../../../../db/client.ts';
import { getImportOrphan, type ImportOrphan } from '../../../../../../db/queries/import-orphans.ts';
import type { Creator } from '../../../../../../lib/annotations/schema.ts';
import { documentCaller } from '../../../../document-access.ts';
import { documentIdParam } from '../../../../document-id.ts';
import { type Checked, jsonError } from '../../../../http-errors.ts';
import { importerOf } from '../../../../import-notes.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';

const orphanIdSchema = z.string().regex(/^[0-9a-f-]{36}$/);

/** The document, the importer and their orphan. */
export async function orphanTarget(
  request: Request,
  params: Promise<{ id: string; orphanId: string }>,
): Promise<Checked<{ documentId: string; importer: Creator & { userId: string }; orphan: ImportOrphan }>> {
  const refused = crossOriginRefusal(request);
  if (refused) return { ok: false, response: refused };
  const { orphanId } = await params;
  const id = await documentIdParam(params.then((p) => ({ id: p.id })));
  if (!id.ok) return id;
  const caller = await documentCaller(request, id.value, 'annotate');
  if (!caller.ok) return caller;
  const importer = importerOf(caller.value);
  if (!importer.ok) return importer;
  const parsed = orphanIdSchema.safeParse(orphanId);
  if (!parsed.success) return { ok: false, response: jsonError(400, 'not an orphan id') };
  const orphan = getImportOrphan(getDb(), id.value, importer.value.userId, parsed.data);
  if (!orphan) return { ok: false, response: jsonError(404, `no unplaced note ${parsed.data} of yours here`) };
  return { ok: true, value: { documentId: id.value, importer: importer.value, orphan } };
}
