'use client';
/**
 * The reader's own presence choices, shared by the who's-here list (which offers them) and the presence layer (which
 * acts on them) without threading callbacks through the reader: whether this reader is invisible (remembered per
 * browser, lib/presence/invisible.ts) and requests to follow someone (a name pressed in the list).
 */
import { useSyncExternalStore } from 'react';
import { isInvisible, rememberInvisible } from '../../lib/presence/invisible.ts';

const listeners = new Set<() => void>();
let invisible: boolean | null = null;
const followListeners = new Set<(id: string) => void>();
let followingId: string | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this reader is invisible (false while rendering on the server). */
export function useInvisible(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => (invisible ??= isInvisible()),
    () => false,
  );
}

/** Makes this reader invisible or visible again, and remembers it in this browser. */
export function setInvisible(value: boolean): void {
  invisible = value;
  rememberInvisible(value);
  for (const l of listeners) l();
}

/** Asks the presence layer to follow the reader `id` (or stop, if they are followed already). */
export function requestFollow(id: string): void {
  for (const l of followListeners) l(id);
}

/** Hears follow requests; returns the removal. */
export function onFollowRequest(listener: (id: string) => void): () => void {
  followListeners.add(listener);
  return () => followListeners.delete(listener);
}

/** Says who is followed now (the presence layer), for the who's-here list. */
export function setFollowing(id: string | null): void {
  if (id === followingId) return;
  followingId = id;
  for (const l of listeners) l();
}

/** The id of the reader followed now, or null. */
export function useFollowing(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => followingId,
    () => null,
  );
}
