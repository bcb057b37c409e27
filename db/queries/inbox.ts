/**
 * The queries of a reader's inbox (issue 11): who may be mentioned on a document, the stored notes and replies that
 * may mention a reader or answer their notes, and which inbox items they have read. The inbox is derived from the
 * annotation rows, never copied: an edited or deleted note changes it at once. Candidates are found through indexes
 * — a name's words through the notes' full-text index (migration 0009), replies through `annotations_parent_idx` —
 * and then judged in code (lib/mentions) and by the visibility rules (app/api/inbox/inbox-items.ts).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { type DocumentAccess, documentRole, type Role } from '../../lib/access/roles.ts';
import type { GlossaDb } from '../client.ts';
import { documents, groupMembers, inboxReads, users } from '../schema.ts';
import { membersOf } from './groups.ts';
import { instanceOwnerId } from './users.ts';

/** Someone who may be mentioned on a document. */
export interface MentionableMember {
  id: string;
  name: string;
}

/** At most this many people are read as a document's mentionable members (a group's size is capped well below). */
export const mentionableCap = 1000;

/** What decides who may be mentioned on a live document: its group and its owner; null for an unknown one. */
function mentionScopeOf(db: GlossaDb, documentId: string): { groupId: string | null; ownerId: string | null } | null {
  return (
    db
      .select({ groupId: documents.groupId, ownerId: documents.ownerId })
      .from(documents)
      .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
      .get() ?? null
  );
}

/**
 * Who may be mentioned on a document: its group's members for a group's text; else the readers with an account who
 * have written on it or shown themselves in its room with the right to write (a `reading_progress` row), and its owner (the instance owner for texts from
 * before accounts). Current names, never e-mails; at most {@link mentionableCap}.
 */
export function mentionableMembers(db: GlossaDb, documentId: string): MentionableMember[] {
  const doc = mentionScopeOf(db, documentId);
  if (!doc) return [];
  if (doc.groupId)
    return membersOf(db, doc.groupId)
      .slice(0, mentionableCap)
      .map((m) => ({ id: m.id, name: m.name }));
  const writers = db.$client
    .prepare(
      `SELECT u.id AS id, u.name AS name FROM users AS u
        WHERE u.id IN (SELECT a.creator_id FROM annotations AS a WHERE a.document_id = ?)
           OR u.id IN (SELECT r.user_id FROM reading_progress AS r WHERE r.document_id = ?)
        ORDER BY u.name, u.id LIMIT ?`,
    )
    .all(documentId, documentId, mentionableCap) as MentionableMember[];
  const ownerId = doc.ownerId ?? instanceOwnerId(db);
  if (ownerId && !writers.some((w) => w.id === ownerId)) {
    const owner = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, ownerId)).get();
    if (owner) writers.unshift(owner);
  }
  return writers;
}

/**
 * Which of `userIds` may be mentioned on the document ({@link mentionableMembers}'s rule), with their names — without
 * listing everyone: the inbox asks only about the reader and the people whose names begin with theirs (the only
 * names that can take an `@` that names the reader, by being longer). A writer or reader is found by one row of theirs.
 */
export function mentionableAmong(db: GlossaDb, documentId: string, userIds: readonly string[]): MentionableMember[] {
  if (userIds.length === 0) return [];
  const doc = mentionScopeOf(db, documentId);
  if (!doc) return [];
  const ids = JSON.stringify(userIds);
  if (doc.groupId)
    return db.$client
      .prepare(
        `SELECT u.id AS id, u.name AS name FROM group_members AS m JOIN users AS u ON u.id = m.user_id
          WHERE m.group_id = ? AND m.user_id IN (SELECT value FROM json_each(?))`,
      )
      .all(doc.groupId, ids) as MentionableMember[];
  const ownerId = doc.ownerId ?? instanceOwnerId(db);
  const wrote = db.$client.prepare(
    `SELECT 1 FROM annotations WHERE document_id = ? AND creator_id = ?
      UNION ALL SELECT 1 FROM reading_progress WHERE document_id = ? AND user_id = ? LIMIT 1`,
  );
  return (
    db.$client.prepare('SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?))').all(ids) as MentionableMember[]
  ).filter((u) => u.id === ownerId || wrote.get(documentId, u.id, documentId, u.id) !== undefined);
}

/** Every account's id and current name (for the inbox: whose names begin with the reader's). */
export function accountNames(db: GlossaDb): MentionableMember[] {
  return db.select({ id: users.id, name: users.name }).from(users).all();
}

/** A live document a reader may read, with their role and its title. */
export interface ReadableDocument {
  id: string;
  title: string;
  role: Role;
  access: DocumentAccess;
}

/** Every live document `userId` may read (one pass over the documents' access columns, no counts). */
export function documentsReadableBy(db: GlossaDb, userId: string): ReadableDocument[] {
  const memberships = new Map(
    db
      .select({ groupId: groupMembers.groupId, role: groupMembers.role })
      .from(groupMembers)
      .where(eq(groupMembers.userId, userId))
      .all()
      .map((r) => [r.groupId, r.role]),
  );
  const instanceOwner = instanceOwnerId(db) === userId;
  const out: ReadableDocument[] = [];
  for (const doc of db
    .select({
      id: documents.id,
      title: documents.title,
      visibility: documents.visibility,
      groupId: documents.groupId,
      ownerId: documents.ownerId,
    })
    .from(documents)
    .where(isNull(documents.deletedAt))
    .all()) {
    const role = documentRole(doc, { userId, instanceOwner, groupRole: doc.groupId ? (memberships.get(doc.groupId) ?? null) : null });
    if (role)
      out.push({ id: doc.id, title: doc.title, role, access: { visibility: doc.visibility, groupId: doc.groupId, ownerId: doc.ownerId } });
  }
  return out;
}

