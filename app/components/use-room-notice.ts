'use client';
/**
 * Listens to one kind of the room's notices (lib/collab/notice.ts) where it is shown: the spotlight banner hears
 * `spotlight`, the agenda `agenda`, the inbox `inbox`. Follows the room's client across fresh copies (use-room.ts).
 */
import { useEffect, useRef } from 'react';
import type { Notice } from '../../lib/collab/notice.ts';
import type { RoomClient } from '../../lib/collab/room-client.ts';

export function useRoomNotice<K extends Notice['kind']>(
  client: RoomClient | null,
  kind: K,
  listener: (notice: Extract<Notice, { kind: K }>) => void,
): void {
  // The latest listener, without joining again each render.
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    if (!client) return;
    return client.onNotice((notice) => {
      if (notice.kind === kind) latest.current(notice as Extract<Notice, { kind: K }>);
    });
  }, [client, kind]);
}
