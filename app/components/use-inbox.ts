'use client';
/**
 * The signed-in reader's inbox (`GET /api/inbox`): read when the page opens, again when the room says something
 * arrived (the `inbox` notice, on the reader's socket of any document), when the window comes back into view, and
 * every minute for pages without a room (the library). Marking read goes through `POST /api/inbox/read`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomClient } from '../../lib/collab/room-client.ts';
import type { InboxItem } from '../api/inbox/inbox-items.ts';
import { apiRequest } from './api-request.ts';
import { useRoomNotice } from './use-room-notice.ts';

/** One item as the route answers it: the route's own type (a type only: nothing of the server reaches the page). */
export type InboxItemView = InboxItem;

export interface InboxState {
  items: InboxItemView[] | null;
  unread: number;
  /** How many items the inbox holds in all (more than `items` when older ones are not loaded yet). */
  total: number;
  /** Loads the next older items. */
  more(): void;
  error: string | null;
  loading: boolean;
  refresh(): void;
  markRead(items: ReadonlyArray<{ documentId: string; annotationId: string }> | 'all'): Promise<void>;
}

const pollMs = 60_000;
/** Items read at a time (the newest first; "Show older" reads the next). */
const pageSize = 50;

export function useInbox(client: RoomClient | null, enabled: boolean): InboxState {
  const [items, setItems] = useState<InboxItemView[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);

  const refresh = useCallback(() => {
    if (!enabled) return;
    const seq = ++asked.current;
    setLoading(true);
    apiRequest<{ items: InboxItemView[]; unread: number; total: number }>(`/api/inbox?limit=${pageSize}`)
      .then((body) => {
        if (seq !== asked.current) return;
        setItems(body.items);
        setUnread(body.unread);
        setTotal(body.total);
        setError(null);
      })
      .catch((err: unknown) => seq === asked.current && setError(err instanceof Error ? err.message : String(err)))
      .finally(() => seq === asked.current && setLoading(false));
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    refresh();
    const timer = setInterval(refresh, pollMs);
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled, refresh]);

  useRoomNotice(client, 'inbox', refresh);

  const more = useCallback(() => {
    const offset = items?.length ?? 0;
    const seq = ++asked.current;
    setLoading(true);
    apiRequest<{ items: InboxItemView[]; unread: number; total: number }>(`/api/inbox?offset=${offset}&limit=${pageSize}`)
      .then((body) => {
        if (seq !== asked.current) return;
        const key = (i: InboxItemView) => `${i.documentId}\u0000${i.annotationId}`;
        setItems((list) => {
          const have = new Set((list ?? []).map(key));
          return [...(list ?? []), ...body.items.filter((i) => !have.has(key(i)))];
        });
        setUnread(body.unread);
        setTotal(body.total);
      })
      .catch((err: unknown) => seq === asked.current && setError(err instanceof Error ? err.message : String(err)))
      .finally(() => seq === asked.current && setLoading(false));
  }, [items]);

  const markRead = useCallback<InboxState['markRead']>(
    async (which) => {
      const keys = which === 'all' ? null : new Set(which.map((i) => `${i.documentId}\u0000${i.annotationId}`));
      // At once on the page; the server's count follows.
      setItems(
        (list) => list?.map((i) => (!keys || keys.has(`${i.documentId}\u0000${i.annotationId}`) ? { ...i, read: true } : i)) ?? list,
      );
      try {
        const body = await apiRequest<{ unread: number }>('/api/inbox/read', 'POST', which === 'all' ? { all: true } : { items: which });
        setUnread(body.unread);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        refresh();
      }
    },
    [refresh],
  );

  return { items, unread, total, more, error, loading, refresh, markRead };
}
