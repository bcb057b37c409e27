/**
 * Drizzle schema: the relational truth of Glossa. Yjs updates are the room's log; the annotation, body and tag rows
 * are a projection of that log written in the same transaction, so export and search can read SQL alone.
 */
import { sql } from 'drizzle-orm';
import { blob, foreignKey, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Chapter, StoredBlock } from '../lib/text/document-model.ts';

/** An imported text. `text` is the canonical plain text that TextPositionSelector offsets count in. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    author: text('author'),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    text: text('text').notNull(),
    /**
     * The spans `[start, end]` of every block (headings included) into `text`, so readers and exports never re-split
     * the text; the reader draws one node per span.
     */
    paragraphs: text('paragraphs', { mode: 'json' }).$type<Array<[number, number]>>().notNull(),
    /**
     * The same spans with their type, `[start, end, code]` (`p`, `q`, `v`, `h1`…`h6`; see lib/text/document-model.ts).
     * Documents stored before blocks existed were given one `p` block per paragraph by migration 0002.
     */
    blocks: text('blocks', { mode: 'json' }).$type<StoredBlock[]>().notNull().default(sql`'[]'`),
    /** The outline: `{ title, start, end, level }` per chapter, in text order; `[]` for a text without chapters. */
    chapters: text('chapters', { mode: 'json' }).$type<Chapter[]>().notNull().default(sql`'[]'`),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    /**
     * SHA-256 (hex) of `text`, to spot a text imported twice. Written on insert; rows stored before the column existed
     * are null until the first import after the upgrade fills them (SQLite has no SHA-256 for the migration to use).
     */
    textHash: text('text_hash'),
    /**
     * When the document was deleted (ISO time), or null. A deleted document is hidden everywhere (library, pages,
     * API, rooms) but kept, notes and log included, so it can be restored for a while; then it is purged for good.
     */
    deletedAt: text('deleted_at'),
    /**
     * Who may read and annotate (lib/access/roles.ts): `open` (anyone reads, any signed-in user annotates),
     * `public-read` (anyone reads; the owner and the group's members write by role) or `group` (members only).
     */
    visibility: text('visibility').$type<'open' | 'public-read' | 'group'>().notNull().default('open'),
    /** The reading group the document belongs to, or null. */
    groupId: text('group_id'),
    /** The account that imported it; null for texts from before accounts (the seed), owned by the instance owner. */
    ownerId: text('owner_id'),
    /**
     * Whether the room starts blind for its readers (lib/annotations/blind.ts): `off`, `passage` (another's note shows
     * once the reader has posted on one of its paragraphs) or `chapter` (once they have posted in its chapter). Set by
     * a facilitator; facilitators and owners always see everything.
     */
    blindMode: text('blind_mode').$type<'off' | 'passage' | 'chapter'>().notNull().default('off'),
    /**
     * The passage a facilitator spotlighted for everyone, as JSON `{ start, end, exact, gather, by: { id, name }, at }`,
     * or null: readers who join later are offered it too (lib/meetings/spotlight.ts).
     */
    spotlight: text('spotlight'),
  },
  (t) => [index('documents_text_hash_idx').on(t.textHash), index('documents_group_idx').on(t.groupId)],
);

/**
 * One accepted W3C annotation, flattened for queries; `json` keeps the exact object the room holds. Ids are made by
 * clients and each room's map is its own namespace, so a row is keyed by (document, id): the same id written in
 * another document's room is another row and can never move or delete this one.
 */
export const annotations = sqliteTable(
  'annotations',
  {
    id: text('id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    motivation: text('motivation').notNull(),
    creatorId: text('creator_id').notNull(),
    creatorName: text('creator_name').notNull(),
    created: text('created').notNull(),
    modified: text('modified'),
    /**
     * For replies: the id (in the same document) of the annotation replied to; null for notes on the text.
     * Deliberately not a foreign key: deleting a note keeps its replies, shown as replies to a removed note.
     */
    parentId: text('parent_id'),
    exact: text('exact'),
    prefix: text('prefix'),
    suffix: text('suffix'),
    start: integer('start'),
    end: integer('end'),
    json: text('json', { mode: 'json' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.id] }),
    index('annotations_document_idx').on(t.documentId, t.start),
    index('annotations_parent_idx').on(t.documentId, t.parentId),
  ],
);