/** A stored note or reply that may belong in an inbox, as its row holds it (`json` parsed by the caller). */
export interface InboxCandidateRow {
  documentId: string;
  id: string;
  parentId: string | null;
  creatorId: string;
  creatorName: string;
  created: string;
  json: string;
}

const columns = `a.document_id AS documentId, a.id AS id, a.parent_id AS parentId, a.creator_id AS creatorId,
  a.creator_name AS creatorName, a.created AS created, a.json AS json`;

/** A note a facilitator hid or removed is never in an inbox. */
const unmoderated = `json_extract(a.json, '$.moderation') IS NULL`;

/**
 * Notes and replies by others in `documentIds` whose comment holds the words of a name in a row (the full-text
 * index: case and accents ignored, punctuation between words too), not hidden or removed, newest first, at most
 * `limit`. A superset of the
 * mentions of that name: the caller checks each with lib/mentions.
 */
export function notesNamingWords(
  db: GlossaDb,
  options: { words: readonly string[]; excludeCreator: string; documentIds: readonly string[]; limit: number },
): InboxCandidateRow[] {
  if (options.words.length === 0 || options.documentIds.length === 0) return [];
  // Each word quoted: a name is never FTS5 syntax. The words are letters and digits only (lib/mentions `nameWords`).
  const phrase = `comment : "${options.words.map((w) => w.replaceAll('"', '""')).join(' ')}"`;
  return db.$client
    .prepare(
      `SELECT ${columns} FROM note_search
         JOIN note_search_rows AS k ON k.id = note_search.rowid
         JOIN annotations AS a ON a.document_id = k.document_id AND a.id = k.annotation_id
        WHERE note_search MATCH @phrase AND a.creator_id != @me AND ${unmoderated}
          AND k.document_id IN (SELECT value FROM json_each(@documents))
        ORDER BY a.created DESC LIMIT @limit`,
    )
    .all({
      phrase,
      me: options.excludeCreator,
      documents: JSON.stringify(options.documentIds),
      limit: options.limit,
    }) as InboxCandidateRow[];
}

/**
 * Replies by others to `userId`'s notes in `documentIds` (reactions are not replies; hidden or removed ones left
 * out), newest first, at most `limit`.
 */
export function repliesToNotesOf(
  db: GlossaDb,
  options: { userId: string; documentIds: readonly string[]; limit: number },
): InboxCandidateRow[] {
  if (options.documentIds.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT ${columns} FROM annotations AS a
         JOIN annotations AS p ON p.document_id = a.document_id AND p.id = a.parent_id
        WHERE a.document_id IN (SELECT value FROM json_each(@documents)) AND a.parent_id IS NOT NULL
          AND a.motivation = 'replying' AND p.creator_id = @me AND a.creator_id != @me AND ${unmoderated}
        ORDER BY a.created DESC LIMIT @limit`,
    )
    .all({ me: options.userId, documents: JSON.stringify(options.documentIds), limit: options.limit }) as InboxCandidateRow[];
}

/** The parent notes of replies (document id + note id → its row), to quote the note a reply or mention is under. */
export function notesByKey(
  db: GlossaDb,
  keys: ReadonlyArray<{ documentId: string; id: string }>,
): Map<string, InboxCandidateRow & { exact: string | null }> {
  if (keys.length === 0) return new Map();
  const rows = db.$client
    .prepare(
      `SELECT ${columns}, a.exact AS exact FROM annotations AS a
        JOIN json_each(@keys) AS k ON a.document_id = json_extract(k.value, '$[0]') AND a.id = json_extract(k.value, '$[1]')`,
    )
    .all({ keys: JSON.stringify(keys.map((k) => [k.documentId, k.id])) }) as Array<InboxCandidateRow & { exact: string | null }>;
  return new Map(rows.map((r) => [inboxKey(r.documentId, r.id), r]));
}

/** The key of one inbox item. */
export function inboxKey(documentId: string, annotationId: string): string {
  return `${documentId}\u0000${annotationId}`;
}

/** Which of `items` `userId` has read (their keys, {@link inboxKey}); reads only those rows, by the primary key. */
export function readInboxKeys(
  db: GlossaDb,
  userId: string,
  items: ReadonlyArray<{ documentId: string; annotationId: string }>,
): Set<string> {
  if (items.length === 0) return new Set();
  const rows = db.$client
    .prepare(
      `SELECT r.document_id AS documentId, r.annotation_id AS annotationId FROM json_each(@keys) AS k
         JOIN inbox_reads AS r ON r.user_id = @me AND r.document_id = json_extract(k.value, '$[0]')
          AND r.annotation_id = json_extract(k.value, '$[1]')`,
    )
    .all({ me: userId, keys: JSON.stringify(items.map((i) => [i.documentId, i.annotationId])) }) as Array<{
    documentId: string;
    annotationId: string;
  }>;
  return new Set(rows.map((r) => inboxKey(r.documentId, r.annotationId)));
}

/** Marks `items` read for `userId` (already read ones keep their time); how many were new. */
export function markInboxRead(
  db: GlossaDb,
  userId: string,
  items: ReadonlyArray<{ documentId: string; annotationId: string }>,
  now = new Date(),
): number {
  if (items.length === 0) return 0;
  return db.transaction((tx) => {
    let added = 0;
    for (const item of items)
      added += tx
        .insert(inboxReads)
        .values({ userId, documentId: item.documentId, annotationId: item.annotationId, readAt: now })
        .onConflictDoNothing()
        .run().changes;
    return added;
  });
}
