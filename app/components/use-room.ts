'use client';
/**
 * React state of a live room: the connection, who is here, its status and the server's notices. The notes and tags
 * are read through the notes store over `client` (use-notes-store.ts), which owns the room's maps.
 */
import { useEffect, useRef, useState } from 'react';
import { parsePresenceState } from '../../lib/collab/presence-state.ts';
import type { Notice } from '../../lib/collab/notice.ts';
import type { RoomClient, RoomLayer, RoomReader } from '../../lib/collab/room-client.ts';
import type { BlindMode } from '../../lib/annotations/blind.ts';

/** A change of mine the server refused, and why, as its notice said. */
export interface Refusal {
  seq: number;
  key: string | null;
  reason: string;
}

export type SavingState = { state: 'ok' } | { state: 'paused'; reason: string; retryInMs: number } | { state: 'read-only'; reason: string };

/** What opened withheld notes (lib/collab/notice.ts `revealed`). */
export type RevealCause = 'note' | 'reading' | 'agenda';

export type RoomStatus = 'connecting' | 'connected' | 'disconnected' | 'unknown-document' | 'no-access';

export interface RoomState {
  client: RoomClient | null;
  /** Who is here: one entry per reader (a reader with two tabs is listed once), me first. */
  peers: Array<RoomReader & { clientId: number; self: boolean }>;
  status: RoomStatus;
  /** My changes the server took back (or messages it refused), with its reason, newest last. */
  refusals: Refusal[];
  /** Whether the server can save now (from its notices): when it cannot, notes stay in this browser. */
  saving: SavingState;
  /** Counts the times the server said this reader's role or name changed (4509): the page asks for its new role. */
  accessChanges: number;
  /** Reading blind: the last time a note of mine opened a passage, and how many notes of others it showed. */
  revealed: { seq: number; notes: number; cause: RevealCause } | null;
}

const initialState: RoomState = {
  client: null,
  peers: [],
  status: 'connecting',
  refusals: [],
  saving: { state: 'ok' },
  accessChanges: 0,
  revealed: null,
};

/**
 * Joins the room of `documentId` as `reader` (null: not signed in, reading only; undefined: not known yet, so not
 * joined) for the lifetime of the component. The private layer is joined only by a signed-in reader.
 */
