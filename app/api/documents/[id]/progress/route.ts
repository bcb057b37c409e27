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
import { documentRequest } from '../../../document-request.ts';
import { methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const noStore = { 'cache-control': 'no-store' };
const signedIn = 'sign in to keep your place and a spoiler guard';

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read', { signedIn });
  if (!opened.ok) return opened.response;
  const { id, principal } = opened.value;
  return Response.json(readingProgressOf(getDb(), principal.userId, id), { headers: noStore });
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read', { write: true, signedIn });
  if (!opened.ok) return opened.response;
  const { id, principal } = opened.value;
  const userId = principal.userId;
  const body = await readJsonBody(request, progressChangeSchema, 1024);
  if (!body.ok) return body.response;
  const db = getDb();
  const textLength = textLengthFor(db, id, body.value.furthest ?? 0);
  if (textLength === null) return unknownDocument(id);
  const before = readingProgressOf(db, userId, id);
  const after = nextProgress(before, body.value, textLength);
  saveReadingProgress(db, userId, id, after);
  // Sockets joined with the guard move their horizon; turning the guard on or off takes a new socket (the page joins again).
  if (after.spoilerGuard && before.spoilerGuard && after.furthest !== before.furthest) setSpoilerHorizon(id, userId, after.furthest);
  return Response.json(after, { headers: noStore });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PUT']);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
