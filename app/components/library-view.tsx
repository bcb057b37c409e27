'use client';
/**
 * The library's interactive part: adding texts, the list (with its empty, refreshing and error states), the delete
 * confirmation that says what goes with a text, and the Undo toast that restores it within a few seconds.
 */
import { useCallback, useRef, useState } from 'react';
import { LibraryDeleteDialog } from './library-delete-dialog.tsx';
import { LibraryImport } from './library-import.tsx';
import { LibraryItem } from './library-item.tsx';
import {
  LibraryRequestError,
  fetchLibrary,
  restoreDocument,
  type DeletedDocument,
  type DocumentSummary,
  type LibraryEntry,
} from './library-requests.ts';
import { LibraryUndoToast, type UndoToast } from './library-undo-toast.tsx';

export interface LibraryViewProps {
  /** The list as the server rendered it (what the reader may read); null when it could not be read. */
  initial: LibraryEntry[] | null;
  /** Why the list could not be read on the server, if it could not. */
  loadError: string | null;
  /** Glossa cannot save: no adding, editing or deleting. */
  readOnly: boolean;
}

function messageOf(err: unknown, fallback: string): string {
  return err instanceof LibraryRequestError ? err.message : fallback;
}

/**
 * The library grouped by reading group: each group's texts under its name, then the texts of no group. With no
 * group at all there is one untitled section (the library as it always looked).
 */
function librarySections(documents: LibraryEntry[]): Array<{ key: string; title: string; documents: LibraryEntry[] }> {
  const byGroup = new Map<string, { key: string; title: string; documents: LibraryEntry[] }>();
  const loose: LibraryEntry[] = [];
  for (const d of documents) {
    if (!d.groupId) {
      loose.push(d);
      continue;
    }
    let section = byGroup.get(d.groupId);
    if (!section) byGroup.set(d.groupId, (section = { key: d.groupId, title: d.groupName ?? 'A reading group', documents: [] }));
    section.documents.push(d);
  }
  const groups = [...byGroup.values()].sort((a, b) => a.title.localeCompare(b.title));
  if (groups.length === 0) return [{ key: '', title: '', documents: loose }];
  return loose.length ? [...groups, { key: '', title: 'Open to everyone', documents: loose }] : groups;
}

export function LibraryView({ initial, loadError, readOnly }: LibraryViewProps) {
  const [documents, setDocuments] = useState<LibraryEntry[] | null>(initial);
  const [listError, setListError] = useState<string | null>(loadError);
  const [refreshing, setRefreshing] = useState(false);
  const [confirming, setConfirming] = useState<{ id: string; returnFocus: HTMLElement | null } | null>(null);
  const [toast, setToast] = useState<UndoToast | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  /**
   * Texts deleted on this page: a list asked for before a delete finished (opening the confirmation refreshes the
   * counts) can answer after it, and must not put the deleted text back. A restore takes its id out again.
   */
  const deletedHere = useRef(new Set<string>());

  const refresh = useCallback(async (): Promise<LibraryEntry[] | null> => {
    setRefreshing(true);
    try {
      const list = (await fetchLibrary()).filter((d) => !deletedHere.current.has(d.id));
      setDocuments(list);
      setListError(null);
      return list;
    } catch (err) {
      setListError(messageOf(err, 'The library could not be loaded.'));
      return null;
    } finally {
      setRefreshing(false);
    }
  }, []);

  const onImported = useCallback(async (id: string) => (await refresh())?.find((d) => d.id === id)?.title ?? null, [refresh]);

  const onUpdated = useCallback((updated: DocumentSummary) => {
    setDocuments((list) => list?.map((d) => (d.id === updated.id ? { ...d, ...updated } : d)) ?? list);
  }, []);

  const onDelete = useCallback(
    (id: string, returnFocus: HTMLElement | null) => {
      setConfirming({ id, returnFocus });
      void refresh(); // the counts in the confirmation should be today's, not the page's
    },
    [refresh],
  );

  const onDeleted = useCallback((deleted: DeletedDocument) => {
    deletedHere.current.add(deleted.id);
    setConfirming(null);
    setDocuments((list) => list?.filter((d) => d.id !== deleted.id) ?? list);
    setToast({ kind: 'deleted', document: deleted });
  }, []);

  const undo = useCallback(
    async (document: DeletedDocument) => {
      setToast({ kind: 'restoring', document });
      try {
        await restoreDocument(document.id);
        deletedHere.current.delete(document.id);
        await refresh();
        setToast({ kind: 'restored', document });
        // Focus goes to the text that came back (the Undo button is gone).
        requestAnimationFrame(() =>
          window.document.querySelector<HTMLElement>(`[data-document-id="${CSS.escape(document.id)}"] .library-title`)?.focus(),
        );
      } catch (err) {
        setToast({ kind: 'failed', document, error: messageOf(err, 'The text could not be restored.') });
      }
    },
    [refresh],
  );

  // A closing toast must not take the keyboard focus away with it: it goes to the list.
  const closeToast = useCallback((hadFocus: boolean) => {
    setToast(null);
    if (hadFocus) listHeading.current?.focus();
  }, []);

  const confirmingDocument = confirming ? documents?.find((d) => d.id === confirming.id) : undefined;

  return (
    <>
      {!readOnly && <LibraryImport onImported={onImported} />}
      <section className="library-texts" aria-labelledby="library-texts-title" aria-busy={refreshing}>
        <h2 id="library-texts-title" ref={listHeading} tabIndex={-1}>
          Texts{documents ? ` (${documents.length})` : ''}
        </h2>
        {listError && (
          <div className="library-notice bad" role="alert">
            <p>{listError}</p>
            <button type="button" onClick={() => void refresh()} disabled={refreshing}>
              {refreshing ? 'Trying again…' : 'Try again'}
            </button>
          </div>
        )}
        {documents === null ? (
          !listError && <p className="empty">Loading the library…</p>
        ) : documents.length === 0 ? (
          <p className="empty" data-testid="library-empty">
            The library is empty.{' '}
            {readOnly ? 'Texts cannot be added while Glossa is read-only.' : 'Add a text above: drop a file, choose one, or paste text.'}
          </p>
        ) : (
          librarySections(documents).map((section) => (
            <section key={section.key} className="library-section" aria-label={section.title}>
              {section.title && <h3 className="library-section-title">{section.title}</h3>}
              <ul className="library-list" aria-label={section.title || 'Texts'}>
                {section.documents.map((d) => (
                  <LibraryItem key={d.id} document={d} readOnly={readOnly} onUpdated={onUpdated} onDelete={onDelete} />
                ))}
              </ul>
            </section>
          ))
        )}
      </section>
      {confirming && confirmingDocument && (
        <LibraryDeleteDialog
          document={confirmingDocument}
          onDeleted={onDeleted}
          onCancel={() => {
            setConfirming(null);
            confirming.returnFocus?.focus();
          }}
        />
      )}
      {toast && <LibraryUndoToast toast={toast} onUndo={undo} onClose={closeToast} />}
    </>
  );
}
