'use client';
/**
 * The reader's *Export* button and dialog (issue 10): choose a format (Markdown essay pack, DOCX, CSV, W3C
 * JSON-LD), which notes (all, mine, the current filter — read from the page's URL, where the reader keeps it),
 * grouping, replies and citation style; a preview of the Markdown (or the first CSV rows, or the start of the
 * JSON-LD) before the download; progress while a long export is made and received. A native modal `<dialog>`: focus
 * stays inside, Esc closes, and on a phone it takes the screen's width. The file comes from
 * `GET /api/documents/<id>/export`, so it holds exactly what the server lets this reader see.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { filterFromParams, isFiltering, type NoteFilter, noFilter } from '../../lib/annotations/note-filter.ts';
import { citationStyleLabels, citationStyles } from '../../lib/export/citation.ts';
import { type ExportChoice, exportQuery } from '../../lib/export/export-query.ts';

const formatLabels = { md: 'Markdown essay pack', docx: 'Word (DOCX)', csv: 'Spreadsheet (CSV)', jsonld: 'W3C JSON-LD' } as const;
const groupLabels = { theme: 'By theme', text: 'In text order', reader: 'By reader' } as const;

type Progress =
  | { state: 'idle' }
  | { state: 'preparing' }
  | { state: 'receiving'; bytes: number; total: number | null }
  | { state: 'error'; message: string };

/** The response's body read to the end, reporting bytes as they arrive. */
async function readWithProgress(res: Response, onBytes: (bytes: number) => void): Promise<Blob> {
  if (!res.body) return res.blob();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    onBytes(bytes);
  }
  return new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
}

/** The file name the server's `Content-Disposition` gives. */
function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

async function errorOf(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: string }).error ?? `the server answered ${res.status}`;
  } catch {
    return `the server answered ${res.status}`;
  }
}

/** The preview of `choice`: the Markdown for Markdown and DOCX (the same content), else the file's start. */
function previewQuery(choice: ExportChoice, filter: NoteFilter): URLSearchParams {
  return exportQuery({ ...choice, format: choice.format === 'docx' ? 'md' : choice.format }, filter);
}

function Preview({ format, text }: { format: ExportChoice['format']; text: string }) {
  if (format === 'csv') {
    const lines = text
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .slice(0, 6)
      .filter(Boolean);
    return (
      // Focusable: a scrolling region is reached by keyboard to scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
      <pre className="export-preview-text" tabIndex={0}>
        {lines.join('\n')}
      </pre>
    );
  }
  return (
    // Focusable: a scrolling region is reached by keyboard to scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
    <pre className="export-preview-text" tabIndex={0}>
      {text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text}
    </pre>
  );
}

/**
 * The Export dialog; `signedIn` offers "my notes"; `meeting` (from a meeting's summary) offers, and first chooses,
 * "Notes from the meeting of <date>" (`meeting=<id>`: the notes written during it, and the older notes it answered).
 */
