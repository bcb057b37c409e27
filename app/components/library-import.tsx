'use client';
/**
 * Adding texts to the library: a drop zone with "Choose a file…" (a file dropped anywhere on the page lands here
 * too), "Paste text…" in a dialog, and one status panel for the import under way — upload percentage, then
 * "Importing…", then the new text (with a notice when the library already held the same words) or the server's
 * reason for refusing it.
 */
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { httpLimits } from '../../lib/limits.ts';
import { acceptedFiles, bytesOf } from './library-format.ts';
import { LibraryRequestError, sendImport, type DuplicateDocument } from './library-requests.ts';

/** The import under way or just finished. */
export type ImportJob =
  | { name: string; phase: 'uploading'; percent: number }
  | { name: string; phase: 'importing' }
  | { name: string; phase: 'done'; id: string; title: string; duplicateOf: DuplicateDocument[] }
  | { name: string; phase: 'failed'; error: string };

export interface LibraryImportProps {
  /** Called once a text is imported, with its id; resolves with its title once the list is fresh. */
  onImported(id: string): Promise<string | null>;
}

export function LibraryImport({ onImported }: LibraryImportProps) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pasting, setPasting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteButton = useRef<HTMLButtonElement>(null);
  const busy = job?.phase === 'uploading' || job?.phase === 'importing';
  const busyRef = useRef(false);
  busyRef.current = busy;

  const run = useCallback(
    async (name: string, body: Parameters<typeof sendImport>[0]) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setJob({ name, phase: 'uploading', percent: 0 });
      try {
        const answer = await sendImport(body, (progress) =>
          setJob(progress.phase === 'uploading' ? { name, ...progress } : { name, phase: 'importing' }),
        );
        const title = (await onImported(answer.id)) ?? name;
        setJob({ name, phase: 'done', id: answer.id, title, duplicateOf: answer.duplicateOf ?? [] });
      } catch (err) {
        setJob({ name, phase: 'failed', error: err instanceof LibraryRequestError ? err.message : 'The import failed.' });
      } finally {
        busyRef.current = false;
      }
    },
    [onImported],
  );

  const importFile = useCallback(
    (file: File) => {
      // Refused here rather than after uploading megabytes the server would refuse (413) at the same cap.
      if (file.size > httpLimits.bodyBytes) {
        setJob({
          name: file.name,
          phase: 'failed',
          error: `The file is ${bytesOf(file.size)}; Glossa imports files of at most ${bytesOf(httpLimits.bodyBytes)}.`,
        });
        return;
      }
      void run(file.name, { file });
    },
    [run],
  );

  // A file dropped anywhere on the page is imported; the browser must not open it instead.
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = busyRef.current ? 'none' : 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) importFile(file);
    };
    document.addEventListener('dragenter', over);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', over);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [importFile]);

  return (
    <section className="library-add" aria-labelledby="library-add-title">
      <h2 id="library-add-title">Add a text</h2>
      <div className={`library-drop${dragging ? ' dragging' : ''}`} data-testid="drop-zone">
        <p>
          {dragging
            ? 'Drop the file to import it.'
            : `Drop a file here — plain text, Markdown, HTML or EPUB, up to ${bytesOf(httpLimits.bodyBytes)} — or:`}
        </p>
        <div className="library-add-actions">
          <button type="button" className="primary" onClick={() => fileInput.current?.click()} disabled={busy}>
            Choose a file…
          </button>
          <button type="button" ref={pasteButton} onClick={() => setPasting(true)} disabled={busy}>
            Paste text…
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept={acceptedFiles}
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = ''; // the same file can be chosen again after an error
            if (file) importFile(file);
          }}
        />
      </div>
      <ImportStatus job={job} onDismiss={() => setJob(null)} />
      {pasting && (
        <PasteDialog
          onCancel={() => {
            setPasting(false);
            pasteButton.current?.focus();
          }}
          onSubmit={(title, text) => {
            setPasting(false);
            pasteButton.current?.focus();
            void run(title || 'Pasted text', { text, title: title || undefined });
          }}
        />
      )}
    </section>
  );
}

/**
 * Where the import stands. Two live regions that are always in the page (a region added with its text is not
 * announced): progress and success are polite, a refusal is an alert. The percentage is shown and carried by the
 * progress bar, but not re-announced at every step.
 */
function ImportStatus({ job, onDismiss }: { job: ImportJob | null; onDismiss(): void }) {
  return (
    <div className="library-import-status">
      <div role="status">
        {job?.phase === 'uploading' && (
          <div className="library-progress">
            <span>
              Uploading <b>{job.name}</b>… <span aria-hidden="true">{job.percent} %</span>
            </span>
            <progress max={100} value={job.percent} aria-label={`Uploading ${job.name}`} />
          </div>
        )}
        {job?.phase === 'importing' && (
          <div className="library-progress">
            <span>
              Importing <b>{job.name}</b>…
            </span>
            <progress aria-label={`Importing ${job.name}`} />
          </div>
        )}
        {job?.phase === 'done' && (
          <div className="library-notice ok">
            <p>
              Imported <Link href={`/d/${encodeURIComponent(job.id)}`}>{job.title}</Link>.
            </p>
            {job.duplicateOf.length > 0 && (
              <p className="library-duplicate" data-testid="duplicate-notice">
                The library already holds this text as{' '}
                {job.duplicateOf.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 && ', '}
                    <Link href={`/d/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  </span>
                ))}
                . You may want to keep one copy, so that notes stay in one place.
              </p>
            )}
            <button type="button" className="link" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      <div role="alert">
        {job?.phase === 'failed' && (
          <div className="library-notice bad">
            <p>
              <b>{job.name}</b> was not imported. {job.error}
            </p>
            <button type="button" className="link" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** A modal dialog for pasted text (a native `<dialog>`: it traps focus and closes with Esc). */
function PasteDialog({ onCancel, onSubmit }: { onCancel(): void; onSubmit(title: string, text: string): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    textArea.current?.focus(); // the one field a paste needs
  }, []);

  // Closed before the caller moves the focus: nothing outside a modal dialog can take the focus while it is open.
  const cancel = () => {
    dialog.current?.close();
    onCancel();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    dialog.current?.close();
    onSubmit(title.trim(), text);
  };

  return (
    <dialog
      ref={dialog}
      className="library-dialog"
      aria-labelledby="paste-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form className="modal-form" onSubmit={submit}>
        <h2 id="paste-dialog-title">Paste a text</h2>
        <p className="library-dialog-hint">
          Plain text; a first line <code>title: …</code> or <code>author: …</code> is read as a header. Lines such as <code>CHAPTER I</code>{' '}
          start chapters.
        </p>
        <label>
          Title (optional)
          <input name="title" value={title} maxLength={httpLimits.titleLength} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Text
          <textarea ref={textArea} name="text" value={text} required rows={10} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!text.trim()}>
            Import
          </button>
        </div>
      </form>
    </dialog>
  );
}
