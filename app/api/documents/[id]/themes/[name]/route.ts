/**
 * `/api/documents/<id>/themes/<name>`: a facilitator's changes of a theme that reach every note carrying it, made by
 * the server in the document's room (one durable change every reader receives at once, whoever wrote the notes).
 * - `POST { action: 'merge', into }`: the theme's notes carry `into` instead, and the theme goes →
 *   `{ merged: <notes changed> }`.
 * - `DELETE`: the theme is taken off every note and deleted → `{ name, tag, notes: [ids] }` (what an undo needs).
 * - `POST { action: 'restore', tag: { label, color, description? }, notes: [ids] }`: the undo of a delete.
 * Facilitators and owners only (403); 404 for an unknown document or theme.
 */
import { z } from 'zod';
import { tagSchema, type Tag } from '../../../../../../lib/annotations/schema.ts';
import { changeRoom } from '../../../../../../lib/collab/live-rooms.ts';
import { annotationLimits } from '../../../../../../lib/limits.ts';
import { tagNameOf } from '../../../../../../lib/tags/tag-name.ts';
import { reparent, restoreTag, retag } from '../../../../../../lib/tags/vocabulary.ts';
import { documentCaller } from '../../../../document-access.ts';
import { documentIdParam } from '../../../../document-id.ts';
import { type Checked, jsonError, methodNotAllowed } from '../../../../http-errors.ts';
import { readJsonBody } from '../../../../read-body.ts';
import { crossOriginRefusal } from '../../../../same-origin.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; name: string }> };

const themeName = z
  .string()
  .min(1)
  .max(annotationLimits.tagLength)
  .refine((name) => tagNameOf(name) === name, 'a theme name is trimmed lower case');

const bodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('merge'), into: themeName }),
  z.strictObject({
    action: z.literal('restore'),
    tag: tagSchema,
    notes: z.array(z.string().min(1).max(annotationLimits.idLength)).max(50_000),
  }),
]);

/** The document and theme of the request, for a caller who may moderate the document. */
async function target(request: Request, params: Params['params']): Promise<Checked<{ documentId: string; name: string }>> {
  const refused = crossOriginRefusal(request);
  if (refused) return { ok: false, response: refused };
  const id = await documentIdParam(params.then((p) => ({ id: p.id })));
  if (!id.ok) return id;
  const caller = await documentCaller(request, id.value, 'moderate');
  if (!caller.ok) return caller;
  let raw: string;
  try {
    raw = decodeURIComponent((await params).name);
  } catch {
    return { ok: false, response: jsonError(400, 'not a theme name') };
  }
  const name = themeName.safeParse(raw);
  if (!name.success) return { ok: false, response: jsonError(400, name.error.issues[0]?.message ?? 'not a theme name') };
  return { ok: true, value: { documentId: id.value, name: name.data } };
}

/** The answer when the room could not be changed (unknown document, saving impossible). */
function roomFailure(err: unknown): Response {
  return jsonError(503, `the change could not be saved: ${String((err as Error)?.message ?? err)}`);
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const theme = await target(request, params);
  if (!theme.ok) return theme.response;
  const body = await readJsonBody(request, bodySchema, 2 * 1024 * 1024);
  if (!body.ok) return body.response;
  const { documentId, name } = theme.value;
  const action = body.value;
  try {
    if (action.action === 'merge') {
      if (action.into === name) return jsonError(400, 'a theme cannot be merged into itself');
      const outcome = await changeRoom(documentId, ({ annotations, tags }) => {
        if (!tags.has(name) || !tags.has(action.into)) return { plan: noPlan, result: null };
        const changed = retag(annotations.values(), name, action.into);
        const upsertTags = reparent(tags, name, action.into);
        return { plan: { upsertAnnotations: changed, upsertTags, deleteTags: [name] }, result: { merged: changed.length } };
      });
      return outcome ? Response.json(outcome) : jsonError(404, `no theme ${name} or ${action.into} in this room`);
    }
    const restored = await changeRoom(documentId, ({ annotations, tags }) => {
      const changed = restoreTag(annotations, action.notes, name, annotationLimits.tagsPerAnnotation);
      const upsertTags = tags.has(name) ? [] : [{ name, ...action.tag }];
      return { plan: { upsertAnnotations: changed, upsertTags, deleteTags: [] }, result: { restored: changed.length } };
    });
    return restored ? Response.json(restored) : jsonError(404, `unknown document: ${documentId}`);
  } catch (err) {
    return roomFailure(err);
  }
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const theme = await target(request, params);
  if (!theme.ok) return theme.response;
  const { documentId, name } = theme.value;
  try {
    const outcome = await changeRoom(documentId, ({ annotations, tags }) => {
      const tag: Tag | undefined = tags.get(name);
      if (!tag) return { plan: noPlan, result: null };
      const changed = retag(annotations.values(), name, null);
      return {
        plan: { upsertAnnotations: changed, upsertTags: reparent(tags, name, null), deleteTags: [name] },
        result: { name, tag, notes: changed.map((a) => a.id) },
      };
    });
    return outcome ? Response.json(outcome) : jsonError(404, `no theme ${name} in this room`);
  } catch (err) {
    return roomFailure(err);
  }
}

const noPlan = { upsertAnnotations: [], upsertTags: [], deleteTags: [] };

const notAllowed = methodNotAllowed(['POST', 'DELETE']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH };
