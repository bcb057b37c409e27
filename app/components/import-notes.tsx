'use client';
/**
 * "Import notes…" in the reader's header: a file picker that sends a W3C collection or a Hypothesis export to
 * `POST /api/documents/<id>/annotations/import` and says what came of it ("41 notes imported, 3 could not be
 * placed"); and the panel of the reader's unplaced notes (`GET …/orphans`), each with its quote and comment, to
 * place on the passage selected in the text ("Place here") or to discard (with Undo for a few seconds: the delete
 * is only sent once the Undo has lapsed). Imported and placed notes arrive through the room like anyone's.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TextRange } from '../../lib/anchoring/types.ts';

/** An unplaced note as the orphans route lists it. */
interface Orphan {
  id: string;
  quote: string;
  comment: string;
  author: string | null;
}

interface ImportAnswer {
  imported: unknown[];
  orphans: unknown[];
  skipped: unknown[];
}

/** How long a discarded note can be brought back. */
const undoMs = 6000;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The sentence that sums up an import. */
export function importSummary(answer: ImportAnswer): string {
  const parts = [`${plural(answer.imported.length, 'note', 'notes')} imported`];
  if (answer.orphans.length) parts.push(`${answer.orphans.length.toLocaleString('en')} could not be placed`);
  if (answer.skipped.length) parts.push(`${plural(answer.skipped.length, 'entry', 'entries')} skipped (replies, reactions or unreadable)`);
  return parts.join(', ');
}

export interface ImportNotesProps {
  documentId: string;
  /** The passage selected in the text now, where "Place here" puts a note. */
  selection: TextRange | null;
}

export function ImportNotes({ documentId, selection }: ImportNotesProps) {
  const api = `/api/documents/${encodeURIComponent(documentId)}`;
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [status, setStatus] = useState('');
  const [orphans, setOrphans] = useState<Orphan[]>([]);
  const [open, setOpen] = useState(false);
  const [discarded, setDiscarded] = useState<{ orphan: Orphan; timer: ReturnType<typeof setTimeout> } | null>(null);
  const discardedRef = useRef(discarded);
  discardedRef.current = discarded;

  const refresh = useCallback(async () => {
    const res = await fetch(`${api}/orphans`, { cache: 'no-store' });
    if (res.ok) setOrphans(((await res.json()) as { orphans: Orphan[] }).orphans);
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const sendDelete = useCallback((id: string) => fetch(`${api}/orphans/${id}`, { method: 'DELETE' }), [api]);

  // Leaving the page ends the Undo: a pending discard is sent then.
  useEffect(
    () => () => {
      const pending = discardedRef.current;
      if (pending) {
        clearTimeout(pending.timer);
        void sendDelete(pending.orphan.id);
      }
    },
    [sendDelete],
  );

  async function onFile(file: File) {
    setStatus(`Importing ${file.name}…`);
    try {
      const res = await fetch(`${api}/annotations/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: await file.text(),
      });
      const body = (await res.json()) as ImportAnswer & { error?: string };
      if (!res.ok) {
        setStatus(`The import was refused: ${body.error ?? res.status}`);
        return;
      }
      setStatus(importSummary(body));
      if (body.orphans.length) setOpen(true);
      await refresh();
    } catch (err) {
      setStatus(`The import failed: ${String((err as Error)?.message ?? err)}`);
    }
  }

  async function place(orphan: Orphan) {
    if (!selection || selection.end <= selection.start) {
      setStatus('Select the passage in the text first, then choose Place here.');
      return;
    }
    const res = await fetch(`${api}/orphans/${orphan.id}/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: selection.start, end: selection.end }),
    });
    if (!res.ok) {
      setStatus(`The note could not be placed: ${((await res.json()) as { error?: string }).error ?? res.status}`);
      return;
    }
    setStatus('Note placed.');
    await refresh();
  }

  function discard(orphan: Orphan) {
    // One pending discard at a time: an earlier one is sent now.
    if (discarded) {
      clearTimeout(discarded.timer);
      void sendDelete(discarded.orphan.id);
    }
    const timer = setTimeout(() => {
      setDiscarded(null);
      void sendDelete(orphan.id).then(refresh);
    }, undoMs);
    setDiscarded({ orphan, timer });
    setOrphans((list) => list.filter((o) => o.id !== orphan.id));
  }

  function undo() {
    if (!discarded) return;
    clearTimeout(discarded.timer);
    setDiscarded(null);
    void refresh();
  }

  return (
    <div className="import-notes">
      {/* Short on screen (the header's tools share one row on a phone), named in full for screen readers. */}
      <button
        type="button"
        aria-label="Import notes…"
        title="Import notes from a W3C or Hypothesis file"
        onClick={() => fileRef.current?.click()}
      >
        Import…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,.jsonld,application/json,application/ld+json"
        aria-label="File of notes to import"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void onFile(file);
        }}
      />
      {(orphans.length > 0 || discarded) && (
        <button type="button" aria-expanded={open} aria-controls="orphans-panel" onClick={() => setOpen((o) => !o)}>
          Unplaced notes ({orphans.length})
        </button>
      )}
      <span className="import-status" role="status">
        {status}
      </span>
      {open && (
        <section id="orphans-panel" className="orphans-panel" aria-label="Unplaced notes">
          <h2>Unplaced notes</h2>
          <p className="orphans-hint">Select the passage in the text, then choose Place here.</p>
          {orphans.length === 0 && <p>No unplaced notes.</p>}
          <ul>
            {orphans.map((o) => (
              <li key={o.id} className="orphan">
                {o.quote ? <blockquote>{o.quote}</blockquote> : <p className="orphan-noquote">(no quote)</p>}
                {o.comment && <p className="orphan-comment">{o.comment}</p>}
                {o.author && <p className="orphan-author">by {o.author}</p>}
                {/* mousedown would take the selection out of the text before the click reads it */}
                <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => void place(o)}>
                  Place here
                </button>
                <button type="button" onClick={() => discard(o)}>
                  Discard
                </button>
              </li>
            ))}
          </ul>
          {discarded && (
            <p className="orphans-undo">
              Discarded “{discarded.orphan.quote.slice(0, 40) || 'a note'}”.{' '}
              <button type="button" onClick={undo}>
                Undo
              </button>
            </p>
          )}
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </section>
      )}
    </div>
  );
}
