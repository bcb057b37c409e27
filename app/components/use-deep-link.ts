'use client';
/**
 * A link to a note (`/d/<id>#<annotationId>`, the card's time is one) opens the text at that note once the note has
 * arrived from the room; following another such link on the page does the same.
 */
import { useEffect, useRef, useState } from 'react';
import type { Placements } from './use-anchoring.ts';

/** Calls `open(id)` once for the linked note, as soon as it is placed in the text. */
export function useDeepLink(placed: Placements, ready: boolean, open: (id: string) => void): void {
  const [linkedId, setLinkedId] = useState<string | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const read = () => setLinkedId(decodeURIComponent(window.location.hash.slice(1)) || null);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  useEffect(() => {
    if (!linkedId || !ready || !placed.get(linkedId)) return;
    setLinkedId(null);
    openRef.current(linkedId);
  }, [linkedId, placed, ready]);
}