export function useRoom(
  documentId: string,
  reader: RoomReader | null | undefined,
  layer: RoomLayer = 'shared',
  blind: BlindMode = 'off',
  /** Another value joins the room again (the reader turned their spoiler guard on or off, which the room reads on joining). */
  joinKey = '',
): RoomState {
  const [state, setState] = useState<RoomState>(initialState);
  const refusalSeq = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: join is a plain function of this hook; the room is joined again only for another document, reader, blind mode or join key
  useEffect(() => {
    if (reader === undefined || (layer === 'private' && !reader)) return;
    let cleanup: (() => void) | null = null;
    let fresh: RoomClient | null = null;
    let cancelled = false;
    // Loaded here, in the browser only: server rendering must not evaluate a second copy of Yjs in this process.
    void import('../../lib/collab/room-client.ts').then(({ collabUrlFor, connectRoom }) => {
      if (cancelled) return;
      const connect = () => connectRoom(collabUrlFor(window.location), documentId, reader, layer, { blind });
      // Reading blind, a note of mine opened passages: this copy holds placeholders for the notes there, so a fresh
      // copy is joined, and swapped in only once it has synced (the page never shows an empty room meanwhile).
      const takeFreshCopy = () => {
        if (fresh || cancelled) return;
        const next = connect();
        fresh = next;
        const onSync = (synced: boolean) => {
          if (!synced || cancelled) return;
          next.provider.off('sync', onSync);
          fresh = null;
          cleanup?.();
          cleanup = join(next, takeFreshCopy);
        };
        next.provider.on('sync', onSync);
      };
      cleanup = join(connect(), takeFreshCopy);
    });
    return () => {
      cancelled = true;
      fresh?.destroy();
      cleanup?.();
      setState(initialState);
    };
  }, [documentId, reader, layer, blind, joinKey]);

  /** Subscribes React state to a connected room; returns the teardown. */
  function join(client: RoomClient, takeFreshCopy: () => void): () => void {
    setState((s) => ({ ...s, client }));

    // The server says why it refused a change, and whether it can save: no guessing from timing.
    const onNotice = (notice: Notice) => {
      if (notice.kind === 'revealed') takeFreshCopy();
      setState((s) => {
        switch (notice.kind) {
          case 'refused':
          case 'rejected': {
            const refusal = { seq: ++refusalSeq.current, key: notice.kind === 'refused' ? notice.key : null, reason: notice.reason };
            return { ...s, refusals: [...s.refusals.slice(-4), refusal] };
          }
          case 'saving-paused':
            return { ...s, saving: { state: 'paused', reason: notice.reason, retryInMs: notice.retryInMs } };
          case 'read-only':
            return { ...s, saving: { state: 'read-only', reason: notice.reason } };
          case 'saving-resumed':
            return { ...s, saving: { state: 'ok' } };
          case 'revealed':
            return { ...s, revealed: { seq: (s.revealed?.seq ?? 0) + 1, notes: notice.notes, cause: notice.cause ?? 'note' } };
          default:
            // The room's own events (spotlight, agenda, meeting, inbox) are heard where they are shown (use-room-notice.ts).
            return s;
        }
      });
    };
    const stopNotices = client.onNotice(onNotice);
    const onAwareness = () => {
      // One entry per reader: the same person in two tabs (two client ids, one user id) is here once, and is
      // "you" when either tab is this one.
      const byUser = new Map<string, RoomState['peers'][number]>();
      for (const [clientId, st] of client.provider.awareness.getStates()) {
        // Awareness is anyone's JSON until parsed: only a presence state (colour `#rrggbb`) is shown.
        const presence = parsePresenceState(st);
        if (!presence) continue;
        const { id, name, color } = presence.user;
        const self = clientId === client.doc.clientID;
        const seen = byUser.get(id);
        if (!seen || (self && !seen.self)) byUser.set(id, { id, name, color, clientId, self });
      }
      const peers = [...byUser.values()];
      peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setState((s) => ({ ...s, peers }));
    };
    const onStatus = ({ status }: { status: string }) =>
      setState((s) => (s.status === 'unknown-document' || s.status === 'no-access' ? s : { ...s, status: status as RoomStatus }));
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === 4404) {
        client.provider.shouldConnect = false;
        setState((s) => ({ ...s, status: 'unknown-document' }));
      } else if (event?.code === 4509) {
        // The provider joins again by itself, under the new role; the page updates what it offers. A copy that
        // read blind may hold placeholders the new rule would show: a fresh copy is swapped in once synced.
        takeFreshCopy();
        setState((s) => ({ ...s, accessChanges: s.accessChanges + 1 }));
      } else if (event?.code === 4403 || event?.code === 4401) {
        // Access taken away (removed from the group) or the session ended: stop, and say so.
        client.provider.shouldConnect = false;
        setState((s) => ({ ...s, status: 'no-access' }));
      }
    };

    client.provider.awareness.on('change', onAwareness);
    client.provider.on('status', onStatus);
    client.provider.on('connection-close', onClose);
    onAwareness();
    // A fresh copy is joined once it has synced, after its own 'connected' event: the page must not keep the old
    // copy's last status ("Offline — reconnecting…" after a 4509) until the next change.
    if (client.provider.wsconnected) onStatus({ status: 'connected' });
    return () => {
      stopNotices();
      client.provider.awareness.off('change', onAwareness);
      client.provider.off('status', onStatus);
      client.provider.off('connection-close', onClose);
      client.destroy();
    };
  }

  return state;
}
