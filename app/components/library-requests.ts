/**
 * The library's requests to the HTTP API, for its client components: the list, an import with upload progress,
 * a rename, a delete and its undo. Every refusal becomes a `LibraryRequestError` carrying the server's `{ error }`
 * text, so the page can show exactly why (e.g. "The EPUB is DRM-protected …").
 */
import type { DeletedDocument, DocumentSummary, DuplicateDocument } from '../../db/queries/documents.ts';
import type { LibraryEntry } from '../../db/queries/library.ts';
import { ApiRequestError, apiRequest, errorText } from './api-request.ts';
import type { Visibility } from '../../lib/access/roles.ts';

export type { DeletedDocument, DocumentSummary, DuplicateDocument, LibraryEntry };

/** A refusal of a library request (the shared API error: the server's `{ error }` text and status). */
export { ApiRequestError as LibraryRequestError };

/** What `POST /api/documents` answers: the new id, and the texts that already held the same words. */
export interface ImportAnswer {
  id: string;
  duplicateOf?: DuplicateDocument[];
}

/** Where an import stands while it is sent: bytes going up (with a percentage), then the server importing them. */
export type ImportProgress = { phase: 'uploading'; percent: number } | { phase: 'importing' };

/** Every text the reader may read, with their role on each. */
export function fetchLibrary(): Promise<LibraryEntry[]> {
  return apiRequest<LibraryEntry[]>('/api/documents');
}

/** Renames a text and/or changes its author; the entry as it is now. */
export function updateDocument(
  id: string,
  details: { title?: string; author?: string | null; visibility?: Visibility; groupId?: string | null },
): Promise<DocumentSummary> {
  return apiRequest<DocumentSummary>(`/api/documents/${encodeURIComponent(id)}`, 'PATCH', details);
}

/** Deletes a text (restorable for a while); what went with it. */
export function deleteDocument(id: string): Promise<DeletedDocument> {
  return apiRequest<DeletedDocument>(`/api/documents/${encodeURIComponent(id)}`, 'DELETE');
}

/** Brings a deleted text back. */
export function restoreDocument(id: string): Promise<DocumentSummary> {
  return apiRequest<DocumentSummary>(`/api/documents/${encodeURIComponent(id)}/restore`, 'POST');
}

/**
 * Sends an import — a file as a multipart form, or pasted text as JSON — and reports its progress. XMLHttpRequest
 * rather than fetch: it is the one API whose upload progress events Chromium (and every other browser) fires.
 */
export function sendImport(
  body: { file: File; title?: string } | { text: string; title?: string },
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.setRequestHeader('accept', 'application/json');
    // Upload listeners must be attached before send(), or Chromium fires no progress events.
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress({ phase: 'uploading', percent: Math.min(100, Math.floor((event.loaded / event.total) * 100)) });
    });
    xhr.upload.addEventListener('load', () => onProgress({ phase: 'importing' }));
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportAnswer);
        } catch {
          reject(new ApiRequestError('The server’s answer could not be read.', xhr.status));
        }
      } else {
        reject(new ApiRequestError(errorText(xhr.status, xhr.responseText), xhr.status));
      }
    });
    // A refused upload (413) may end the connection before the browser reads the answer: then only this fires.
    xhr.addEventListener('error', () =>
      reject(
        new ApiRequestError('The upload was cut off before Glossa answered (the file may be too large, or the connection was lost).', 0),
      ),
    );
    onProgress({ phase: 'uploading', percent: 0 });
    if ('file' in body) {
      const form = new FormData();
      form.set('file', body.file, body.file.name);
      if (body.title) form.set('title', body.title);
      xhr.send(form);
    } else {
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.send(JSON.stringify(body));
    }
  });
}