export function ExportDialog({
  documentId,
  signedIn,
  onClose,
  meeting,
}: {
  documentId: string;
  signedIn: boolean;
  onClose(): void;
  meeting?: { id: string; label: string };
}) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const [filter] = useState<NoteFilter>(() =>
    typeof window === 'undefined' ? noFilter : filterFromParams(new URLSearchParams(window.location.search)),
  );
  const filtering = isFiltering(filter);
  const [choice, setChoice] = useState<ExportChoice>({
    format: 'md',
    notes: filtering ? 'filter' : 'all',
    group: 'theme',
    replies: true,
    style: 'mla',
    ...(meeting ? { notes: 'all' as const, meeting: meeting.id } : {}),
  });
  const [preview, setPreview] = useState<{ text: string; notes: string | null } | { error: string } | null>(null);
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const base = `/api/documents/${encodeURIComponent(documentId)}/export`;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    return () => before?.focus();
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setPreview(null);
    void (async () => {
      try {
        const res = await fetch(`${base}?${previewQuery(choice, filter)}`, { signal: abort.signal, cache: 'no-store' });
        if (!res.ok) return setPreview({ error: await errorOf(res) });
        setPreview({ text: await res.text(), notes: res.headers.get('x-glossa-export-notes') });
      } catch (err) {
        if (!abort.signal.aborted) setPreview({ error: (err as Error).message });
      }
    })();
    return () => abort.abort();
  }, [base, choice, filter]);

  const download = useCallback(async () => {
    setProgress({ state: 'preparing' });
    try {
      const res = await fetch(`${base}?${exportQuery(choice, filter)}`, { cache: 'no-store' });
      if (!res.ok) return setProgress({ state: 'error', message: await errorOf(res) });
      const total = Number(res.headers.get('content-length')) || null;
      const blob = await readWithProgress(res, (bytes) => setProgress({ state: 'receiving', bytes, total }));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res, `notes.${choice.format}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ state: 'idle' });
    } catch (err) {
      setProgress({ state: 'error', message: (err as Error).message });
    }
  }, [base, choice, filter]);

  const set = <K extends keyof ExportChoice>(key: K, value: ExportChoice[K]) => setChoice((c) => ({ ...c, [key]: value }));
  const busy = progress.state === 'preparing' || progress.state === 'receiving';

  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="toc-head">
        <h2 id={titleId}>Export notes</h2>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="export-choices">
        <fieldset>
          <legend>Format</legend>
          {(Object.keys(formatLabels) as Array<keyof typeof formatLabels>).map((f) => (
            <label key={f}>
              <input type="radio" name="export-format" checked={choice.format === f} onChange={() => set('format', f)} /> {formatLabels[f]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Notes</legend>
          <label>
            <input
              type="radio"
              name="export-notes"
              checked={choice.notes === 'all' && !choice.meeting}
              onChange={() => setChoice((c) => ({ ...c, notes: 'all', meeting: undefined }))}
            />{' '}
            All notes
          </label>
          {meeting && (
            <label>
              <input
                type="radio"
                name="export-notes"
                checked={choice.meeting === meeting.id}
                onChange={() => setChoice((c) => ({ ...c, notes: 'all', meeting: meeting.id }))}
              />{' '}
              Notes from the meeting of {meeting.label}
            </label>
          )}
          <label>
            <input
              type="radio"
              name="export-notes"
              checked={choice.notes === 'mine' && !choice.meeting}
              disabled={!signedIn}
              onChange={() => setChoice((c) => ({ ...c, notes: 'mine', meeting: undefined }))}
            />{' '}
            My notes
          </label>
          <label>
            <input
              type="radio"
              name="export-notes"
              checked={choice.notes === 'filter' && !choice.meeting}
              disabled={!filtering}
              onChange={() => setChoice((c) => ({ ...c, notes: 'filter', meeting: undefined }))}
            />{' '}
            The current filter{filtering ? '' : ' (none is set)'}
          </label>
        </fieldset>
        <label className="export-field">
          Grouping{' '}
          <select value={choice.group} onChange={(e) => set('group', e.target.value as ExportChoice['group'])}>
            {(Object.keys(groupLabels) as Array<keyof typeof groupLabels>).map((g) => (
              <option key={g} value={g}>
                {groupLabels[g]}
              </option>
            ))}
          </select>
        </label>
        <label className="export-field">
          Citation style{' '}
          <select value={choice.style} onChange={(e) => set('style', e.target.value as ExportChoice['style'])}>
            {citationStyles.map((s) => (
              <option key={s} value={s}>
                {citationStyleLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="export-field">
          <input type="checkbox" checked={choice.replies} onChange={(e) => set('replies', e.target.checked)} /> Include replies
        </label>
      </div>
      <section className="export-preview" aria-label="Preview" aria-busy={preview === null}>
        <h3>
          Preview{choice.format === 'docx' ? ' (the same content as Markdown)' : ''}
          {preview && 'notes' in preview && preview.notes !== null ? ` · ${preview.notes} ${preview.notes === '1' ? 'note' : 'notes'}` : ''}
        </h3>
        {preview === null ? (
          <p>Loading the preview…</p>
        ) : 'error' in preview ? (
          <p role="alert">The preview failed: {preview.error}</p>
        ) : (
          <Preview format={choice.format} text={preview.text} />
        )}
      </section>
      <div className="export-actions">
        <button type="button" className="primary" onClick={() => void download()} disabled={busy}>
          Download {formatLabels[choice.format]}
        </button>
        <span role="status" className="export-progress">
          {progress.state === 'preparing' && (
            <>
              <progress aria-label="Preparing the export" /> Preparing the export…
            </>
          )}
          {progress.state === 'receiving' && (
            <>
              <progress
                aria-label="Receiving the export"
                max={progress.total ?? undefined}
                value={progress.total ? progress.bytes : undefined}
              />{' '}
              {(progress.bytes / 1024).toFixed(0)} KiB received
            </>
          )}
          {progress.state === 'error' && <>The export failed: {progress.message}</>}
        </span>
      </div>
    </dialog>
  );
}

/** The header's *Export* button, which opens the dialog. */
export function ExportButton({ documentId, signedIn }: { documentId: string; signedIn: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="export-toggle" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Export
      </button>
      {open && <ExportDialog documentId={documentId} signedIn={signedIn} onClose={() => setOpen(false)} />}
    </>
  );
}
