/**
 * A reader's inbox, derived from the stored notes on each request: the notes and replies by others that mention
 * them (`@` + their current name, among the document's mentionable members: lib/mentions) and the replies by others
 * to their notes, in every live document they may still read — never private notes (not in the rows), never what
 * the listing would withhold from them (a room read blind, their spoiler guard: app/api/blind-filter.ts), never a
 * note hidden or removed by a facilitator. Newest first; the newest {@link inboxLimits.window} of each kind.
 */
import type { GlossaDb } from '../../../db/client.ts';
import type { Principal } from '../../../db/principal.ts';
import {
  accountNames,
  documentsReadableBy,
  type InboxCandidateRow,
  inboxKey,
  mentionableAmong,
  notesByKey,
  notesNamingWords,
  type ReadableDocument,
  readInboxKeys,
  repliesToNotesOf,
} from '../../../db/queries/inbox.ts';
import { z } from 'zod';
import { inboxLimits } from '../../../lib/limits.ts';
import { foldName, MentionMatcher, nameWords } from '../../../lib/mentions/find-mentions.ts';
import { visibleIdsFor } from '../blind-filter.ts';

/** One item of a reader's inbox. */
export interface InboxItem {
  /** `mention`: the item names the reader; `reply`: it answers one of the reader's notes (a mention wins). */
  kind: 'mention' | 'reply';
  documentId: string;
  documentTitle: string;
  /** The note or reply itself. */
  annotationId: string;
  /** The note on the text it is, or is under (what the link opens). */
  noteId: string;
  author: { id: string; name: string };
  /** Its text around the mention (or its start), plain text. */
  snippet: string;
  /** The passage of the note it is on or under, shortened. */
  quote: string | null;
  created: string;
  /** `/d/<documentId>#<noteId>`: the reader opens the text at the note. */
  link: string;
  read: boolean;
}

/** A reader's inbox: a page of items and the unread count over all of them. */
export interface Inbox {
  items: InboxItem[];
  unread: number;
  total: number;
}

/** What the inbox reads of a stored annotation's JSON: its bodies (JSON read back from the database is a boundary). */
const storedBodiesSchema = z.object({ body: z.array(z.object({ purpose: z.string(), value: z.string() })) });

