/**
 * Live inbox notices (issue 11): when a note or reply is stored in a shared room, the readers it mentions and the
 * author of the note it answers are told `{ kind: 'inbox' }` on their Glossa sockets, in whatever room they have
 * open, and read their inbox again (app/api/inbox). A decorator of the shared rooms' persistence — the seam every
 * accepted change passes through once it is durable (sockets, the W3C protocol, imports alike) — so the room itself
 * is untouched, and private layers (another persistence) never notify anyone.
 *
 * The notice carries nothing but its kind; still, nobody is told of a note they may not read: a reader without read
 * access, or one from whom a room read blind or their spoiler guard withholds the note, is not told.
 */
import type { GlossaDb } from '../db/client.ts';
import { roleOnDocument } from '../db/queries/access.ts';
import { listAnnotations } from '../db/queries/annotations.ts';
import { blindModeOf, textStructureOf } from '../db/queries/blind-mode.ts';
import { mentionableMembers } from '../db/queries/inbox.ts';
import { spoilerHorizonOf } from '../db/queries/reading-progress.ts';
import { can } from '../lib/access/roles.ts';
import { BlindView, effectiveBlindMode, spansFor, visibleNotes } from '../lib/annotations/blind.ts';
import { commentOf } from '../lib/annotations/build-annotation.ts';
import { type Annotation, isReaction } from '../lib/annotations/schema.ts';
import type { Notice } from '../lib/collab/notice.ts';
import { foldName, MentionMatcher } from '../lib/mentions/find-mentions.ts';
import { log } from './log.ts';
import type { RoomChange, RoomPersistence } from './room-persistence.ts';

/** What the decorator needs: the database, and the registry's way to reach one user's sockets. */
export interface InboxNoticeOptions {
  db: () => GlossaDb;
  notifyUser: (userId: string, notice: Notice) => number;
}

/**
 * Who should hear of `written` (a stored change's notes and replies): mentioned members and the authors of the
 * notes replied to, never the writer, each with the annotation ids that concern them.
 */
export function inboxRecipients(db: GlossaDb, documentId: string, written: readonly Annotation[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (userId: string, annotationId: string) => out.set(userId, [...(out.get(userId) ?? []), annotationId]);
  const notes = written.filter((a) => !isReaction(a) && !a.moderation && commentOf(a));
  if (notes.length === 0) return out;
  let matcher: MentionMatcher | null = null;
  let idsByKey: Map<string, string> | null = null;
  const parentCreator = db.$client.prepare('SELECT creator_id AS creatorId FROM annotations WHERE document_id = ? AND id = ?');
  for (const note of notes) {
    const text = commentOf(note);
    if (text.includes('@')) {
      if (!matcher || !idsByKey) {
        const members = mentionableMembers(db, documentId);
        matcher = new MentionMatcher(members.map((m) => m.name));
        idsByKey = new Map<string, string>();
        for (const m of members) if (!idsByKey.has(foldName(m.name))) idsByKey.set(foldName(m.name), m.id);
      }
      for (const mention of matcher.find(text)) {
        const userId = idsByKey.get(foldName(mention.name));
        if (userId && userId !== note.creator.id) add(userId, note.id);
      }
    }
    if (typeof note.target === 'string') {
      const parent = parentCreator.get(documentId, note.target) as { creatorId: string } | undefined;
      if (parent && parent.creatorId !== note.creator.id) add(parent.creatorId, note.id);
    }
  }
  return out;
}

/**
 * Whether `userId` may read one of `annotationIds` of the document now: read access, and not withheld by a room read
 * blind or by their spoiler guard (the rule app/api/blind-filter.ts applies to the HTTP listing and the inbox).
 */
function mayRead(db: GlossaDb, documentId: string, userId: string, annotationIds: readonly string[]): boolean {
  const found = roleOnDocument(db, documentId, userId);
  if (!found.found || !can(found.role, 'read')) return false;
  const mode = effectiveBlindMode({ room: blindModeOf(db, documentId), chosen: 'off', role: found.role });
  const horizon = spoilerHorizonOf(db, userId, documentId);
  if (mode === 'off' && horizon === null) return true;
  const spans = mode === 'off' ? [] : spansFor(mode, textStructureOf(db, documentId) ?? { paragraphs: [], chapters: [] });
  const shown = new Set(visibleNotes(new BlindView(userId, mode, spans, horizon), listAnnotations(db, documentId)).map((a) => a.id));
  return annotationIds.some((id) => shown.has(id));
}

/** Tells the recipients of a stored change (see {@link inboxRecipients}); how many users were told. */
export function tellInboxes(db: GlossaDb, change: RoomChange, notifyUser: InboxNoticeOptions['notifyUser']): number {
  let told = 0;
  for (const [userId, annotationIds] of inboxRecipients(db, change.documentId, change.upsertAnnotations)) {
    if (!mayRead(db, change.documentId, userId, annotationIds)) continue;
    notifyUser(userId, { kind: 'inbox' });
    told++;
  }
  return told;
}

/** `persistence`, telling inboxes after each change it stored (on the next turn: never delaying the room's order). */
export function withInboxNotices(persistence: RoomPersistence, options: InboxNoticeOptions): RoomPersistence {
  return {
    load: (documentId) => persistence.load(documentId),
    compact: (documentId, state, threshold) => persistence.compact(documentId, state, threshold),
    async store(change) {
      await persistence.store(change);
      if (!change.upsertAnnotations.length) return;
      setImmediate(() => {
        try {
          tellInboxes(options.db(), change, options.notifyUser);
        } catch (err) {
          // A notice is a courtesy: the inbox is derived from the stored rows, which are already there.
          log.warn('inbox notices failed', { documentId: change.documentId, error: String(err) });
        }
      });
    },
  };
}
