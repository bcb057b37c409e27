'use client';
/**
 * A facilitator's spotlight on the selection (issue 11): *Spotlight* (key S) points everyone in the room to the
 * passage, *Gather everyone here* (key G) moves everyone there at once. Both PUT the room's spotlight
 * (`/api/documents/<id>/spotlight`); the room sends it back to every reader, this one included.
 */
import { useEffect, useRef, useState } from 'react';
import type { TextRange } from '../../lib/anchoring/types.ts';

/** Sets the room's spotlight on `range` (`gather`: everyone moves there); the error's words, or null. */
export async function putSpotlight(documentId: string, range: TextRange, gather: boolean): Promise<string | null> {
  try {
    const res = await fetch(`/api/documents/${encodeURIComponent(documentId)}/spotlight`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: range.start, end: range.end, gather }),
    });
    if (res.ok) return null;
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    return body?.error ?? `the server answered ${res.status}`;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface SpotlightActionsProps {
  documentId: string;
  range: TextRange;
}

/** The two buttons of the selection popup, and the S and G keys while text is selected in the reader. */
export function SpotlightActions({ documentId, range }: SpotlightActionsProps) {
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(range);
  latest.current = range;
  const send = (gather: boolean) => {
    setError(null);
    void putSpotlight(documentId, latest.current, gather).then(setError);
  };
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const key = e.key.toLowerCase();
      if (key !== 's' && key !== 'g') return;
      if (!(e.target as HTMLElement | null)?.closest('.reader-text')) return;
      e.preventDefault();
      sendRef.current(key === 'g');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => send(false)} data-testid="spotlight-button">
        Spotlight <kbd>S</kbd>
      </button>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => send(true)} data-testid="gather-button">
        Gather everyone here <kbd>G</kbd>
      </button>
      {error && (
        <span className="popup-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