/** The comment of a stored note or reply ('' when it has none or its JSON does not read). */
function commentText(row: InboxCandidateRow): string {
  try {
    const parsed = storedBodiesSchema.safeParse(JSON.parse(row.json));
    return parsed.success ? (parsed.data.body.find((b) => b.purpose === 'commenting' || b.purpose === 'replying')?.value ?? '') : '';
  } catch {
    return '';
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The text around `at` (the mention), at most `max` characters, on one line. */
function snippetAround(text: string, at: number, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const start = Math.max(0, Math.min(at - Math.floor(max / 3), flat.length - max));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + max - 2).trim()}${start + max - 2 < flat.length ? '…' : ''}`;
}

interface Found {
  row: InboxCandidateRow;
  kind: 'mention' | 'reply';
  /** Where in its text the mention starts (0 for a reply). */
  at: number;
}

/** Every item of `principal`'s inbox, newest first (read state not yet looked up). */
export function inboxFound(db: GlossaDb, principal: Principal): { found: Found[]; documents: Map<string, ReadableDocument> } {
  const documents = new Map(documentsReadableBy(db, principal.userId).map((d) => [d.id, d]));
  const documentIds = [...documents.keys()];
  const found = new Map<string, Found>();

  // Mentions: notes holding the reader's name's words, judged against each document's mentionable members.
  const myKey = foldName(principal.name);
  const byDocument = new Map<string, InboxCandidateRow[]>();
  for (const row of notesNamingWords(db, {
    words: nameWords(principal.name),
    excludeCreator: principal.userId,
    documentIds,
    limit: inboxLimits.window,
  })) {
    const rows = byDocument.get(row.documentId) ?? [];
    rows.push(row);
    byDocument.set(row.documentId, rows);
  }
  // Only the reader's name and names that begin with it can decide whether an `@` names the reader (a longer name
  // takes the `@` from a shorter one), so only those people's membership is asked, not every member's.
  const rivals = byDocument.size ? accountNames(db).filter((u) => foldName(u.name).startsWith(myKey)) : [];
  if (!rivals.some((u) => u.id === principal.userId)) rivals.push({ id: principal.userId, name: principal.name });
  for (const [documentId, rows] of byDocument) {
    const members = mentionableAmong(
      db,
      documentId,
      rivals.map((u) => u.id),
    );
    if (!members.some((m) => m.id === principal.userId)) continue;
    const matcher = new MentionMatcher(members.map((m) => m.name));
    for (const row of rows) {
      if (!row.json.includes('@')) continue;
      const mention = matcher.find(commentText(row)).find((m) => foldName(m.name) === myKey);
      if (mention) found.set(inboxKey(row.documentId, row.id), { row, kind: 'mention', at: mention.start });
    }
  }

  // Replies by others to the reader's notes.
  for (const row of repliesToNotesOf(db, { userId: principal.userId, documentIds, limit: inboxLimits.window })) {
    const key = inboxKey(row.documentId, row.id);
    if (!found.has(key)) found.set(key, { row, kind: 'reply', at: 0 });
  }

  // What the reader may not see yet: withheld by reading blind or the spoiler guard (hidden or removed notes were
  // left out by the queries).
  const visibleByDocument = new Map<string, Set<string> | null>();
  const items: Found[] = [];
  for (const item of found.values()) {
    const documentId = item.row.documentId;
    if (!visibleByDocument.has(documentId)) {
      const doc = documents.get(documentId);
      visibleByDocument.set(documentId, doc ? visibleIdsFor(db, documentId, { principal, role: doc.role, access: doc.access }) : new Set());
    }
    const visible = visibleByDocument.get(documentId);
    if (visible && !visible.has(item.row.id)) continue;
    items.push(item);
  }
  items.sort((a, b) => b.row.created.localeCompare(a.row.created) || a.row.id.localeCompare(b.row.id));
  return { found: items, documents };
}

/** `principal`'s inbox: `limit` items from `offset`, with the unread count of all. */
export function inboxOf(db: GlossaDb, principal: Principal, page: { offset: number; limit: number }): Inbox {
  const { found, documents } = inboxFound(db, principal);
  const read = readInboxKeys(
    db,
    principal.userId,
    found.map((f) => ({ documentId: f.row.documentId, annotationId: f.row.id })),
  );
  const unread = found.filter((f) => !read.has(inboxKey(f.row.documentId, f.row.id))).length;
  const pageItems = found.slice(page.offset, page.offset + page.limit);
  const parents = notesByKey(
    db,
    pageItems.map((f) => ({ documentId: f.row.documentId, id: f.row.parentId ?? f.row.id })),
  );
  const items = pageItems.map((f): InboxItem => {
    const noteId = f.row.parentId ?? f.row.id;
    const exact = parents.get(inboxKey(f.row.documentId, noteId))?.exact ?? null;
    return {
      kind: f.kind,
      documentId: f.row.documentId,
      documentTitle: documents.get(f.row.documentId)?.title ?? f.row.documentId,
      annotationId: f.row.id,
      noteId,
      author: { id: f.row.creatorId, name: f.row.creatorName },
      snippet: snippetAround(commentText(f.row), f.at, inboxLimits.snippet),
      quote: exact ? clip(exact.replace(/\s+/g, ' '), 120) : null,
      created: f.row.created,
      link: `/d/${encodeURIComponent(f.row.documentId)}#${encodeURIComponent(noteId)}`,
      read: read.has(inboxKey(f.row.documentId, f.row.id)),
    };
  });
  return { items, unread, total: found.length };
}
