/** `DELETE /api/tokens/<id>` (signed in): revokes one of your tokens at once; sockets using it are closed. */
import { revokeAccessToken } from '../../../../db/access-tokens.ts';
import { getDb } from '../../../../db/client.ts';
import { closeSignedInSockets } from '../../../../lib/collab/live-rooms.ts';
import { jsonError, methodNotAllowed } from '../../http-errors.ts';
import { crossOriginRefusal } from '../../same-origin.ts';
import { sessionPrincipal } from '../signed-in.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const principal = await sessionPrincipal(request);
  if (!principal.ok) return principal.response;
  const { id } = await params;
  if (!revokeAccessToken(getDb(), principal.value.userId, id)) return jsonError(404, `no such token: ${id}`);
  closeSignedInSockets({ tokenId: id });
  return new Response(null, { status: 204 });
}

export const GET = methodNotAllowed(['DELETE']);
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
