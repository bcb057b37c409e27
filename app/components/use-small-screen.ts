'use client';
/** Whether the window is at most the small-screen breakpoint wide (lib/layout/breakpoint.ts), kept current. */
import { useSyncExternalStore } from 'react';
import { smallScreenQuery } from '../../lib/layout/breakpoint.ts';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(smallScreenQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** False on the server and in the first client render (hydration), then the media query's answer. */
export function useSmallScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(smallScreenQuery).matches,
    () => false,
  );
}
