/**
 * `/api/documents/<id>/blind-mode`: whether the room starts blind (lib/annotations/blind.ts). `GET` (anyone who may
 * read it) `{ mode }`; `PUT` (a facilitator or the owner) `{ mode: 'off' | 'passage' | 'chapter' }` sets it and
 * closes the room's sockets (4509) so every reader joins again under the new rule.
 */
import { z } from 'zod';
import { getDb } from '../../../../../db/client.ts';
import { blindModeOf, setBlindMode } from '../../../../../db/queries/blind-mode.ts';
import { blindModes } from '../../../../../lib/annotations/blind.ts';
import { reopenDocumentRooms } from '../../../../../lib/collab/live-rooms.ts';
import { documentRequest } from '../../../document-request.ts';
import { methodNotAllowed, unknownDocument } from '../../../http-errors.ts';
import { readJsonBody } from '../../../read-body.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const blindModeBody = z.object({ mode: z.enum(blindModes) }).strict();

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read');
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  return Response.json({ mode: blindModeOf(getDb(), id) });
}

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'moderate', { write: true });
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  const body = await readJsonBody(request, blindModeBody, 1024);
  if (!body.ok) return body.response;
  const db = getDb();
  const before = blindModeOf(db, id);
  if (!setBlindMode(db, id, body.value.mode)) return unknownDocument(id);
  // Sockets hold the rule they joined with: they join again (a reader whose copy holds placeholders gets a new one).
  if (before !== body.value.mode) await reopenDocumentRooms(id);
  return Response.json({ mode: body.value.mode });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'PUT']);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
