/**
 * `/api/documents/<id>/progress`: how far the signed-in reader has read, and their spoiler guard
 * (lib/annotations/reading-progress.ts, lib/annotations/blind.ts). `GET` → `{ furthest, spoilerGuard }`; `PUT`
 * `{ furthest?, setTo?, spoilerGuard? }` → the same after the change. Reading on moves the room's horizon for the
 * reader's open sockets at once (those holding notes that now show are told to take a fresh copy).
 */
import { getDb } from '../../../../../db/client.ts';
import { readingProgressOf, saveReadingProgress, textLengthFor } from '../../../../../db/queries/reading-progress.ts';
import { nextProgress, progressChangeSchema } from '../../../../../lib/annotations/reading-progress.ts';
import { setSpoilerHorizon } from '../../../../../lib/collab/live-rooms.ts';
import { documentCaller } from '../../../document-access.ts';
import { documentIdParam } from '../../../document-id.ts';
import { jsonError, methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';
import { crossOriginRefusal } from '../../../same-origin.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const noStore = { 'cache-control': 'no-store' };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const userId = caller.value.principal?.userId;
  if (!userId) return jsonError(401, 'sign in to keep your place and a spoiler guard');
  return Response.json(readingProgressOf(getDb(), userId, id.value), { headers: noStore });
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const id = await documentIdParam(params);
  if (!id.ok) return id.response;
  const caller = await documentCaller(request, id.value, 'read');
  if (!caller.ok) return caller.response;
  const userId = caller.value.principal?.userId;
  if (!userId) return jsonError(401, 'sign in to keep your place and a spoiler guard');
  const body = await readJsonBody(request, progressChangeSchema, 1024);
  if (!body.ok) return body.response;
  const db = getDb();
  const textLength = textLengthFor(db, id.value, body.value.furthest ?? 0);
  if (textLength === null) return unknownDocument(id.value);
  const before = readingProgressOf(db, userId, id.value);
  const after = nextProgress(before, body.value, textLength);
  saveReadingProgress(db, userId, id.value, after);
  // Sockets joined with the guard move their horizon; turning the guard on or off takes a new socket (the page joins again).
  if (after.spoilerGuard && before.spoilerGuard && after.furthest !== before.furthest) setSpoilerHorizon(id.value, userId, after.furthest);
  return Response.json(after, { headers: noStore });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PUT']);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
