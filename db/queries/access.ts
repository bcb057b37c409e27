/**
 * A caller's role on a document, read from the database: the document's visibility, group and owner, the caller's
 * membership of that group and whether they are the instance owner, put through the one rule of lib/access/roles.ts.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { documentRole, type CallerAccess, type DocumentAccess, type Role } from '../../lib/access/roles.ts';
import type { GlossaDb } from '../client.ts';
import { documents, groupMembers } from '../schema.ts';
import { instanceOwnerId } from './users.ts';

/** The access facts of a live (not deleted) document, or null for an unknown one; `deleted` too with the option. */
export function documentAccess(db: GlossaDb, documentId: string, options: { includeDeleted?: boolean } = {}): DocumentAccess | null {
  return (
    db
      .select({ visibility: documents.visibility, groupId: documents.groupId, ownerId: documents.ownerId })
      .from(documents)
      .where(options.includeDeleted ? eq(documents.id, documentId) : and(eq(documents.id, documentId), isNull(documents.deletedAt)))
      .get() ?? null
  );
}

/** The caller's role in a group, or null when not a member. */
export function groupRoleOf(db: GlossaDb, groupId: string, userId: string): Role | null {
  return (
    db
      .select({ role: groupMembers.role })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .get()?.role ?? null
  );
}

/** What the rule needs to know about a signed-in caller on `doc`. */
export function callerAccess(db: GlossaDb, doc: DocumentAccess, userId: string): CallerAccess {
  return {
    userId,
    instanceOwner: instanceOwnerId(db) === userId,
    groupRole: doc.groupId ? groupRoleOf(db, doc.groupId, userId) : null,
  };
}

/** The outcome of asking for a role: unknown document, no access, or the role. */
export type DocumentRoleResult = { found: false } | { found: true; role: Role | null; access: DocumentAccess };

/** The role of `userId` (null: not signed in) on `documentId`. */
export function roleOnDocument(
  db: GlossaDb,
  documentId: string,
  userId: string | null,
  options: { includeDeleted?: boolean } = {},
): DocumentRoleResult {
  const access = documentAccess(db, documentId, options);
  if (!access) return { found: false };
  return { found: true, access, role: documentRole(access, userId ? callerAccess(db, access, userId) : null) };
}
