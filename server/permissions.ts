/**
 * Who may change which note. Readers write their own notes only; an anonymous (stock) client may add notes and
 * change only those it added on the same connection. Roles (viewer, annotator, owner) will extend this interface.
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

/** A permission policy: null allows, a string says why not. */
export interface PermissionPolicy {
  checkAnnotationWrite(write: AnnotationWrite): string | null;
  checkTagDelete(identity: ReaderIdentity, name: string): string | null;
}

/** The policy of a room without accounts: own notes only. */
export const ownNotesPolicy: PermissionPolicy = {
  checkAnnotationWrite({ identity, createdHere, before, after }) {
    if (identity.kind === 'reader') {
      if (before && before.creator.id !== identity.id) return `note ${before.id} belongs to ${before.creator.name}`;
      if (after && after.creator.id !== identity.id) return `a note must be written as its creator (${identity.name})`;
      return null;
    }
    if (before && !createdHere.has(before.id)) return `note ${before.id} was not written on this connection`;
    return null;
  },
  checkTagDelete() {
    return 'tags cannot be deleted from the room';
  },
};
