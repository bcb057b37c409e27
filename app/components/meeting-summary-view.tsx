'use client';
/**
 * A meeting's summary in the Meeting panel (lib/meetings/meeting-summary.ts, read from
 * `GET …/meetings/<id>/summary`, so it holds exactly what this reader may see): the questions discussed, the notes
 * and replies written during the meeting, the passages spotlighted and the most reacted notes, each with a link to
 * its passage; Download (Markdown) and "Export notes from this meeting…" (the essay export, `meeting=<id>`).
 */
import { useEffect, useState } from 'react';
import { reactionInfo, reactionKinds } from '../../lib/annotations/reactions.ts';
import type { MeetingSummary, SummaryNote, SummaryReply } from '../../lib/meetings/meeting-summary.ts';
import { apiRequest } from './api-request.ts';
import { ExportDialog } from './export-dialog.tsx';
import styles from './meeting.module.css';
import { clockTime, type MeetingAnswer, meetingDate } from './use-meeting.ts';

export interface MeetingSummaryViewProps {
  documentId: string;
  meetingId: string;
  signedIn: boolean;
  onBack(): void;
  locatorAt(offset: number): string;
  onOpenNote(id: string): void;
  onJumpTo(offset: number): void;
}

const excerpt = (text: string, length = 160) => (text.length > length ? `${text.slice(0, length)}…` : text);

function NoteLine({ note, locatorAt, onOpenNote }: { note: SummaryNote; locatorAt(o: number): string; onOpenNote(id: string): void }) {
  return (
    <>
      <button type="button" className="link small" onClick={() => onOpenNote(note.id)}>
        {locatorAt(note.start) || 'the passage'}
      </button>{' '}
      <span className={styles.quote}>“{excerpt(note.quote, 80)}”</span>
      <br />
      <strong>{note.author.name}</strong>
      {note.motivation === 'questioning' ? ' asked' : ''}:{' '}
      {note.trace ? <em>{note.trace}</em> : note.comment ? excerpt(note.comment) : <em>a highlight</em>}
    </>
  );
}

function ReplyLine({ reply, locatorAt, onOpenNote }: { reply: SummaryReply; locatorAt(o: number): string; onOpenNote(id: string): void }) {
  return (
    <>
      <strong>{reply.author.name}</strong> replied
      {reply.parent && (
        <>
          {' '}
          on{' '}
          <button type="button" className="link small" onClick={() => onOpenNote(reply.parentId)}>
            {locatorAt(reply.parent.start) || 'a note'}
          </button>
        </>
      )}
      : {reply.trace ? <em>{reply.trace}</em> : excerpt(reply.text)}
    </>
  );
}

export function MeetingSummaryView(props: MeetingSummaryViewProps) {
  const { documentId, meetingId, locatorAt, onOpenNote } = props;
  const url = `/api/documents/${encodeURIComponent(documentId)}/meetings/${encodeURIComponent(meetingId)}/summary`;
  const [answer, setAnswer] = useState<{ meeting: MeetingAnswer; summary: MeetingSummary } | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [exporting, setExporting] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a retry (attempt) reads it again
  useEffect(() => {
    let live = true;
    setAnswer(null);
    void apiRequest<{ meeting: MeetingAnswer; summary: MeetingSummary }>(url)
      .then((a) => live && setAnswer(a))
      .catch((err: Error) => live && setAnswer({ error: err.message }));
    return () => {
      live = false;
    };
  }, [url, attempt]);

  const back = (
    <button type="button" className="link small" onClick={props.onBack}>
      ← Meeting
    </button>
  );
  if (answer === null)
    return (
      <div aria-busy="true">
        {back}
        <p>Loading the summary…</p>
      </div>
    );
  if ('error' in answer)
    return (
      <div>
        {back}
        <p role="alert">
          The summary could not be read: {answer.error}{' '}
          <button type="button" className="link small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
      </div>
    );
  const { meeting, summary } = answer;
  return (
    <div className={styles.summary} data-testid="meeting-summary">
      {back}
      <h3>{meeting.title}</h3>
      <p className="group-hint">
        {meetingDate(meeting.startedAt)}, {clockTime(meeting.startedAt)}–
        {meeting.endedAt ? clockTime(meeting.endedAt) : 'now (still running)'} · {summary.notes.length}{' '}
        {summary.notes.length === 1 ? 'note' : 'notes'}, {summary.replies.length} {summary.replies.length === 1 ? 'reply' : 'replies'}
      </p>
      <div className={styles.actions}>
        <a className={styles.buttonLink} href={`${url}?format=md`} download>
          Download (Markdown)
        </a>
        <button type="button" onClick={() => setExporting(true)}>
          Export notes from this meeting…
        </button>
      </div>
      <section aria-labelledby={`${meetingId}-questions`}>
        <h4 id={`${meetingId}-questions`}>Questions discussed</h4>
        {summary.questions.length === 0 ? (
          <p className="empty">No question from the agenda was discussed.</p>
        ) : (
          <ol className={styles.items}>
            {summary.questions.map((q) => (
              <li key={`${q.at}-${q.note.id}`}>
                <NoteLine note={q.note} locatorAt={locatorAt} onOpenNote={onOpenNote} />
                {q.replies.length > 0 && (
                  <ul className={styles.replies}>
                    {q.replies.map((r) => (
                      <li key={r.id}>
                        <strong>{r.author.name}</strong>: {r.trace ? <em>{r.trace}</em> : excerpt(r.text)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby={`${meetingId}-written`}>
        <h4 id={`${meetingId}-written`}>Written during the meeting</h4>
        {summary.notes.length === 0 && summary.replies.length === 0 ? (
          <p className="empty">Nothing was written during the meeting.</p>
        ) : (
          <ul className={styles.items} data-testid="meeting-summary-written">
            {summary.notes.map((n) => (
              <li key={n.id}>
                <NoteLine note={n} locatorAt={locatorAt} onOpenNote={onOpenNote} />
              </li>
            ))}
            {summary.replies.map((r) => (
              <li key={r.id}>
                <ReplyLine reply={r} locatorAt={locatorAt} onOpenNote={onOpenNote} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${meetingId}-spotlights`}>
        <h4 id={`${meetingId}-spotlights`}>Passages spotlighted</h4>
        {summary.spotlights.length === 0 ? (
          <p className="empty">No passage was spotlighted.</p>
        ) : (
          <ul className={styles.items}>
            {summary.spotlights.map((s) => (
              <li key={`${s.at}-${s.start}`}>
                <button type="button" className="link small" onClick={() => props.onJumpTo(s.start)}>
                  {locatorAt(s.start) || 'the passage'}
                </button>{' '}
                <span className={styles.quote}>“{excerpt(s.exact, 120)}”</span>
                {s.gather ? ' — everyone gathered here' : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${meetingId}-reacted`}>
        <h4 id={`${meetingId}-reacted`}>Most reacted</h4>
        {summary.mostReacted.length === 0 ? (
          <p className="empty">No reactions during the meeting.</p>
        ) : (
          <ol className={styles.items}>
            {summary.mostReacted.map((r) => (
              <li key={r.note.id}>
                <span className={styles.reactions}>
                  {reactionKinds
                    .filter((k) => r.kinds[k])
                    .map((k) => `${reactionInfo[k].symbol} ${r.kinds[k]}`)
                    .join('  ')}
                </span>{' '}
                <NoteLine note={r.note} locatorAt={locatorAt} onOpenNote={onOpenNote} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {exporting && (
        <ExportDialog
          documentId={documentId}
          signedIn={props.signedIn}
          meeting={{ id: meeting.id, label: meetingDate(meeting.startedAt) }}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}
