/**
 * The opening every `/api/documents/<id>/…` handler shares, in one place so no route forgets a step: a write from
 * another site is refused (403, lib/http/same-origin.ts); the id must be a document id (400); the caller's role must
 * allow what the route needs (401/403/404, document-access.ts); and a route that is about the caller (their progress,
 * their mentions) or acts in their name (a spotlight, a meeting) refuses a caller without an account with its own
 * reason (401).
 */
import type { Principal } from '../../db/principal.ts';
import type { Capability } from '../../lib/access/roles.ts';
import { type DocumentCaller, documentCaller } from './document-access.ts';
import { documentIdParam } from './document-id.ts';
import { type Checked, jsonError } from './http-errors.ts';
import { crossOriginRefusal } from './same-origin.ts';

export interface DocumentRequest {
  id: string;
  caller: DocumentCaller;
}

export interface SignedInDocumentRequest extends DocumentRequest {
  principal: Principal;
}

export interface DocumentRequestOptions {
  /** The request changes something: another site's request is refused before anything is read. */
  write?: boolean;
}

/** The document and caller of `request`, or the refusal. */
export async function documentRequest(
  request: Request,
  params: Promise<{ id: string }>,
  need: Capability,
  options?: DocumentRequestOptions,
): Promise<Checked<DocumentRequest>>;
/** As above, for a route that needs an account: `signedIn` is why (the 401's reason, "sign in to …"). */
export async function documentRequest(
  request: Request,
  params: Promise<{ id: string }>,
  need: Capability,
  options: DocumentRequestOptions & { signedIn: string },
): Promise<Checked<SignedInDocumentRequest>>;
export async function documentRequest(
  request: Request,
  params: Promise<{ id: string }>,
  need: Capability,
  options: DocumentRequestOptions & { signedIn?: string } = {},
): Promise<Checked<DocumentRequest | SignedInDocumentRequest>> {
  if (options.write) {
    const refused = crossOriginRefusal(request);
    if (refused) return { ok: false, response: refused };
  }
  const id = await documentIdParam(params);
  if (!id.ok) return id;
  const caller = await documentCaller(request, id.value, need);
  if (!caller.ok) return caller;
  if (options.signedIn === undefined) return { ok: true, value: { id: id.value, caller: caller.value } };
  const principal = caller.value.principal;
  if (!principal) return { ok: false, response: jsonError(401, options.signedIn) };
  return { ok: true, value: { id: id.value, caller: caller.value, principal } };
}
