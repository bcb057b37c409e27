'use client';
/**
 * Who may be mentioned on the document being read (`GET /api/documents/<id>/members`), for the composer's and the
 * reply box's `@` autocomplete and for drawing mentions in cards. The reader asks once per page
 * ({@link useMentionMembers}; the route answers signed-in readers only); the fields and cards read it with
 * {@link useMentions} — a small store rather than a React context, so the reader's tree needs no new wrapper.
 * Without it nothing is offered and comments are drawn as plain text.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { inboxLimits } from '../../lib/limits.ts';
import type { Candidate } from '../../lib/mentions/autocomplete.ts';
import { MentionMatcher } from '../../lib/mentions/find-mentions.ts';

/** The mentionable members and their matcher; `myId` is the reader's own (left out of the autocomplete). */
export interface Mentions {
  members: readonly Candidate[];
  matcher: MentionMatcher;
  myId: string;
}

let current: Mentions | null = null;
const listeners = new Set<() => void>();

function set(next: Mentions | null): void {
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The page's mentions, or null (not signed in, or not loaded yet). */
export function useMentions(): Mentions | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

/** Loads who may be mentioned on `documentId` for the page, while the calling component is mounted. */
export function useMentionMembers(documentId: string, myId: string | null): void {
  useEffect(() => {
    if (!myId) return;
    let live = true;
    void fetch(`/api/documents/${encodeURIComponent(documentId)}/members?limit=${inboxLimits.membersMax}`, { cache: 'no-store' })
      .then(async (res) => (res.ok ? ((await res.json()) as { members: Candidate[] }).members : null))
      .then((members) => {
        if (live && members) set({ members, matcher: new MentionMatcher(members.map((m) => m.name)), myId });
      })
      .catch(() => {
        /* no autocomplete: the composer still writes */
      });
    return () => {
      live = false;
      set(null);
    };
  }, [documentId, myId]);
}