/** The bodies of an annotation in order: comments, replies and tags (purpose `tagging`, value = tag name). */
export const annotationBodies = sqliteTable(
  'annotation_bodies',
  {
    documentId: text('document_id').notNull(),
    annotationId: text('annotation_id').notNull(),
    position: integer('position').notNull(),
    purpose: text('purpose').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.annotationId, t.position] }),
    foreignKey({ columns: [t.documentId, t.annotationId], foreignColumns: [annotations.documentId, annotations.id] }).onDelete('cascade'),
    index('annotation_bodies_value_idx').on(t.purpose, t.value),
  ],
);

/** A room's theme vocabulary. */
export const tags = sqliteTable(
  'tags',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    label: text('label').notNull(),
    color: text('color').notNull(),
    description: text('description'),
    /** The theme it is nested under (one level), by name; null for a top-level theme. */
    parent: text('parent'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.name] })],
);

/** The room's Yjs update log, replayed to rebuild the room and compacted now and then. */
export const yjsUpdates = sqliteTable(
  'yjs_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('yjs_updates_document_idx').on(t.documentId, t.id)],
);

/**
 * Which reader owns each Yjs client id of a room: written in the same transaction as the first update that brings
 * the client id, so a connection may write only under client ids it owns, and that ownership survives restarts.
 * The first claim wins (later claims of a taken id are ignored by the store).
 */
export const roomClientOwners = sqliteTable(
  'room_client_owners',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    clientId: integer('client_id').notNull(),
    owner: text('owner').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.clientId] })],
);

/*
 * Accounts. `users`, `sessions`, `accounts` and `verifications` are Better Auth's core tables (its Drizzle adapter
 * reads and writes them; field names as Better Auth 1.7 defines them, columns in snake_case); `accessTokens` are
 * Glossa's personal access tokens (db/access-tokens.ts), stored as hashes only.
 */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    refreshTokenExpiresAt: integer('refresh_token_expires_at', { mode: 'timestamp_ms' }),
    scope: text('scope'),
    password: text('password'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = sqliteTable('verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A personal access token: scripts and stock y-websocket clients act as its user. Only its SHA-256 is kept. */
export const accessTokens = sqliteTable(
  'access_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId)],
);

/** A reading group: its owner invites members by link, each with a role. */
export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A member of a group and their role there (`owner`, `facilitator`, `annotator`, `viewer`). */
export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<'owner' | 'facilitator' | 'annotator' | 'viewer'>().notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);

/** An invitation link into a group with a role; only the SHA-256 of its secret is kept. */
export const groupInvites = sqliteTable(
  'group_invites',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    role: text('role').$type<'facilitator' | 'annotator' | 'viewer'>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [index('group_invites_group_idx').on(t.groupId)],
);

/**
 * When the owner last removed a member or changed their role: an invitation link made before then cannot bring
 * them back or raise them again (links are reusable until they expire or are revoked).
 */
export const groupDepartures = sqliteTable(
  'group_departures',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

/**
 * A reader's private layer of a document: its own Yjs update log, never projected into the annotation rows, so no
 * HTTP route or export (which read rows) can ever see a private note.
 */
export const privateUpdates = sqliteTable(
  'private_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('private_updates_layer_idx').on(t.documentId, t.userId, t.id)],
);

/**
 * Notes an import could not place on the text (lib/import-notes/): kept per document and importer until the importer
 * places one on a passage (it becomes a note through the room) or discards it, so no imported note is lost silently.
 */
export const importOrphans = sqliteTable(
  'import_orphans',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Position of the note in the imported file (0-based). */
    sourceIndex: integer('source_index').notNull(),
    /** The quoted words ('' when the note had no quote). */
    quote: text('quote').notNull(),
    prefix: text('prefix'),
    suffix: text('suffix'),
    comment: text('comment').notNull(),
    /** JSON array of tag names. */
    tags: text('tags').notNull(),
    /** The original author's name, as the file gave it. */
    author: text('author'),
    /** Why it could not be placed (lib/anchoring/reanchor.ts OrphanReason or the import's own). */
    reason: text('reason').notNull(),
    score: real('score'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('import_orphans_owner_idx').on(t.documentId, t.userId)],
);

/*
 * The book-club evening (issue 11). A document's agenda and meetings are the server's (set over HTTP by facilitators
 * and owners, pushed to open readers on the notice channel): they are not in the room's Y.Doc, whose contract holds
 * readers' notes and themes only.
 */

/**
 * The agenda of a document: discussion questions, each a note of the room (W3C `questioning`, so it filters and
 * exports with every note), in the facilitator's order. `position` is a fractional-index key (sorts as text), so a
 * move writes one row and two concurrent moves cannot duplicate or drop an item.
 */
export const agendaItems = sqliteTable(
  'agenda_items',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** The question's annotation id in the room. */
    annotationId: text('annotation_id').notNull(),
    position: text('position').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
    /** Whether this is the question the group is discussing now (at most one per document). */
    current: integer('current', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.annotationId] }), index('agenda_items_order_idx').on(t.documentId, t.position)],
);

