/**
 * Who may change which note. Readers write their own notes only; an anonymous (stock) client may add notes and
 * change only those it added on the same connection. Roles (viewer, annotator, owner) will extend this interface.
 *
 * The seam is asynchronous (a policy may have to ask a database or another service); the room awaits it in its
 * serial order, so a policy answer always refers to the state it was asked about.
 */
import type { Annotation } from '../lib/annotations/schema.ts';
import type { ReaderIdentity } from './identity.ts';

/** What the gate asks about one change of one annotation. */
export interface AnnotationWrite {
  identity: ReaderIdentity;
  /** Ids of annotations this connection created; what an anonymous connection may still change. */
  createdHere: ReadonlySet<string>;
  before: Annotation | undefined;
  after: Annotation | undefined;
}

/** What the gate asks about deleting a tag of the room's vocabulary. */
export interface TagDelete {
  identity: ReaderIdentity;
  name: string;
  /** How many notes in the room carry the tag. */
  usedBy: number;
}

/** A value now or later. */
export type Awaitable<T> = T | Promise<T>;

/** A permission policy: null allows, a string says why not. */
export interface PermissionPolicy {
  checkAnnotationWrite(write: AnnotationWrite): Awaitable<string | null>;
  checkTagDelete(request: TagDelete): Awaitable<string | null>;
}

/** The policy of a room without accounts: own notes only; a tag can be deleted once no note uses it. */
export const ownNotesPolicy: PermissionPolicy = {
  checkAnnotationWrite({ identity, createdHere, before, after }) {
    if (identity.kind === 'reader') {
      if (before && before.creator.id !== identity.id) return `note ${before.id} belongs to ${before.creator.name}`;
      if (after && after.creator.id !== identity.id) return `a note must be written as its creator (${identity.name})`;
      // A signed-in reader's new notes carry their account's name (an edit keeps the name the note was written in).
      if (identity.verified && after && !before && after.creator.name !== identity.name)
        return `a note must be written in your account's name (${identity.name})`;
      if (identity.verified && after && before && after.creator.name !== before.creator.name)
        return `a note keeps the name it was written in (${before.creator.name})`;
      return null;
    }
    if (before && !createdHere.has(before.id)) return `note ${before.id} was not written on this connection`;
    return null;
  },
  checkTagDelete({ name, usedBy }) {
    if (usedBy > 0) return `tag ${name} is used by ${usedBy} note${usedBy === 1 ? '' : 's'}`;
    return null;
  },
};
