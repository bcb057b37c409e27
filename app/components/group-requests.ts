/**
 * The reading groups' requests to the HTTP API, for the group pages: list and create groups, read one, rename or
 * delete it, invite, revoke, change a member's role, remove a member or leave, and read or accept an invitation
 * link. Every refusal becomes a `GroupRequestError` (the shared `ApiRequestError`) carrying the server's `{ error }`
 * text and status, so a page can say exactly why (and tell "expired" from "unknown" by status).
 */
import type { GroupDetail, GroupInviteInfo, GroupSummary, InvitePreview } from '../../db/queries/groups.ts';
import type { InviteRole, Role } from '../../lib/access/roles.ts';
import { ApiRequestError, apiRequest } from './api-request.ts';

export type { GroupDetail, GroupInviteInfo, GroupSummary, InvitePreview };

/** A refusal of a group request (the shared API error: the server's `{ error }` text and status). */
export { ApiRequestError as GroupRequestError };

/** A new invite as its maker gets it: the secret and the link, this once. */
export interface NewInvite extends GroupInviteInfo {
  token: string;
  url: string;
}

const request = apiRequest;

const groupUrl = (id: string) => `/api/groups/${encodeURIComponent(id)}`;

/** The groups you belong to. */
export const fetchGroups = () => request<GroupSummary[]>('/api/groups');

/** Makes a group you own. */
export const createGroup = (name: string) => request<GroupSummary>('/api/groups', 'POST', { name });

/** A group's page (members only). */
export const fetchGroup = (id: string) => request<GroupDetail>(groupUrl(id));

/** Renames a group (owner). */
export const renameGroup = (id: string, name: string) => request<{ id: string; name: string }>(groupUrl(id), 'PATCH', { name });

/** Deletes a group (owner). */
export const deleteGroup = (id: string) => request<void>(groupUrl(id), 'DELETE');

/** Makes an invitation link (owner); `expiresInHours` between 1 and 720. */
export const createInvite = (id: string, role: InviteRole, expiresInHours: number) =>
  request<NewInvite>(`${groupUrl(id)}/invites`, 'POST', { role, expiresInHours });

/** Revokes an invitation link (owner). */
export const revokeInvite = (id: string, inviteId: string) =>
  request<void>(`${groupUrl(id)}/invites/${encodeURIComponent(inviteId)}`, 'DELETE');

/** Gives a member another role (owner). */
export const setMemberRole = (id: string, userId: string, role: InviteRole) =>
  request<{ id: string; role: Role; previousRole: Role }>(`${groupUrl(id)}/members/${encodeURIComponent(userId)}`, 'PATCH', { role });

/** Removes a member (owner), or leaves (yourself). */
export const removeMember = (id: string, userId: string) =>
  request<void>(`${groupUrl(id)}/members/${encodeURIComponent(userId)}`, 'DELETE');

const inviteUrl = (token: string) => `/api/invites/${encodeURIComponent(token)}`;

/** What an invitation link is (no sign-in needed). */
export const fetchInvite = (token: string) => request<InvitePreview>(inviteUrl(token));

/** Accepts an invitation link (signed in). */
export const acceptInvite = (token: string) => request<{ groupId: string; role: Role }>(`${inviteUrl(token)}/accept`, 'POST');
