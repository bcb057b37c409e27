/**
 * Reading groups written straight into a test server's database, for tests of roles on the socket and over HTTP
 * that should not depend on the groups API (which has tests of its own): a group, its members with their roles,
 * and a document's visibility and group. Readers must already be accounts (the account fixture makes them).
 */
import Database from 'better-sqlite3';
import type { Role, Visibility } from '../../lib/access/roles.ts';
import { tokenForReader } from './account-fixture.ts';
import { createDocument } from './hostile.ts';
import type { TestServer } from './test-server.ts';

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

/** What {@link groupText} makes: a group, its owner and members (test readers), and how the text is shared. */
export interface GroupTextOptions {
  title: string;
  groupId: string;
  groupName: string;
  owner: { id: string; name: string };
  members: Array<{ reader: { id: string; name: string }; role: Role }>;
  visibility: Visibility;
}

/**
 * A text of its own on the test server (`text` imported as `title`), filed into a new group whose owner and members
 * are signed-in test readers (accounts with tokens, see account-fixture.ts); returns the document's id. Accounts are
 * made owner first: on a fresh server the first account runs the instance and owns texts imported without one.
 */
export async function groupText(server: TestServer, text: string, options: GroupTextOptions): Promise<string> {
  for (const reader of [options.owner, ...options.members.map((m) => m.reader)]) tokenForReader(server.current.wsUrl, reader);
  const documentId = await createDocument(server.current.url, options.title, text);
  writeGroup(server.dbPath, {
    groupId: options.groupId,
    name: options.groupName,
    ownerId: options.owner.id,
    members: options.members.map((m) => ({ userId: m.reader.id, role: m.role })),
  });
  setDocumentAccess(server.dbPath, documentId, options.visibility, options.groupId);
  return documentId;
}

/** Sets a room's blind mode over HTTP as `reader` (a facilitator or the owner); the response, for its status. */
export function putBlindMode(
  server: TestServer,
  documentId: string,
  reader: { id: string; name: string } | null,
  mode: string,
): Promise<Response> {
  const token = reader ? tokenForReader(server.current.wsUrl, reader) : null;
  return fetch(`${server.current.url}/api/documents/${documentId}/blind-mode`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ mode }),
  });
}
