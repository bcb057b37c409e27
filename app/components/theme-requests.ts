/**
 * The Themes panel's requests to `/api/documents/<id>/themes/<name>`: a merge, a delete (whose answer holds what its
 * undo needs) and that undo. The server makes the change in the room, so every reader sees it at once.
 */
import type { Tag } from '../../lib/annotations/schema.ts';
import { apiRequest } from './api-request.ts';

/** What a delete took away: the theme and the notes that carried it. */
export interface DeletedTheme {
  name: string;
  tag: Tag;
  notes: string[];
}

function themeRequest<T>(documentId: string, name: string, method: string, body?: unknown): Promise<T> {
  return apiRequest<T>(`/api/documents/${encodeURIComponent(documentId)}/themes/${encodeURIComponent(name)}`, method, body);
}

export const mergeTheme = (documentId: string, name: string, into: string) =>
  themeRequest<{ merged: number }>(documentId, name, 'POST', { action: 'merge', into });

export const deleteTheme = (documentId: string, name: string) => themeRequest<DeletedTheme>(documentId, name, 'DELETE');

export const restoreTheme = (documentId: string, deleted: DeletedTheme) =>
  themeRequest<{ restored: number }>(documentId, deleted.name, 'POST', { action: 'restore', tag: deleted.tag, notes: deleted.notes });
