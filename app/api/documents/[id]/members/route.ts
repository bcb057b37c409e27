/**
 * `GET /api/documents/<id>/members?q=` (signed in, and allowed to read the document): who may be mentioned there —
 * the group's members for a group's text, else its owner and the readers who have written on it or shown themselves in its room
 * (db/queries/inbox.ts `mentionableMembers`) — as `{ members: [{ id, name }] }`, those whose name or a later word of
 * it starts with `q` first (lib/mentions/autocomplete.ts), at most `limit` (1–500, default 20; the reader asks for
 * them all once and ranks as the reader types). Never e-mails. 401 without an account, 403
 * without read access, 404 for an unknown document, 400 for a `q` over 80 characters or a bad `limit`.
 */
import { getDb } from '../../../../../db/client.ts';
import { mentionableMembers } from '../../../../../db/queries/inbox.ts';
import { inboxLimits } from '../../../../../lib/limits.ts';
import { rankCandidates } from '../../../../../lib/mentions/autocomplete.ts';
import { documentRequest } from '../../../document-request.ts';
import { jsonError, methodNotAllowed } from '../../../http-errors.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const opened = await documentRequest(request, params, 'read', { signedIn: 'sign in to mention readers' });
  if (!opened.ok) return opened.response;
  const { id } = opened.value;
  const q = new URL(request.url).searchParams.get('q') ?? '';
  if (q.length > inboxLimits.queryLength) return jsonError(400, `q: at most ${inboxLimits.queryLength} characters`);
  const limit = Number(new URL(request.url).searchParams.get('limit') ?? inboxLimits.members);
  if (!Number.isInteger(limit) || limit < 1 || limit > inboxLimits.membersMax)
    return jsonError(400, `limit: a whole number from 1 to ${inboxLimits.membersMax}`);
  const members = rankCandidates(q, mentionableMembers(getDb(), id), { limit });
  return Response.json(
    { members: members.map((m) => ({ id: m.id, name: m.name })) },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}

const notAllowed = methodNotAllowed(['GET', 'HEAD']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
