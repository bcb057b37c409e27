/**
 * Reading groups written straight into a test server's database, for tests of roles on the socket and over HTTP
 * that should not depend on the groups API (which has tests of its own): a group, its members with their roles,
 * and a document's visibility and group. Readers must already be accounts (the account fixture makes them).
 */
import Database from 'better-sqlite3';
import type { Role, Visibility } from '../../lib/access/roles.ts';

export interface GroupFixture {
  groupId: string;
  name: string;
  ownerId: string;
  members: Array<{ userId: string; role: Role }>;
}

/** Creates the group with its owner and members (replacing any earlier fixture of the same id). */
export function writeGroup(dbPath: string, group: GroupFixture): void {
  const db = new Database(dbPath, { timeout: 10_000 });
  try {
    const now = Date.now();
    db.transaction(() => {
      db.prepare('DELETE FROM groups WHERE id = ?').run(group.groupId);
      db.prepare('INSERT INTO groups (id, name, owner_id, created_at) VALUES (?, ?, ?, ?)').run(
        group.groupId,
        group.name,
        group.ownerId,
        now,
      );
      const member = db.prepare('INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)');
      member.run(group.groupId, group.ownerId, 'owner', now);
      for (const m of group.members) member.run(group.groupId, m.userId, m.role, now);
    })();
  } finally {
    db.close();
  }
}

/** Sets a document's visibility and group. */
export function setDocumentAccess(dbPath: string, documentId: string, visibility: Visibility, groupId: string | null): void {
  const db = new Database(dbPath, { timeout: 10_000 });
  try {
    db.prepare('UPDATE documents SET visibility = ?, group_id = ? WHERE id = ?').run(visibility, groupId, documentId);
  } finally {
    db.close();
  }
}
