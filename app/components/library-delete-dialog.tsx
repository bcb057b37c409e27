'use client';
/**
 * Asks before a text is deleted, saying what goes with it (its notes and replies) and that Undo brings it back.
 * A native modal `<dialog>`: focus stays inside, Esc cancels; Cancel has the focus first, so Enter does no harm.
 */
import { useEffect, useRef, useState } from 'react';
import { whatGoesWith } from './library-format.ts';
import { LibraryRequestError, deleteDocument, type DeletedDocument, type DocumentSummary } from './library-requests.ts';

export interface LibraryDeleteDialogProps {
  document: DocumentSummary;
  onDeleted(deleted: DeletedDocument): void;
  onCancel(): void;
}

export function LibraryDeleteDialog({ document: d, onDeleted, onCancel }: LibraryDeleteDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    cancelButton.current?.focus();
  }, []);

  // Closed before the caller moves the focus: nothing outside a modal dialog can take the focus while it is open.
  const cancel = () => {
    dialog.current?.close();
    onCancel();
  };

  const confirm = async () => {
    setDeleting(true);
    setError(null);
    try {
      const deleted = await deleteDocument(d.id);
      dialog.current?.close();
      onDeleted(deleted);
    } catch (err) {
      setDeleting(false);
      setError(err instanceof LibraryRequestError ? err.message : 'The text could not be deleted.');
    }
  };

  const goes = whatGoesWith(d.noteCount, d.replyCount);
  return (
    <dialog
      ref={dialog}
      className="library-dialog"
      aria-labelledby="delete-dialog-title"
      aria-describedby="delete-dialog-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!deleting) cancel();
      }}
    >
      <div className="modal-form">
        <h2 id="delete-dialog-title">Delete “{d.title}”?</h2>
        <p id="delete-dialog-body">
          {goes === 'no notes'
            ? 'It has no notes. '
            : `${goes[0].toUpperCase()}${goes.slice(1)} will be deleted with it, for every reader. `}
          You can undo this for a few seconds.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" ref={cancelButton} onClick={cancel} disabled={deleting}>
            Cancel
          </button>
          <button type="button" className="danger-solid" onClick={() => void confirm()} disabled={deleting}>
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>
    </dialog>
  );
}
