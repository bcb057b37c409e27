'use client';
/**
 * The book-club meeting in the reader (issue 11, points 4 and 7): the header's *Meeting* button; a slim banner
 * while a meeting runs ("Meeting: Chapter 3 — annotating alone until 20:00, then the notes open"), and after one
 * ends ("See the summary"); and the Meeting panel — facilitators start a meeting (a title, optionally "Annotate alone
 * until [time]"), watch it run (elapsed, the phase's countdown), open the notes early and end it; everyone reads the
 * summary of the last meeting and past ones (meeting-summary-view.tsx); facilitators have the gentle participation
 * view (participation-view.tsx). The server decides everything; this asks and shows.
 */
import type { EditorView } from 'prosemirror-view';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import { apiRequest } from './api-request.ts';
import styles from './meeting.module.css';
import { MeetingSummaryView } from './meeting-summary-view.tsx';
import { ParticipationView } from './participation-view.tsx';
import { clockTime, duration, type MeetingAnswer, type MeetingState, meetingDate, useServerNow } from './use-meeting.ts';
import { blockElementAt } from './use-outline.ts';

/** The header's button that opens the Meeting panel (marked while a meeting runs). */
export function MeetingButton({ meeting }: { meeting: MeetingState }) {
  const running = meeting.meeting !== null;
  // A facilitator starts meetings, on a phone too; a reader needs the button only while one runs (past summaries are
  // reached from the banner).
  const quiet = !running && !meeting.canModerate;
  return (
    <button
      type="button"
      className={`meeting-toggle${quiet ? ` ${styles.idleToggle}` : ''}`}
      aria-expanded={meeting.panel !== null}
      onClick={() => (meeting.panel ? meeting.closePanel() : meeting.openPanel())}
      title={running ? 'A meeting is running' : 'Meeting'}
    >
      Meeting
      {running && <span className={styles.dot} aria-hidden="true" />}
      {running && <span className="sr-only"> (running)</span>}
    </button>
  );
}

/** What the reader gives the meeting's views to show passages. */
export interface MeetingJumps {
  view: EditorView | null;
  positions: PositionMap;
  /** "ch. 3, ¶ 12" for a text offset. */
  locatorAt(offset: number): string;
  /** Opens a note of the room (its passage in the middle, its card shown). */
  onOpenNote(id: string): void;
}

/** Scrolls the block holding text offset `offset` into the middle of the window. */
function scrollToOffset(jumps: MeetingJumps, offset: number): void {
  if (!jumps.view) return;
  blockElementAt(jumps.view, jumps.positions, offset)?.scrollIntoView({ block: 'center', behavior: 'instant' });
}

/** The phase in words, for the banner and the panel. */
function phaseWords(m: MeetingAnswer, now: number): string | null {
  if (!m.blindUntil) return null;
  const left = Date.parse(m.blindUntil) - now;
  if (m.phase === 'alone' && left > 0) return `annotating alone until ${clockTime(m.blindUntil)}, then the notes open`;
  return 'the notes are open';
}