/**
 * A meeting: a time window a facilitator opens and closes on a document. `blindUntil` is its reveal phase
 * ("annotate alone until 8 pm, then open the notes"): while the meeting is open and the time has not come, the room
 * reads blind by passage for everyone but facilitators (db/queries/blind-mode.ts).
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startedBy: text('started_by').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    /** End of the "annotate alone" phase, or null for none. */
    blindUntil: integer('blind_until', { mode: 'timestamp_ms' }),
    /** When the server opened the notes at `blindUntil` (so a restart does not reopen the rooms again). */
    revealedAt: integer('revealed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('meetings_document_idx').on(t.documentId, t.startedAt)],
);

/** What happened in a meeting, for its summary: the current question changed, a passage was spotlighted, a phase ended. */
export const meetingEvents = sqliteTable(
  'meeting_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind').$type<'current' | 'spotlight' | 'gather' | 'reveal'>().notNull(),
    /** JSON: `{ annotationId }` for `current`, `{ start, end, exact }` for a spotlight or gathering. */
    data: text('data').notNull(),
    actorId: text('actor_id'),
  },
  (t) => [index('meeting_events_meeting_idx').on(t.meetingId, t.at)],
);

/** Inbox items (mentions of a reader, replies to their notes) the reader has read; unread is everything else. */
export const inboxReads = sqliteTable(
  'inbox_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    annotationId: text('annotation_id').notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId, t.annotationId] })],
);

/**
 * How far a reader has read a document (the furthest text offset they have had on screen), and whether their spoiler
 * guard is on: with it, the room withholds others' notes that start past `furthest` (lib/annotations/blind.ts). A row
 * exists for every signed-in reader who may write there and has shown themselves in the document's room.
 */
export const readingProgress = sqliteTable(
  'reading_progress',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    furthest: integer('furthest').notNull().default(0),
    spoilerGuard: integer('spoiler_guard', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // By document: who has been in a text's room, for the people who may be mentioned there (db/queries/inbox.ts).
  (t) => [primaryKey({ columns: [t.userId, t.documentId] }), index('reading_progress_document_idx').on(t.documentId)],
);

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingEventRow = typeof meetingEvents.$inferSelect;
export type ReadingProgressRow = typeof readingProgress.$inferSelect;

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type AnnotationRow = typeof annotations.$inferSelect;
export type NewAnnotationRow = typeof annotations.$inferInsert;
export type AnnotationBodyRow = typeof annotationBodies.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
export type RoomClientOwnerRow = typeof roomClientOwners.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type AccessTokenRow = typeof accessTokens.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type GroupMemberRow = typeof groupMembers.$inferSelect;
export type GroupInviteRow = typeof groupInvites.$inferSelect;
export type ImportOrphanRow = typeof importOrphans.$inferSelect;
