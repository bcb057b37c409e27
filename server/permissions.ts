/**
 * Who may change which note and which theme. The room asks its policy about every change of a client transaction,
 * with the connection's identity and its role on the document (lib/access/roles.ts); the HTTP routes that write
 * notes ask the same policy.
 *
 * The seam is asynchronous (a policy may have to ask a database or another service); the room awaits it in its
 * serial order, so a policy answer always refers to the state it was asked about.
 */
import { can, type Role } from '../lib/access/roles.ts';
import { moderationError, sameJson } from '../lib/annotations/moderation.ts';
import { threadChangeError } from '../lib/annotations/threads.ts';
import type { Annotation, Tag } from '../lib/annotations/schema.ts';
import type { ReaderIdentity } from './identity.ts';

/** What the gate asks about one change of one annotation. */
export interface AnnotationWrite {
  identity: ReaderIdentity;
  /** The connection's role on the document. */
  role: Role;
  /** Ids of annotations this connection created; what an anonymous connection may still change (rooms without accounts). */
  createdHere: ReadonlySet<string>;
  before: Annotation | undefined;
  after: Annotation | undefined;
}

/** What the gate asks about one change of one theme of the room's vocabulary. */
export interface TagWrite {
  identity: ReaderIdentity;
  role: Role;
  name: string;
  before: Tag | undefined;
  /** Undefined for a deletion. */
  after: Tag | undefined;
  /** How many notes in the room carry the tag. */
  usedBy: number;
}

/** A value now or later. */
export type Awaitable<T> = T | Promise<T>;

/** A permission policy: null allows, a string says why not. */
export interface PermissionPolicy {
  /** Whether a connection with `role` may write at all (a read-only socket's new content is refused unapplied). */
  mayWrite(role: Role): boolean;
  checkAnnotationWrite(write: AnnotationWrite): Awaitable<string | null>;
  checkTagWrite(write: TagWrite): Awaitable<string | null>;
}

/** Why a theme cannot be deleted from under the notes that carry it, or null when none does. */
function tagInUse(name: string, usedBy: number): string | null {
  return usedBy > 0 ? `tag ${name} is used by ${usedBy} note${usedBy === 1 ? '' : 's'}` : null;
}

/**
 * The policy of a room without accounts or roles (unit tests of the room): readers change their own notes; an
 * anonymous connection changes only notes it added itself; a tag can be deleted once no note uses it.
 */
export const ownNotesPolicy: PermissionPolicy = {
  mayWrite: () => true,
  checkAnnotationWrite({ identity, createdHere, before, after }) {
    if (identity.kind === 'reader') {
      if (before && before.creator.id !== identity.id) return `note ${before.id} belongs to ${before.creator.name}`;
      if (after && after.creator.id !== identity.id) return `a note must be written as its creator (${identity.name})`;
      return null;
    }
    if (before && !createdHere.has(before.id)) return `note ${before.id} was not written on this connection`;
    return null;
  },
  checkTagWrite({ name, after, usedBy }) {
    return !after ? tagInUse(name, usedBy) : null;
  },
};

/** Says why a connection with `role` may not write, or null. */
function readOnlyReason(identity: ReaderIdentity, role: Role): string | null {
  if (identity.kind !== 'reader' || !identity.verified) return 'sign in to write notes';
  if (!can(role, 'annotate')) return 'you may read this document but not write in it (your role is viewer)';
  return null;
}

/**
 * The policy of rooms with accounts. Only signed-in users with at least the annotator role write; a note's creator
 * (id and name) is its writer's account; annotators change only their own notes and may create themes; facilitators
 * and owners hide or remove anyone's note with a visible trace and rename, recolour or delete themes. Notes from
 * before accounts (their creator is no account) are read-only; the document's owner may delete them.
 */
export function rolePolicy(isAccount: (id: string) => boolean): PermissionPolicy {
  return {
    mayWrite: (role) => can(role, 'annotate'),
    checkAnnotationWrite({ identity, role, before, after }) {
      const refused = readOnlyReason(identity, role);
      if (refused || identity.kind !== 'reader') return refused ?? 'sign in to write notes';
      const moderator = can(role, 'moderate');
      if (!before) {
        if (!after) return null;
        if (after.creator.id !== identity.id || after.creator.name !== identity.name)
          return `a note must be written in your account's name (${identity.name})`;
        if (after.moderation) return 'a new note cannot carry a moderation mark';
        return null;
      }
      if (before.creator.id === identity.id) {
        // A note a facilitator marked keeps its trace: its author cannot delete it (and so cannot write it anew).
        if (!after) return before.moderation && !moderator ? `a note a facilitator ${before.moderation.action} keeps its trace` : null;
        if (after.creator.id !== before.creator.id || after.creator.name !== before.creator.name)
          return `a note keeps the name it was written in (${before.creator.name})`;
        if (!sameJson(before.moderation, after.moderation) && !moderator) return 'only a facilitator can hide or restore a note';
        if (before.moderation?.action === 'removed' && !sameJson(before, after)) return 'a removed note cannot change';
        const mark = 'thread' in after ? after.thread : undefined;
        if (
          mark &&
          !sameJson(mark, 'thread' in before ? before.thread : undefined) &&
          (mark.by.id !== identity.id || mark.by.name !== identity.name)
        )
          return `a thread is resolved in the name of who resolves it (${identity.name})`;
        return null;
      }
      // Facilitators and owners resolve and reopen anyone's thread; nothing else of the note changes.
      if (after && moderator && threadChangeError(before, after, identity) === null) return null;
      if (!moderator) return `note ${before.id} belongs to ${before.creator.name}`;
      if (!after) {
        if (role === 'owner' && !isAccount(before.creator.id)) return null; // a note from before accounts: the owner's
        return 'a facilitator removes a note with a visible trace (mark it removed) instead of deleting it';
      }
      return moderationError(before, after, identity);
    },
    checkTagWrite({ identity, role, name, before, after, usedBy }) {
      const refused = readOnlyReason(identity, role);
      if (refused) return refused;
      if (!before) return null; // creating a theme
      if (after && sameJson(before, after)) return null;
      if (!can(role, 'moderate')) return `only a facilitator can ${after ? 'rename or recolour' : 'delete'} the theme ${name}`;
      // Notes name their themes: a theme in use is merged or emptied first, never deleted from under them.
      return !after ? tagInUse(name, usedBy) : null;
    },
  };
}
