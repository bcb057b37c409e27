'use client';
/**
 * The document's meeting as the reader shows it: the open meeting (read over HTTP on mount and again whenever the
 * room says it changed — notice `meeting`), the meeting that just ended (so the page can offer its summary), the
 * server's clock (countdowns count by it), and the facilitator's actions. The server enforces who may do what;
 * this only asks and shows. Nothing here ticks: the banner and the panel keep their own clocks, so the reader does
 * not render every second.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomClient } from '../../lib/collab/room-client.ts';
import type { MeetingAnswer } from '../api/documents/[id]/meetings/meeting-response.ts';
import { apiRequest } from './api-request.ts';
import { useRoomNotice } from './use-room-notice.ts';

/** A meeting as the routes answer it: the routes' own type (a type only: nothing of the server reaches the page). */
export type { MeetingAnswer };

/** What the panel shows. */
export type MeetingView = { tab: 'meeting' } | { tab: 'summary'; meetingId: string } | { tab: 'participation' };

export interface MeetingState {
  documentId: string;
  canModerate: boolean;
  status: 'loading' | 'ready' | 'error';
  /** The open meeting, or null. */
  meeting: MeetingAnswer | null;
  /** The meeting that ended while this page was open (its summary is offered), or null. */
  ended: MeetingAnswer | null;
  dismissEnded(): void;
  /** Server time minus this browser's time, in ms (a countdown adds it to Date.now()). */
  skew: number;
  /** Bumped whenever the meetings changed (lists read again). */
  version: number;
  panel: MeetingView | null;
  openPanel(view?: MeetingView): void;
  closePanel(): void;
  refresh(): void;
  start(title: string, blindUntil: Date | null): Promise<void>;
  setPhase(blindUntil: Date | null): Promise<void>;
  end(): Promise<MeetingAnswer>;
}

/** The meeting of `documentId`, kept up to date through the room's notices. */
export function useMeeting(documentId: string, client: RoomClient | null, canModerate: boolean): MeetingState {
  const base = `/api/documents/${encodeURIComponent(documentId)}/meetings`;
  const [status, setStatus] = useState<MeetingState['status']>('loading');
  const [meeting, setMeeting] = useState<MeetingAnswer | null>(null);
  const [ended, setEnded] = useState<MeetingAnswer | null>(null);
  const [skew, setSkew] = useState(0);
  const [version, setVersion] = useState(0);
  const [panel, setPanel] = useState<MeetingView | null>(null);
  const open = useRef<MeetingAnswer | null>(null);
  const seq = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    void apiRequest<{ meeting: MeetingAnswer | null; now: string }>(`${base}/current`)
      .then((answer) => {
        if (mine !== seq.current) return;
        setSkew(Date.parse(answer.now) - Date.now());
        const before = open.current;
        // The meeting this page saw open is over: the page offers its summary.
        if (before && answer.meeting?.id !== before.id) setEnded({ ...before, endedAt: answer.now, phase: 'open' });
        if (answer.meeting) setEnded(null);
        open.current = answer.meeting;
        setMeeting(answer.meeting);
        setStatus('ready');
        setVersion((v) => v + 1);
      })
      .catch(() => {
        if (mine === seq.current) setStatus('error');
      });
  }, [base]);

  // Read on mount, and again with every new copy of the room: a phase starting or ending closes the room's sockets
  // (4509) before its notice is sent, and the page's fresh copy joins after it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new client is the reason to read again
  useEffect(() => {
    refresh();
  }, [refresh, client]);
  useRoomNotice(client, 'meeting', refresh);

  const start = useCallback(
    async (title: string, blindUntil: Date | null) => {
      await apiRequest(base, 'POST', { ...(title.trim() ? { title: title.trim() } : {}), blindUntil: blindUntil?.toISOString() ?? null });
      refresh();
    },
    [base, refresh],
  );
  const setPhase = useCallback(
    async (blindUntil: Date | null) => {
      await apiRequest(`${base}/current`, 'PATCH', { blindUntil: blindUntil?.toISOString() ?? null });
      refresh();
    },
    [base, refresh],
  );
  const end = useCallback(async () => {
    const answer = await apiRequest<{ meeting: MeetingAnswer }>(`${base}/current/end`, 'POST');
    open.current = null;
    setMeeting(null);
    setEnded(null);
    setVersion((v) => v + 1);
    return answer.meeting;
  }, [base]);

  return {
    documentId,
    canModerate,
    status,
    meeting,
    ended,
    dismissEnded: useCallback(() => setEnded(null), []),
    skew,
    version,
    panel,
    openPanel: useCallback((view: MeetingView = { tab: 'meeting' }) => setPanel(view), []),
    closePanel: useCallback(() => setPanel(null), []),
    refresh,
    start,
    setPhase,
    end,
  };
}

/** This browser's clock corrected by `skew`, read every second while `active` (for countdowns and elapsed times). */
export function useServerNow(skew: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    setNow(Date.now() + skew);
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now() + skew), 1000);
    return () => window.clearInterval(timer);
  }, [skew, active]);
  return now;
}

/** `20:00` in the reader's own time zone. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** `26 Nov 2026` (the reader's locale). */
export function meetingDate(iso: string): string {
  return new Date(iso).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
}

/** `4:05`, `1:02:05`: a countdown's or an elapsed time's digits. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
