/**
 * The library as one caller may see it: every live document they may read (lib/access/roles.ts), with their role
 * on it, so the page can group texts by reading group and offer only the actions the server would accept.
 */
import { eq } from 'drizzle-orm';
import { documentRole, type Role } from '../../lib/access/roles.ts';
import type { GlossaDb } from '../client.ts';
import { groupMembers } from '../schema.ts';
import { listDocuments, type DocumentSummary } from './documents.ts';
import { groupRoleOf } from './access.ts';
import { instanceOwnerId } from './users.ts';

/** A library entry with the caller's role on it. */
export interface LibraryEntry extends DocumentSummary {
  role: Role;
}

/** The caller's role in each group they belong to. */
export function membershipsOf(db: GlossaDb, userId: string): Map<string, Role> {
  const rows = db
    .select({ groupId: groupMembers.groupId, role: groupMembers.role })
    .from(groupMembers)
    .where(eq(groupMembers.userId, userId))
    .all();
  return new Map(rows.map((r) => [r.groupId, r.role]));
}

/** The documents `userId` (null: not signed in) may read, with their role on each. */
export function readableDocuments(db: GlossaDb, userId: string | null): LibraryEntry[] {
  const memberships = userId ? membershipsOf(db, userId) : new Map<string, Role>();
  const instanceOwner = userId !== null && instanceOwnerId(db) === userId;
  const entries: LibraryEntry[] = [];
  for (const doc of listDocuments(db)) {
    const role = documentRole(
      doc,
      userId ? { userId, instanceOwner, groupRole: doc.groupId ? (memberships.get(doc.groupId) ?? null) : null } : null,
    );
    if (role) entries.push({ ...doc, role });
  }
  return entries;
}

/** Whether `userId` may put documents into `groupId`: its owner and facilitators may. */
export function mayFileIntoGroup(db: GlossaDb, groupId: string, userId: string): boolean {
  const role = groupRoleOf(db, groupId, userId);
  return role === 'owner' || role === 'facilitator';
}