/** The banner under the header while a meeting runs, or after one ended on this page; and the panel when open. */
export function MeetingBar({ meeting, signedIn, jumps }: { meeting: MeetingState; signedIn: boolean; jumps: MeetingJumps }) {
  const m = meeting.meeting;
  const now = useServerNow(meeting.skew, m?.phase === 'alone');
  // The phase's time came: the server opens the notes (and says so); ask again in case the notice was missed.
  const due = m?.phase === 'alone' && m.blindUntil !== null && Date.parse(m.blindUntil) <= now;
  const { refresh } = meeting;
  useEffect(() => {
    if (!due) return;
    const timer = window.setTimeout(refresh, 2000);
    return () => window.clearTimeout(timer);
  }, [due, refresh]);
  return (
    <>
      {m && (
        <p className={styles.banner} role="status" data-testid="meeting-banner">
          <strong>Meeting:</strong> {m.title}
          {phaseWords(m, now) ? ` — ${phaseWords(m, now)}` : ''}
          {m.phase === 'alone' && Date.parse(m.blindUntil ?? '') > now && (
            <span className={styles.countdown}> ({duration(Date.parse(m.blindUntil ?? '') - now)} left)</span>
          )}
          .{' '}
          <button type="button" className="link small" onClick={() => meeting.openPanel()}>
            {meeting.canModerate ? 'Run it' : 'Details'}
          </button>
        </p>
      )}
      {!m && meeting.ended && (
        <p className={styles.banner} role="status" data-testid="meeting-ended-banner">
          The meeting <strong>{meeting.ended.title}</strong> has ended.{' '}
          <button type="button" className="link small" onClick={() => meeting.openPanel({ tab: 'summary', meetingId: meeting.ended!.id })}>
            See the summary
          </button>{' '}
          <button type="button" className="link small" onClick={meeting.dismissEnded} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      {meeting.panel && <MeetingPanel meeting={meeting} signedIn={signedIn} jumps={jumps} />}
    </>
  );
}

function MeetingPanel({ meeting, signedIn, jumps }: { meeting: MeetingState; signedIn: boolean; jumps: MeetingJumps }) {
  const panel = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const tabIds = useId();
  const view = meeting.panel ?? { tab: 'meeting' as const };
  const tabs = meeting.canModerate
    ? ([
        ['meeting', 'Meeting'],
        ['participation', 'Participation'],
      ] as const)
    : ([['meeting', 'Meeting']] as const);
  const tab = view.tab === 'summary' ? 'meeting' : view.tab;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector<HTMLElement>('h2 + button, button')?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (view.tab === 'summary') meeting.openPanel({ tab: 'meeting' });
    else meeting.closePanel();
  };
  const onTabKey = (event: KeyboardEvent<HTMLElement>) => {
    if (tabs.length < 2 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next = tab === 'meeting' ? 'participation' : 'meeting';
    meeting.openPanel({ tab: next });
    document.getElementById(`${tabIds}-${next}`)?.focus();
  };

  return (
    <section ref={panel} className={styles.panel} aria-labelledby={titleId} onKeyDown={onKey} data-testid="meeting-panel">
      <div className="toc-head">
        <h2 id={titleId}>Meeting</h2>
        <button type="button" className="link small" onClick={meeting.closePanel}>
          Close
        </button>
      </div>
      {tabs.length > 1 && (
        <div className="themes-tabs" role="tablist" aria-label="Meeting views" onKeyDown={onTabKey}>
          {tabs.map(([name, label]) => (
            <button
              key={name}
              id={`${tabIds}-${name}`}
              type="button"
              role="tab"
              aria-selected={tab === name}
              aria-controls={tab === name ? `${tabIds}-panel` : undefined}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => meeting.openPanel({ tab: name })}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <div
        className={styles.body}
        {...(tabs.length > 1 ? { id: `${tabIds}-panel`, role: 'tabpanel', 'aria-labelledby': `${tabIds}-${tab}` } : {})}
      >
        {view.tab === 'summary' ? (
          <MeetingSummaryView
            documentId={meeting.documentId}
            meetingId={view.meetingId}
            signedIn={signedIn}
            onBack={() => meeting.openPanel({ tab: 'meeting' })}
            locatorAt={jumps.locatorAt}
            onOpenNote={jumps.onOpenNote}
            onJumpTo={(offset) => scrollToOffset(jumps, offset)}
          />
        ) : view.tab === 'participation' ? (
          <ParticipationView documentId={meeting.documentId} openMeeting={meeting.meeting} />
        ) : (
          <>
            <CurrentMeeting meeting={meeting} />
            <PastMeetings meeting={meeting} />
          </>
        )}
      </div>
    </section>
  );
}

/** `HH:MM` of a time input as the next such moment from `now` (today, or tomorrow when already past). */
export function nextAt(hhmm: string, now: Date): Date | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 1);
  return at;
}

/** `HH:MM`, `minutes` from now (rounded up to five minutes), for the time input's first value. */
function defaultTime(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 5) * 5, 0, 0);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function CurrentMeeting({ meeting }: { meeting: MeetingState }) {
  const m = meeting.meeting;
  const now = useServerNow(meeting.skew, m !== null);
  const [title, setTitle] = useState('');
  const [alone, setAlone] = useState(false);
  const [until, setUntil] = useState(() => defaultTime(15));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const fieldIds = useId();

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (meeting.status === 'loading') return <p aria-busy="true">Loading the meeting…</p>;
  if (meeting.status === 'error')
    return (
      <p role="alert">
        The meeting could not be read.{' '}
        <button type="button" className="link small" onClick={meeting.refresh}>
          Try again
        </button>
      </p>
    );

  if (!m) {
    if (!meeting.canModerate) return <p className="empty">No meeting is running. A facilitator starts one.</p>;
    return (
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          const blindUntil = alone ? nextAt(until, new Date(now)) : null;
          if (alone && !blindUntil) return setError('Choose a time to annotate alone until.');
          void act(() => meeting.start(title, blindUntil));
        }}
      >
        <p className="group-hint">Start a meeting: everything written until you end it is in its summary.</p>
        <label htmlFor={`${fieldIds}-title`}>Title</label>
        <input
          id={`${fieldIds}-title`}
          value={title}
          maxLength={120}
          placeholder="e.g. Chapter 3"
          onChange={(e) => setTitle(e.target.value)}
        />
        <label className={styles.check}>
          <input type="checkbox" checked={alone} onChange={(e) => setAlone(e.target.checked)} /> Annotate alone until
          <input
            type="time"
            aria-label="Annotate alone until (time)"
            value={until}
            disabled={!alone}
            onChange={(e) => setUntil(e.target.value)}
          />
        </label>
        {alone && <p className="group-hint">Until then everyone but facilitators sees only their own notes; then the notes open.</p>}
        <div className={styles.actions}>
          <button type="submit" className="primary" disabled={busy}>
            Start the meeting
          </button>
        </div>
        {error && <p role="alert">{error}</p>}
      </form>
    );
  }

  const left = m.blindUntil ? Date.parse(m.blindUntil) - now : 0;
  return (
    <div className={styles.running} data-testid="meeting-running">
      <p>
        <strong>{m.title}</strong> — running for {duration(now - Date.parse(m.startedAt))} (since {clockTime(m.startedAt)}).
      </p>
      {m.phase === 'alone' && left > 0 ? (
        <p>
          Annotating alone: the notes open at {clockTime(m.blindUntil!)}, in <span className={styles.countdown}>{duration(left)}</span>.
        </p>
      ) : m.blindUntil ? (
        <p>The notes are open.</p>
      ) : null}
      {meeting.canModerate && !(m.phase === 'alone' && left > 0) && (
        <form
          className={styles.check}
          onSubmit={(e) => {
            e.preventDefault();
            const blindUntil = nextAt(until, new Date(now));
            if (blindUntil) void act(() => meeting.setPhase(blindUntil));
          }}
        >
          <label htmlFor={`${fieldIds}-until`}>Annotate alone until</label>
          <input id={`${fieldIds}-until`} type="time" value={until} onChange={(e) => setUntil(e.target.value)} />
          <button type="submit" disabled={busy}>
            Start this phase
          </button>
        </form>
      )}
      {meeting.canModerate && (
        <div className={styles.actions}>
          {m.phase === 'alone' && left > 0 && (
            <button type="button" disabled={busy} onClick={() => void act(() => meeting.setPhase(null))}>
              Open the notes now
            </button>
          )}
          {confirmEnd ? (
            <>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const ended = await meeting.end();
                    meeting.openPanel({ tab: 'summary', meetingId: ended.id });
                  })
                }
              >
                End it for everyone
              </button>
              <button type="button" onClick={() => setConfirmEnd(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => setConfirmEnd(true)}>
              End the meeting…
            </button>
          )}
        </div>
      )}
      <button type="button" className="link small" onClick={() => meeting.openPanel({ tab: 'summary', meetingId: m.id })}>
        The summary so far
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

function PastMeetings({ meeting }: { meeting: MeetingState }) {
  const [list, setList] = useState<MeetingAnswer[] | null | 'error'>(null);
  const base = `/api/documents/${encodeURIComponent(meeting.documentId)}/meetings`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever the meetings changed (version)
  useEffect(() => {
    let live = true;
    void apiRequest<{ meetings: MeetingAnswer[] }>(base)
      .then((answer) => live && setList(answer.meetings.filter((m) => m.endedAt)))
      .catch(() => live && setList('error'));
    return () => {
      live = false;
    };
  }, [base, meeting.version]);
  return (
    <section className={styles.past} aria-label="Past meetings">
      <h3>Past meetings</h3>
      {list === null ? (
        <p aria-busy="true">Loading…</p>
      ) : list === 'error' ? (
        <p role="alert">The past meetings could not be read.</p>
      ) : list.length === 0 ? (
        <p className="empty">No meeting has ended yet.</p>
      ) : (
        <ul className={styles.list}>
          {list.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => meeting.openPanel({ tab: 'summary', meetingId: m.id })}>
                {m.title}
              </button>{' '}
              <span className="group-hint">
                {meetingDate(m.startedAt)}, {clockTime(m.startedAt)}–{clockTime(m.endedAt!)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
