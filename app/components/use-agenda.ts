'use client';
/**
 * The document's agenda as this page knows it: read over HTTP when the page opens, whenever the room says it
 * changed (notice `agenda`) and when the socket connects again (notices sent while it was away are lost); a
 * change made here shows its answer at once. Also whether the Agenda panel is open. The agenda is the server's:
 * this hook neither writes the room nor keeps a copy of its own beyond the last answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomClient } from '../../lib/collab/room-client.ts';
import type { Agenda } from '../../lib/meetings/agenda.ts';
import { fetchAgenda } from './agenda-requests.ts';
import type { RoomStatus } from './use-room.ts';
import { useRoomNotice } from './use-room-notice.ts';

/** Where the page's reading of the agenda stands: the first reading under way, an answer, or a failure (with the last agenda read). */
export type AgendaLoad =
  | { status: 'loading' }
  | { status: 'ready'; agenda: Agenda }
  | { status: 'error'; error: string; agenda: Agenda | null };

/** The agenda as the page shows it, and the Agenda panel's open state. */
export interface AgendaState {
  documentId: string;
  load: AgendaLoad;
  /** The agenda last read (null before the first answer). */
  agenda: Agenda | null;
  /** Reads the agenda again. */
  reload(): void;
  /** Shows an agenda a change answered with, or one the page expects (a move shown before its answer). */
  show(agenda: Agenda): void;
  /**
   * A change of this page's is under way: until every one begun has ended, readings of the agenda (and answers to
   * all but the last change) would show an older order than the page expects, so they wait.
   */
  begin(): void;
  /** A change ended with this answer (null: it failed, and the agenda is read again once none is under way). */
  end(agenda: Agenda | null): void;
  panelOpen: boolean;
  setPanelOpen(open: boolean | ((open: boolean) => boolean)): void;
}

/** Reads and follows `documentId`'s agenda over HTTP, re-reading on the room's `agenda` notice and on reconnect. */
export function useAgenda(documentId: string, client: RoomClient | null, status: RoomStatus): AgendaState {
  const [load, setLoad] = useState<AgendaLoad>({ status: 'loading' });
  const [panelOpen, setPanelOpen] = useState(false);
  // Answers may arrive out of order: only the latest request's answer is shown.
  const seq = useRef(0);
  // Changes of this page's under way, and whether a reading was asked for meanwhile.
  const pending = useRef(0);
  const wanted = useRef(false);
  const reload = useCallback(() => {
    if (pending.current > 0) {
      wanted.current = true;
      return;
    }
    const mine = ++seq.current;
    fetchAgenda(documentId)
      .then((agenda) => {
        if (mine === seq.current) setLoad({ status: 'ready', agenda });
      })
      .catch((err: Error) => {
        if (mine === seq.current)
          setLoad((was) => ({ status: 'error', error: err.message, agenda: was.status === 'loading' ? null : was.agenda }));
      });
  }, [documentId]);
  const show = useCallback((agenda: Agenda) => {
    seq.current++;
    setLoad({ status: 'ready', agenda });
  }, []);
  const begin = useCallback(() => {
    pending.current++;
    // A reading already on its way is older than the change: it is not shown.
    seq.current++;
  }, []);
  const end = useCallback(
    (agenda: Agenda | null) => {
      pending.current = Math.max(0, pending.current - 1);
      if (agenda === null) wanted.current = true;
      if (pending.current > 0) return;
      if (agenda) show(agenda);
      if (wanted.current) {
        wanted.current = false;
        reload();
      }
    },
    [show, reload],
  );
  useEffect(() => {
    if (status === 'connected') reload();
  }, [status, reload]);
  useEffect(() => {
    // Before the room connects (or where it cannot), the agenda is still read once.
    reload();
  }, [reload]);
  useRoomNotice(client, 'agenda', reload);
  const agenda = load.status === 'loading' ? null : load.agenda;
  return { documentId, load, agenda, reload, show, begin, end, panelOpen, setPanelOpen };
}
