'use client';
/**
 * The facilitator's gentle participation view (lib/meetings/participation.ts, from `GET …/participation`): who has
 * written how much and where, by name — and who has not written yet, so they can be invited in. No ranking, no
 * grades: readers are in alphabetical order and the words say "invite", never "missing".
 */
import { useEffect, useState } from 'react';
import { namesInWords, type Participation } from '../../lib/meetings/participation.ts';
import { apiRequest } from './api-request.ts';
import styles from './meeting.module.css';
import type { MeetingAnswer } from './use-meeting.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ParticipationView({ documentId, openMeeting }: { documentId: string; openMeeting: MeetingAnswer | null }) {
  const [scope, setScope] = useState<'all' | 'meeting'>('all');
  const meetingId = scope === 'meeting' ? openMeeting?.id : undefined;
  const url = `/api/documents/${encodeURIComponent(documentId)}/participation${meetingId ? `?meeting=${encodeURIComponent(meetingId)}` : ''}`;
  const [view, setView] = useState<Participation | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    setView(null);
    void apiRequest<Participation>(url)
      .then((v) => live && setView(v))
      .catch((err: Error) => live && setView({ error: err.message }));
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <div className={styles.participation} data-testid="participation">
      <p className="group-hint">Who has written, and where — to invite people in, not to grade them.</p>
      {openMeeting && (
        <fieldset className={styles.scope}>
          <legend className="sr-only">Count</legend>
          <label>
            <input type="radio" name="participation-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All along
          </label>
          <label>
            <input type="radio" name="participation-scope" checked={scope === 'meeting'} onChange={() => setScope('meeting')} /> In this
            meeting
          </label>
        </fieldset>
      )}
      {view === null ? (
        <p aria-busy="true">Loading…</p>
      ) : 'error' in view ? (
        <p role="alert">The participation could not be read: {view.error}</p>
      ) : (
        <>
          {view.notHeardFrom.length > 0 ? (
            <p className={styles.invite} data-testid="not-heard-from">
              Not heard from yet: {namesInWords(view.notHeardFrom.map((m) => m.name))} — invite them in.
            </p>
          ) : !view.group ? (
            <p className="group-hint">This text is not a group’s: only the readers who have written are known here.</p>
          ) : view.readers.length > 0 ? (
            <p className="group-hint">Everyone in the group has written something.</p>
          ) : null}
          {view.readers.length === 0 ? (
            <p className="empty">Nobody has written yet.</p>
          ) : (
            <ul className={styles.items}>
              {view.readers.map((r) => {
                const where = r.perChapter
                  .map((n, i) => [view.chapters[i]!, n] as const)
                  .filter(([, n]) => n > 0)
                  .map(([title, n]) => `${title} (${n})`);
                return (
                  <li key={r.reader.id} data-testid="participation-reader">
                    <strong>{r.reader.name}</strong>: {count(r.notes, 'note', 'notes')}, {count(r.replies, 'reply', 'replies')}
                    {view.chapters.length > 1 && where.length > 0 && <span className="group-hint"> — {where.join(', ')}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
