/**
 * Who may do what with a document: one pure rule shared by the live room, the HTTP routes and the reader's UI, so
 * a button is shown exactly when the server would accept what it does. A caller's role on a document comes from the
 * document's owner, its group's membership and its visibility; capabilities follow from the role alone.
 */
import { z } from 'zod';

/** Roles, weakest first. `owner` is the document's owner or its group's owner. */
export const roles = ['viewer', 'annotator', 'facilitator', 'owner'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** Roles an invitation may carry (owners are made, not invited). */
export const inviteRoles = ['viewer', 'annotator', 'facilitator'] as const;
export type InviteRole = (typeof inviteRoles)[number];
export const inviteRoleSchema = z.enum(inviteRoles);

export const visibilities = ['open', 'public-read', 'group'] as const;
export type Visibility = (typeof visibilities)[number];
export const visibilitySchema = z.enum(visibilities);

/** What the rule needs to know about a document. */
export interface DocumentAccess {
  visibility: Visibility;
  groupId: string | null;
  /** The importing account; null for texts from before accounts, which the instance owner owns. */
  ownerId: string | null;
}

/** What the rule needs to know about the caller; null for a caller who is not signed in. */
export interface CallerAccess {
  userId: string;
  /** The first account of the instance (it owns the texts from before accounts). */
  instanceOwner: boolean;
  /** The caller's role in the document's group, if a member. */
  groupRole: Role | null;
}

function stronger(a: Role | null, b: Role | null): Role | null {
  if (!a) return b;
  if (!b) return a;
  return roles.indexOf(a) >= roles.indexOf(b) ? a : b;
}

/** The caller's role on the document, or null when they may not even read it. */
export function documentRole(doc: DocumentAccess, caller: CallerAccess | null): Role | null {
  if (!caller) return doc.visibility === 'group' ? null : 'viewer';
  // A text filed into a group stays its importer's only while they are in the group: removed or left, they keep no
  // rights over the group's text (its group's owner owns it through the group).
  const owns = doc.ownerId === null ? caller.instanceOwner : doc.ownerId === caller.userId && (!doc.groupId || caller.groupRole !== null);
  if (owns) return 'owner';
  const member = doc.groupId ? caller.groupRole : null;
  const byVisibility: Role | null = doc.visibility === 'open' ? 'annotator' : doc.visibility === 'public-read' ? 'viewer' : null;
  return stronger(member, byVisibility);
}

/** What a role allows. */
export const capabilities = {
  /** Read the text and the shared notes. */
  read: 'viewer',
  /** Write notes and replies of one's own, and create themes. */
  annotate: 'annotator',
  /** Hide or remove anyone's note (with a visible trace), and rename, recolour or delete themes. */
  moderate: 'facilitator',
  /** Rename, delete or restore the document and change its visibility. */
  manage: 'owner',
} as const satisfies Record<string, Role>;
export type Capability = keyof typeof capabilities;

/** Whether `role` allows `capability` (no role allows nothing). */
export function can(role: Role | null, capability: Capability): boolean {
  return role !== null && roles.indexOf(role) >= roles.indexOf(capabilities[capability]);
}
