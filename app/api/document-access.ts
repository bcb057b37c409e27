/**
 * The access check of every `/api/documents/<id>/…` route: who the caller is (cookie, token or no one), their role
 * on the document by the one rule of lib/access/roles.ts (the live rooms ask the same), and the refusal when the
 * role lacks what the route needs: 401 for a caller who is not signed in, 403 for one whose role is too weak, 404
 * for an unknown document.
 */
import { getDb } from '../../db/client.ts';
import { type Principal, resolvePrincipal } from '../../db/principal.ts';
import { roleOnDocument } from '../../db/queries/access.ts';
import { can, type Capability, type DocumentAccess, type Role } from '../../lib/access/roles.ts';
import { type Checked, jsonError, unknownDocument } from './http-errors.ts';

/** A caller allowed what the route needs. */
export interface DocumentCaller {
  principal: Principal | null;
  role: Role;
  access: DocumentAccess;
}

const needs: Record<Capability, string> = {
  read: 'read this document',
  annotate: 'write notes on this document',
  moderate: 'moderate this document',
  manage: 'manage this document (only its owner may)',
};

/** The caller of `request` on document `id` if their role allows `need`, else the refusal. */
export async function documentCaller(
  request: Request,
  id: string,
  need: Capability,
  options: { includeDeleted?: boolean } = {},
): Promise<Checked<DocumentCaller>> {
  const principal = await resolvePrincipal(request.headers);
  if (principal && 'error' in principal) return { ok: false, response: jsonError(401, principal.error) };
  const found = roleOnDocument(getDb(), id, principal?.userId ?? null, options);
  if (!found.found) return { ok: false, response: unknownDocument(id) };
  if (!can(found.role, need)) {
    if (!principal) return { ok: false, response: jsonError(401, `sign in to ${needs[need]}`) };
    return { ok: false, response: jsonError(403, `your role (${found.role ?? 'none'}) does not allow you to ${needs[need]}`) };
  }
  return { ok: true, value: { principal, role: found.role as Role, access: found.access } };
}
