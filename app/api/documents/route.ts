/**
 * `GET /api/documents`: the library. `POST /api/documents`: import a text — JSON `{ title?, text }`, a multipart
 * form with a `file` (and an optional `title`), or a raw body whose content type (or `?filename=`) says its format:
 * plain text, Markdown, HTML or EPUB. Every body is read within the cap as it arrives, multipart included. The
 * answer is 201 `{ id }`, plus `duplicateOf: [{ id, title }]` when the library already held the same canonical text
 * (the import still happens: a club may want a second copy; the reader is told so it can choose).
 */
import { getDb } from '../../../db/client.ts';
import { resolvePrincipal } from '../../../db/principal.ts';
import { findDuplicateDocuments } from '../../../db/queries/documents.ts';
import { roleOnDocument } from '../../../db/queries/access.ts';
import { mayFileIntoGroup, readableDocuments } from '../../../db/queries/library.ts';
import { visibilitySchema } from '../../../lib/access/roles.ts';
import { documentIdPattern } from '../../../lib/limits.ts';
import { importDocument, importDocumentFile, importRequestSchema, maxImportBytes } from '../../../db/queries/import-document.ts';
import type { ImportFileInput } from '../../../lib/import/index.ts';
import { clipTitle } from '../../../lib/text/clip-title.ts';
import { TextImportError, type TextImportErrorCode } from '../../../lib/text/import-text.ts';
import { jsonError, methodNotAllowed, type Checked } from '../http-errors.ts';
import { readBodyBytes, readJsonBody } from '../read-body.ts';
import { crossOriginRefusal } from '../same-origin.ts';

export const dynamic = 'force-dynamic';

/** The texts the caller may read (a group's texts only for its members), each with the caller's `role`. */
export async function GET(request: Request): Promise<Response> {
  const principal = await resolvePrincipal(request.headers);
  if (principal && 'error' in principal) return jsonError(401, principal.error);
  return Response.json(readableDocuments(getDb(), principal?.userId ?? null));
}

/** What to import: a JSON request, or a file with an optional title. */
type ImportBody = { kind: 'json'; text: string; title?: string } | { kind: 'file'; file: ImportFileInput; title?: string };

/** The file of a multipart form: parsed from the bytes already read within the cap, never from the open stream. */
async function readMultipart(request: Request, bytes: Uint8Array): Promise<Checked<ImportBody>> {
  let form: FormData;
  try {
    form = await new Request(request.url, {
      method: 'POST',
      headers: { 'content-type': request.headers.get('content-type')! },
      body: bytes as Uint8Array<ArrayBuffer>,
    }).formData();
  } catch {
    return { ok: false, response: jsonError(400, 'the multipart body could not be parsed') };
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) return { ok: false, response: jsonError(400, 'the form has no file: send it as the field "file"') };
  const title = form.get('title');
  return {
    ok: true,
    value: {
      kind: 'file',
      file: {
        bytes: new Uint8Array(await file.arrayBuffer()),
        contentType: file.type || undefined,
        filename: file instanceof File ? file.name : undefined,
      },
      title: typeof title === 'string' ? clipTitle(title) || undefined : undefined,
    },
  };
}

async function readImportBody(request: Request): Promise<Checked<ImportBody>> {
  const type = request.headers.get('content-type') ?? '';
  const params = new URL(request.url).searchParams;
  if (type.startsWith('application/json')) {
    const json = await readJsonBody(request, importRequestSchema, maxImportBytes);
    return json.ok ? { ok: true, value: { kind: 'json', ...json.value } } : json;
  }
  const bytes = await readBodyBytes(request, maxImportBytes);
  if (!bytes.ok) return bytes;
  if (type.startsWith('multipart/form-data')) return readMultipart(request, bytes.value);
  if (bytes.value.byteLength === 0) return { ok: false, response: jsonError(400, 'the request body is empty') };
  return {
    ok: true,
    value: {
      kind: 'file',
      file: { bytes: bytes.value, contentType: type || undefined, filename: params.get('filename') ?? undefined },
      title: clipTitle(params.get('title') ?? '') || undefined,
    },
  };
}

/** The status for a refused file: too big to unpack 413, a format Glossa does not import 415, anything else 422. */
function importErrorStatus(code: TextImportErrorCode): number {
  if (code === 'too-large') return 413;
  if (code === 'unsupported') return 415;
  return 422;
}

/**
 * Where an import goes (`?group=<id>&visibility=open|public-read|group`): a group's owner or facilitator may file
 * it into the group (group-only by default there); without a group it is open.
 */
function importAccess(
  request: Request,
  userId: string | null,
): Checked<{ groupId: string | null; visibility: 'open' | 'public-read' | 'group' }> {
  const params = new URL(request.url).searchParams;
  const groupId = params.get('group');
  const visibility = visibilitySchema.safeParse(params.get('visibility') ?? (groupId ? 'group' : 'open'));
  if (!visibility.success) return { ok: false, response: jsonError(400, 'visibility is open, public-read or group') };
  if (groupId === null) {
    if (visibility.data === 'group') return { ok: false, response: jsonError(400, 'a group-only text needs a group: give ?group=') };
    return { ok: true, value: { groupId: null, visibility: visibility.data } };
  }
  if (!documentIdPattern.test(groupId)) return { ok: false, response: jsonError(400, 'not a group id') };
  if (!userId) return { ok: false, response: jsonError(401, 'sign in to add a text to a group') };
  if (!mayFileIntoGroup(getDb(), groupId, userId))
    return { ok: false, response: jsonError(403, 'only the owner or a facilitator of a group can add texts to it') };
  return { ok: true, value: { groupId, visibility: visibility.data } };
}

export async function POST(request: Request): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const principal = await resolvePrincipal(request.headers);
  if (principal && 'error' in principal) return jsonError(401, principal.error);
  const userId = principal?.userId ?? null;
  const access = importAccess(request, userId);
  if (!access.ok) return access.response;
  const body = await readImportBody(request);
  if (!body.ok) return body.response;
  try {
    const db = getDb();
    // The importer owns the text; an import without an account is open and owned by the instance owner.
    const owner = { ownerId: userId, ...access.value };
    const id =
      body.value.kind === 'json' ? importDocument(db, body.value, owner) : importDocumentFile(db, body.value.file, body.value.title, owner);
    // Only texts the caller may read are named: a group's text stays unknown to outsiders.
    const duplicateOf = findDuplicateDocuments(db, id).filter((d) => {
      const found = roleOnDocument(db, d.id, userId);
      return found.found && found.role !== null;
    });
    return Response.json(duplicateOf.length ? { id, duplicateOf } : { id }, { status: 201, headers: { location: `/d/${id}` } });
  } catch (err) {
    if (err instanceof TextImportError) return jsonError(importErrorStatus(err.code), err.message);
    throw err;
  }
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
