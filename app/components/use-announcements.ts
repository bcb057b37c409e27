'use client';
/**
 * What the reader's live region says (live-region.tsx): the room's changes after it has synced, in words, a burst
 * coalesced into one sentence (lib/annotations/announcements.ts), and what the page asks to say itself ("No next
 * note"). A room opening with thousands of notes says nothing: its first sync is the baseline, not news.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { announcementOf, noteChanges, presenceChanges, type NotesView } from '../../lib/annotations/announcements.ts';
import type { Tag } from '../../lib/annotations/schema.ts';
import type { RoomClient } from '../../lib/collab/room-client.ts';

/** A sentence to say; `seq` tells two equal sentences apart, so the second is said too. */
export interface Announcement {
  text: string;
  seq: number;
}

/** Quiet time after a change before it is said (more changes in it join the same sentence)… */
const settleMs = 700;
/** …but a steady stream is still said this often. */
const maxWaitMs = 2500;
/** Presence settles a moment after the notes sync (the others' states arrive one by one): arrivals before are not news. */
const presenceSettleMs = 2000;

interface Peer {
  id: string;
  name: string;
  self: boolean;
}

export interface AnnouncementsInput {
  client: RoomClient | null;
  notes: NotesView;
  tags: ReadonlyMap<string, Tag>;
  peers: readonly Peer[];
  myId: string | null;
}

export function useAnnouncements({ client, notes, tags, peers, myId }: AnnouncementsInput) {
  const [message, setMessage] = useState<Announcement | null>(null);
  const [synced, setSynced] = useState(false);
  const seq = useRef(0);
  const say = useCallback((text: string) => setMessage({ text, seq: ++seq.current }), []);

  // Synced once per client: a reconnection's catch-up is news (coalesced like any burst).
  useEffect(() => {
    setSynced(false);
    if (!client) return;
    const onSync = (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    };
    if (client.provider.synced) setSynced(true);
    client.provider.on('sync', onSync);
    return () => client.provider.off('sync', onSync);
  }, [client]);

  const latest = useRef({ notes, tags, peers, myId });
  latest.current = { notes, tags, peers, myId };
  const baseline = useRef<{ notes: NotesView; peers: readonly Peer[] | null } | null>(null);
  const timers = useRef<{ settle: number | null; max: number | null; presence: number | null }>({
    settle: null,
    max: null,
    presence: null,
  });

  const flush = useCallback(() => {
    const t = timers.current;
    for (const key of ['settle', 'max'] as const) {
      if (t[key] !== null) window.clearTimeout(t[key]);
      t[key] = null;
    }
    const base = baseline.current;
    if (!base) return;
    const now = latest.current;
    const others = now.peers.filter((p) => !p.self);
    const notesChanged = base.notes === now.notes ? [] : noteChanges(base.notes, now.notes, now.myId);
    const changes = [...notesChanged, ...(base.peers ? presenceChanges(base.peers, others) : [])];
    baseline.current = { notes: now.notes, peers: base.peers ? others : null };
    const text = announcementOf(changes, now.tags);
    if (text) say(text);
  }, [say]);

  // The first synced snapshot is the baseline; later snapshots (and who is here) schedule a flush.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of who is here (peers) is news too; the flush reads it from `latest`
  useEffect(() => {
    if (!synced) {
      baseline.current = null;
      return;
    }
    if (!baseline.current) {
      baseline.current = { notes, peers: null };
      timers.current.presence = window.setTimeout(() => {
        if (baseline.current) baseline.current = { ...baseline.current, peers: latest.current.peers.filter((p) => !p.self) };
      }, presenceSettleMs);
      return;
    }
    if (baseline.current.notes === notes && !baseline.current.peers) return;
    const t = timers.current;
    if (t.settle !== null) window.clearTimeout(t.settle);
    t.settle = window.setTimeout(flush, settleMs);
    t.max ??= window.setTimeout(flush, maxWaitMs);
  }, [synced, notes, peers, flush]);

  useEffect(
    () => () => {
      const t = timers.current;
      for (const id of [t.settle, t.max, t.presence]) if (id !== null) window.clearTimeout(id);
    },
    [],
  );

  return { message, announce: say };
}
