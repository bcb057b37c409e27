/**
 * The names of the shared types in a room's Y.Doc: the public contract of shared/ARCHITECTURE.md. The text itself
 * is never in Yjs; only notes and the theme vocabulary are.
 */
export const annotationsMapName = 'annotations';
export const tagsMapName = 'tags';

/** The only root types a client may write to. */
export const allowedRootTypes: ReadonlySet<string> = new Set([annotationsMapName, tagsMapName]);
