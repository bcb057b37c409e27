'use client';
/**
 * React state of a live room: the notes, the tags, who is here and the connection status. Each Yjs change
 * replaces only the entries it touched; the editor diffs those to update its decorations incrementally.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { annotationSchema, tagSchema, type Annotation, type Tag } from '../../lib/annotations/schema.ts';
import { parsePresenceState } from '../../lib/collab/presence-state.ts';
import { isRefusal } from '../../lib/collab/refusal.ts';
import type { RoomClient, RoomReader } from '../../lib/collab/room-client.ts';

export type RoomStatus = 'connecting' | 'connected' | 'disconnected' | 'unknown-document';

export interface RoomState {
  client: RoomClient | null;
  annotations: ReadonlyMap<string, Annotation>;
  tags: ReadonlyMap<string, Tag>;
  peers: Array<RoomReader & { clientId: number; self: boolean }>;
  status: RoomStatus;
  /** Ids of my notes the server took back, to tell the reader. */
  refused: string[];
}

function snapshot<T>(map: Y.Map<unknown>, parse: (v: unknown) => T | null, prev: ReadonlyMap<string, T>, keys: Iterable<string>) {
  const next = new Map(prev);
  for (const key of keys) {
    const value = map.get(key);
    const parsed = value === undefined ? null : parse(value);
    if (parsed) next.set(key, parsed);
    else next.delete(key);
  }
  return next;
}

const parseAnnotation = (v: unknown) => annotationSchema.safeParse(v).data ?? null;
const parseTag = (v: unknown) => tagSchema.safeParse(v).data ?? null;

/** Joins the room of `documentId` as `reader` for the lifetime of the component. */
export function useRoom(documentId: string, reader: RoomReader | null | undefined): RoomState {
  const [state, setState] = useState<RoomState>({ client: null, annotations: new Map(), tags: new Map(), peers: [], status: 'connecting', refused: [] });
  /** My writes of the last moments, by key: a remote delete right after one is the server taking it back. */
  const recentlyMine = useRef(new Map<string, number>());

  useEffect(() => {
    if (!reader) return;
    let cleanup: (() => void) | null = null;
    let cancelled = false;
    // Loaded here, in the browser only: server rendering must not evaluate a second copy of Yjs in this process.
    void import('../../lib/collab/room-client.ts').then(({ collabUrlFor, connectRoom }) => {
      if (cancelled) return;
      cleanup = join(connectRoom(collabUrlFor(window.location), documentId, reader), reader);
    });
    return () => {
      cancelled = true;
      cleanup?.();
      setState({ client: null, annotations: new Map(), tags: new Map(), peers: [], status: 'connecting', refused: [] });
    };
  }, [documentId, reader]);

  /** Subscribes React state to a connected room; returns the teardown. */
  function join(client: RoomClient, reader: RoomReader): () => void {
    setState((s) => ({ ...s, client }));

    const onAnnotations = (event: Y.YMapEvent<unknown>) => {
      const refused: string[] = [];
      for (const [key, change] of event.changes.keys) {
        if (event.transaction.local && change.action !== 'delete') recentlyMine.current.set(key, Date.now());
        const wroteAt = recentlyMine.current.get(key);
        if (!event.transaction.local && wroteAt !== undefined) {
          recentlyMine.current.delete(key);
          const removedCreatorId = change.action === 'delete' ? parseAnnotation(change.oldValue)?.creator.id : undefined;
          if (isRefusal({ wroteAt, removedCreatorId, readerId: reader.id, now: Date.now() })) refused.push(key);
        }
      }
      setState((s) => ({
        ...s,
        annotations: snapshot(client.annotations, parseAnnotation, s.annotations, event.keysChanged),
        refused: refused.length ? [...s.refused, ...refused] : s.refused,
      }));
    };
    const onTags = (event: Y.YMapEvent<unknown>) =>
      setState((s) => ({ ...s, tags: snapshot(client.tags, parseTag, s.tags, event.keysChanged) }));
    const onAwareness = () => {
      const peers: RoomState['peers'] = [];
      for (const [clientId, st] of client.provider.awareness.getStates()) {
        // Awareness is anyone's JSON until parsed: only a presence state (colour `#rrggbb`) is shown.
        const presence = parsePresenceState(st);
        if (!presence) continue;
        const { id, name, color } = presence.user;
        peers.push({ id, name, color, clientId, self: clientId === client.doc.clientID });
      }
      peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setState((s) => ({ ...s, peers }));
    };
    const onStatus = ({ status }: { status: string }) =>
      setState((s) => (s.status === 'unknown-document' ? s : { ...s, status: status as RoomStatus }));
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === 4404) {
        client.provider.shouldConnect = false;
        setState((s) => ({ ...s, status: 'unknown-document' }));
      }
    };

    client.annotations.observe(onAnnotations);
    client.tags.observe(onTags);
    client.provider.awareness.on('change', onAwareness);
    client.provider.on('status', onStatus);
    client.provider.on('connection-close', onClose);
    onAwareness();
    return () => {
      client.annotations.unobserve(onAnnotations);
      client.tags.unobserve(onTags);
      client.provider.awareness.off('change', onAwareness);
      client.provider.off('status', onStatus);
      client.provider.off('connection-close', onClose);
      client.destroy();
    };
  }

  return state;
}
