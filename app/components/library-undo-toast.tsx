'use client';
/**
 * The toast after a delete: what went, and Undo for {@link undoMs} (or Ctrl+Z / ⌘Z outside a text field); then
 * it closes and the text stays deleted (restorable over the API for days, see libraryLimits.restoreWindowMs).
 */
import { useEffect, useRef } from 'react';
import { whatGoesWith } from './library-format.ts';
import type { DeletedDocument } from './library-requests.ts';

/** How long Undo is offered after a delete. */
export const undoMs = 10_000;
/** How long the outcome of an undo stays on screen. */
const outcomeMs = 5_000;

/** What the toast says. */
export type UndoToast =
  | { kind: 'deleted' | 'restoring' | 'restored'; document: DeletedDocument }
  | { kind: 'failed'; document: DeletedDocument; error: string };

export interface LibraryUndoToastProps {
  toast: UndoToast;
  onUndo(document: DeletedDocument): void;
  /** The toast is done; `hadFocus` when the keyboard focus was inside it (the caller puts it somewhere useful). */
  onClose(hadFocus: boolean): void;
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

export function LibraryUndoToast({ toast, onUndo, onClose }: LibraryUndoToastProps) {
  const box = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const { kind, document: d } = toast;

  // Closes itself: after the undo window, or a while after the undo's outcome; not while the undo is under way.
  useEffect(() => {
    if (kind === 'restoring') return;
    const timer = setTimeout(
      () => onClose(box.current?.contains(document.activeElement) ?? false),
      kind === 'deleted' ? undoMs : outcomeMs,
    );
    return () => clearTimeout(timer);
  }, [kind, onClose]);

  // Ctrl+Z / ⌘Z undoes the delete, as in the reader, unless the reader is typing.
  useEffect(() => {
    if (kind !== 'deleted') return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z' && !isTextField(event.target)) {
        event.preventDefault();
        onUndo(d);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [kind, d, onUndo]);

  // The delete dialog closed; the next thing a keyboard reader may want is Undo.
  useEffect(() => {
    if (kind === 'deleted') undoButton.current?.focus();
  }, [kind]);

  return (
    <div className="library-toast" ref={box} role="status" data-testid="library-toast">
      {kind === 'deleted' && (
        <>
          <p>
            Deleted <b>{d.title}</b> with {whatGoesWith(d.noteCount, d.replyCount)}.
          </p>
          <button type="button" ref={undoButton} className="primary" onClick={() => onUndo(d)}>
            Undo
          </button>
        </>
      )}
      {kind === 'restoring' && (
        <p>
          Restoring <b>{d.title}</b>…
        </p>
      )}
      {kind === 'restored' && (
        <p>
          Restored <b>{d.title}</b> with {whatGoesWith(d.noteCount, d.replyCount)}.
        </p>
      )}
      {toast.kind === 'failed' && (
        <p role="alert">
          <b>{d.title}</b> could not be restored. {toast.error}
        </p>
      )}
      {kind !== 'restoring' && (
        <button
          type="button"
          className="link"
          onClick={() => onClose(box.current?.contains(document.activeElement) ?? false)}
          aria-label="Close this message"
        >
          Close
        </button>
      )}
    </div>
  );
}
