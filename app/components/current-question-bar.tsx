'use client';
/**
 * The current question, pinned under the reader's header for everyone in the room while a facilitator has one
 * current (agenda-panel.tsx): its words, where it is in the agenda, its passage one click away, and *Answer*, which
 * opens the reply box of the question's thread on its note. A facilitator also gets *Next question*. A change of the
 * current question is said once to screen readers. One slim line on a wide screen; two on a phone.
 */
import { useEffect, useRef, useState } from 'react';
import { positionInWords } from '../../lib/meetings/agenda.ts';
import { passageWords, questionWords } from './agenda-panel.tsx';
import { setCurrentQuestion } from './agenda-requests.ts';
import type { AgendaState } from './use-agenda.ts';

export interface CurrentQuestionBarProps {
  state: AgendaState;
  /** Whether this reader may reply (an annotator or more). */
  canWrite: boolean;
  /** Whether this reader may change the agenda (a facilitator or the owner). */
  canEdit: boolean;
  onGo(annotationId: string, start: number): void;
  onAnswer(annotationId: string, start: number): void;
}

/** The pinned current question (nothing while none is current), and the live announcement of a change. */
export function CurrentQuestionBar({ state, canWrite, canEdit, onGo, onAnswer }: CurrentQuestionBarProps) {
  const items = state.agenda?.items ?? [];
  const index = items.findIndex((i) => i.current);
  const item = items[index];
  const next = index === -1 ? undefined : items[index + 1];
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Said when the current question changes, not on the page's first reading of it.
  const last = useRef<string | null | undefined>(undefined);
  const currentId = item?.annotationId ?? null;
  const words = item ? questionWords(item) : '';
  useEffect(() => {
    if (last.current !== undefined && last.current !== currentId)
      setSaid(currentId ? `Current question: ${words}` : 'No current question.');
    if (state.agenda) last.current = currentId;
  }, [currentId, words, state.agenda]);

  return (
    <>
      <p className="sr-only" role="status" aria-live="polite">
        {said}
      </p>
      {item && (
        <section className="current-question" aria-label="Current question" data-testid="current-question">
          <div className="current-question-text">
            <span className="current-question-label">Now discussing · {positionInWords(index, items.length)}</span>
            <strong className="current-question-words">{words}</strong>
          </div>
          <div className="current-question-actions">
            <button
              type="button"
              className="link small current-question-go"
              aria-label={`${passageWords(item)} — go there`}
              onClick={() => onGo(item.annotationId, item.question.start)}
            >
              {/* A phone shows "go there" only: the bar stays two lines under a header that is already tall. */}
              <span className="current-question-where">{passageWords(item)} — </span>go there
            </button>
            {canWrite && (
              <button type="button" className="primary" onClick={() => onAnswer(item.annotationId, item.question.start)}>
                Answer
              </button>
            )}
            {canEdit && next && (
              <button
                type="button"
                onClick={() => {
                  setCurrentQuestion(state.documentId, next.annotationId)
                    .then((answer) => {
                      state.show(answer.agenda);
                      setError(null);
                    })
                    .catch((err: Error) => setError(err.message));
                }}
              >
                Next question
              </button>
            )}
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </>
  );
}
