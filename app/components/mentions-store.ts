'use client';
/**
 * Who may be mentioned on the document being read (`GET /api/documents/<id>/members`), for the composer's and the
 * reply box's `@` autocomplete and for drawing mentions in cards. The reader asks when the page opens
 * ({@link useMentionMembers}; the route answers signed-in readers only) and again when an `@` is typed more than a
 * minute later ({@link refreshMentionsIfStale}); the fields and cards read it with
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

/** The list is asked again when an `@` is typed this long after it was read (on an open text, writers join). */
const freshForMs = 60_000;

/** What the page loads, and when it last did. */
let source: { documentId: string; myId: string; loadedAt: number; live: boolean } | null = null;

function load(documentId: string, myId: string): void {
  const asked = { documentId, myId, loadedAt: Date.now(), live: true };
  source = asked;
  void fetch(`/api/documents/${encodeURIComponent(documentId)}/members?limit=${inboxLimits.membersMax}`, { cache: 'no-store' })
    .then(async (res) => (res.ok ? ((await res.json()) as { members: Candidate[] }).members : null))
    .then((members) => {
      if (asked.live && source === asked && members) set({ members, matcher: new MentionMatcher(members.map((m) => m.name)), myId });
    })
    .catch(() => {
      /* no autocomplete: the composer still writes */
    });
}

/** Reads the members again if the list is older than a minute (the autocomplete asks when it opens). */
export function refreshMentionsIfStale(): void {
  if (source?.live && Date.now() - source.loadedAt > freshForMs) load(source.documentId, source.myId);
}

/** Loads who may be mentioned on `documentId` for the page, while the calling component is mounted. */
export function useMentionMembers(documentId: string, myId: string | null): void {
  useEffect(() => {
    if (!myId) return;
    load(documentId, myId);
    return () => {
      if (source) source.live = false;
      source = null;
      set(null);
    };
  }, [documentId, myId]);
}
