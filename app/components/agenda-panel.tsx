'use client';
/**
 * The Agenda panel (the header's *Agenda*): the evening's discussion questions in order, each with its passage one
 * click away. Facilitators and owners prepare it here: ask a question (tied to the passage selected in the text, or
 * not), add the group's open questions in one step or any question already asked, reorder by dragging or from the
 * keyboard (Alt+↑/↓ on a focused item, or its Move buttons; the new place is announced), remove one (with Undo), and
 * make one current — which every reader then sees pinned under the header (current-question-bar.tsx). The server
 * keeps the agenda and enforces who may change it; this panel only offers what it would accept.
 */
import { type DragEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TextRange } from '../../lib/anchoring/types.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { commentOf } from '../../lib/annotations/build-annotation.ts';
import { annotationLimits } from '../../lib/limits.ts';
import { type Agenda, type AgendaItem, isQuestion, openQuestionsToAdd, positionInWords } from '../../lib/meetings/agenda.ts';
import { placementForMove } from '../../lib/meetings/agenda-order.ts';
import {
  addOpenQuestions,
  addQuestions,
  askQuestion,
  moveQuestion,
  type RemovedItem,
  removeQuestion,
  setCurrentQuestion,
} from './agenda-requests.ts';
import type { AgendaState } from './use-agenda.ts';

export interface AgendaPanelProps {
  state: AgendaState;
  /** Whether this reader may change the agenda (a facilitator or the owner). */
  canEdit: boolean;
  /** The passage selected in the text now, if any (a new question may be tied to it). */
  selection: TextRange | null;
  /** The room's notes on the text (which questions are open, which may be added). */
  notes: ReadonlyMap<string, PassageAnnotation>;
  locatorAt(offset: number): string;
  /** The canonical text (the selected words, named beside *Tie it to my selection*). */
  text: string;
  /** Shows a question's passage and note. */
  onGo(annotationId: string, start: number): void;
  onClose(): void;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const noItems: readonly AgendaItem[] = [];

/** The agenda with one item moved (what the server will answer), shown while the request is on its way. */
function movedLocally(agenda: Agenda, from: number, to: number): Agenda {
  const items = [...agenda.items];
  const [item] = items.splice(from, 1);
  if (item) items.splice(to, 0, item);
  return { ...agenda, items };
}

/** How one question reads in a list or an announcement. */
export function questionWords(item: AgendaItem): string {
  return item.question.hidden ? 'Hidden by a facilitator' : clip(item.question.text, 140);
}

/** A question's passage as a link names it: `¶ 12 · “words…”`. */
export function passageWords(item: AgendaItem): string {
  const where = item.question.locator;
  const quote = `“${clip(item.question.exact, 40)}”`;
  return where ? `${where} · ${quote}` : quote;
}

/** The Agenda panel: the questions in order for everyone; preparing them for facilitators and owners. */
export function AgendaPanel({ state, canEdit, selection, notes, locatorAt, text, onGo, onClose }: AgendaPanelProps) {
  const { documentId, load, agenda, show } = state;
  const items = agenda?.items ?? noItems;
  const panel = useRef<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [draft, setDraft] = useState('');
  const [tie, setTie] = useState(false);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<{ removed: RemovedItem; words: string } | null>(null);
  const [dragging, setDragging] = useState<{ id: string; over: number | null } | null>(null);
  const draftId = useId();
  // The last passage selected while the panel is open: focusing the question field must not lose it.
  const [tiedTo, setTiedTo] = useState<TextRange | null>(selection);
  useEffect(() => {
    if (selection) setTiedTo(selection);
  }, [selection]);
  // Requests go one after another, in the order asked (a quick Alt+↓ Alt+↓ moves twice, from the right place).
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const focusAfter = useRef<{ id: string; button: string | null } | null>(null);

  const run = (action: () => Promise<{ agenda: Agenda } | undefined>, done?: string) => {
    state.begin();
    const next = queue.current.then(async () => {
      let answered: Agenda | null = null;
      try {
        answered = (await action())?.agenda ?? null;
        setError(null);
        if (done) setSaid(done);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        // The last change's answer is shown; a failure reads the agenda again.
        state.end(answered);
      }
    });
    queue.current = next;
    return next;
  };

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('.agenda-item, button')?.focus();
  }, []);
  // After a move from the keyboard the moved item keeps the focus wherever it is drawn now: the item itself, or the
  // Move button pressed (the item when that button is now disabled, at the top or the bottom).
  useEffect(() => {
    const want = focusAfter.current;
    if (!want) return;
    focusAfter.current = null;
    const item = panel.current?.querySelector<HTMLElement>(`[data-agenda-id="${CSS.escape(want.id)}"]`);
    const button = want.button ? item?.querySelector<HTMLButtonElement>(`button[aria-label="${want.button}"]:not(:disabled)`) : null;
    (button ?? item)?.focus();
  });
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), 10_000);
    return () => clearTimeout(timer);
  }, [undo]);

  const onAgenda = useMemo(() => new Set(items.map((i) => i.annotationId)), [items]);
  const open = useMemo(() => (canEdit ? openQuestionsToAdd(notes.values(), onAgenda) : []), [canEdit, notes, onAgenda]);
  const others = useMemo(
    () =>
      canEdit
        ? [...notes.values()]
            .filter((n) => isQuestion(n) && !onAgenda.has(n.id))
            .sort((a, b) => a.target.selector[1].start - b.target.selector[1].start)
        : [],
    [canEdit, notes, onAgenda],
  );

  const move = (from: number, to: number, byKeyboard: boolean, button: string | null = null) => {
    if (!agenda) return;
    const order = items.map((i) => i.annotationId);
    const placement = placementForMove(order, from, to);
    const item = items[from];
    if (!placement || !item) return;
    const at = Math.max(0, Math.min(items.length - 1, to));
    show(movedLocally(agenda, from, at));
    if (byKeyboard) focusAfter.current = { id: item.annotationId, button };
    void run(
      () => moveQuestion(documentId, item.annotationId, placement),
      `Moved to ${positionInWords(at, items.length)}: ${questionWords(item)}`,
    );
  };

  const remove = (item: AgendaItem) => {
    void run(
      async () => {
        const answer = await removeQuestion(documentId, item.annotationId);
        setUndo({ removed: answer.removed, words: questionWords(item) });
        return answer;
      },
      `Removed from the agenda: ${questionWords(item)}`,
    );
  };

  const putBack = (removed: RemovedItem) => {
    setUndo(null);
    void run(async () => {
      let answer: { agenda: Agenda };
      try {
        answer = await addQuestions(documentId, [removed.annotationId], { after: removed.after });
      } catch {
        // The item it followed left the agenda meanwhile: back at the end.
        answer = await addQuestions(documentId, [removed.annotationId], { before: null });
      }
      return removed.current ? setCurrentQuestion(documentId, removed.annotationId) : answer;
    }, 'Put back on the agenda.');
  };

  const ask = () => {
    const question = draft.trim();
    if (!question || busy) return;
    setBusy(true);
    void run(async () => {
      const answer = await askQuestion(documentId, question, tie && tiedTo ? tiedTo : null);
      setDraft('');
      setTie(false);
      return answer;
    }, 'Question added to the agenda.').finally(() => setBusy(false));
  };

  const onItemKey = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (event.target !== event.currentTarget || !canEdit || !event.altKey) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, index + (event.key === 'ArrowUp' ? -1 : 1), true);
    }
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, index: number) => {
    if (!dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (dragging.over !== index) setDragging({ ...dragging, over: index });
  };
  const onDrop = (event: DragEvent<HTMLLIElement>, index: number) => {
    event.preventDefault();
    const from = items.findIndex((i) => i.annotationId === dragging?.id);
    setDragging(null);
    if (from !== -1) move(from, index, false);
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };

  return (
    <section ref={panel} className="toc-panel agenda-panel" aria-label="Agenda" onKeyDown={onKey} data-testid="agenda-panel">
      <div className="toc-head">
        <h2>Agenda</h2>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {said}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {load.status === 'loading' && <p className="empty">Loading the agenda…</p>}
      {load.status === 'error' && !agenda && (
        <p className="error" role="alert">
          The agenda could not be loaded: {load.error}{' '}
          <button type="button" className="link small" onClick={state.reload}>
            Try again
          </button>
        </p>
      )}
      {agenda && items.length === 0 && (
        <p className="empty">
          {canEdit ? 'No questions on the agenda yet. Ask one below, or add the group’s questions.' : 'No questions on the agenda yet.'}
        </p>
      )}
      {items.length > 0 && (
        <ol className="agenda-list" aria-label="Questions in order">
          {items.map((item, index) => (
            <li
              key={item.annotationId}
              data-agenda-id={item.annotationId}
              className={`agenda-item${item.current ? ' current' : ''}${dragging?.over === index ? ' drop-target' : ''}${dragging?.id === item.annotationId ? ' dragging' : ''}`}
              tabIndex={0}
              aria-label={`Question ${positionInWords(index, items.length)}${item.current ? ', current' : ''}: ${questionWords(item)}`}
              aria-keyshortcuts={canEdit ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
              draggable={canEdit}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', item.annotationId);
                setDragging({ id: item.annotationId, over: null });
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(event) => onDragOver(event, index)}
              onDrop={(event) => onDrop(event, index)}
              onKeyDown={(event) => onItemKey(event, index)}
            >
              <span className="agenda-number" aria-hidden>
                {index + 1}
              </span>
              <div className="agenda-body">
                <p className={`agenda-text${item.question.hidden ? ' muted' : ''}`}>{questionWords(item)}</p>
                <p className="agenda-meta">
                  <button type="button" className="link small agenda-go" onClick={() => onGo(item.annotationId, item.question.start)}>
                    {passageWords(item)} — go there
                  </button>{' '}
                  <span className="agenda-by">by {item.question.creator.name}</span>
                  {item.question.thread !== 'open' && (
                    <span className={`badge thread-${item.question.thread}`}>
                      {item.question.thread === 'answered' ? 'Answered' : 'Resolved'}
                    </span>
                  )}
                  {item.question.replies > 0 && (
                    <span className="agenda-replies">
                      {item.question.replies} {item.question.replies === 1 ? 'reply' : 'replies'}
                    </span>
                  )}
                  {item.current && <span className="badge agenda-current-badge">Current</span>}
                </p>
                {canEdit && (
                  <div className="agenda-actions">
                    <button
                      type="button"
                      onClick={() =>
                        void run(
                          () => setCurrentQuestion(documentId, item.current ? null : item.annotationId),
                          item.current ? 'No current question.' : `Current question: ${questionWords(item)}`,
                        )
                      }
                    >
                      {item.current ? 'Stop discussing' : 'Make current'}
                    </button>
                    <button
                      type="button"
                      aria-label="Move up"
                      title="Move up (Alt+↑)"
                      disabled={index === 0}
                      onClick={() => move(index, index - 1, true, 'Move up')}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label="Move down"
                      title="Move down (Alt+↓)"
                      disabled={index === items.length - 1}
                      onClick={() => move(index, index + 1, true, 'Move down')}
                    >
                      ↓
                    </button>
                    <button type="button" onClick={() => remove(item)}>
                      Remove
                    </button>
                  </div>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {undo && (
        <p className="agenda-undo" role="status" data-testid="agenda-undo">
          Removed “{clip(undo.words, 60)}”.{' '}
          <button type="button" onClick={() => putBack(undo.removed)}>
            Undo
          </button>
        </p>
      )}
      {canEdit && agenda && (
        <div className="agenda-prepare">
          {open.length > 0 && (
            <button
              type="button"
              className="agenda-add-open"
              onClick={() => void run(() => addOpenQuestions(documentId), `${open.length} open questions added.`)}
            >
              Add the group’s {open.length === 1 ? 'open question' : `${open.length} open questions`}
            </button>
          )}
          <form
            className="agenda-ask"
            onSubmit={(event) => {
              event.preventDefault();
              ask();
            }}
          >
            <label htmlFor={draftId}>Ask a question</label>
            <textarea
              id={draftId}
              rows={2}
              value={draft}
              maxLength={annotationLimits.commentLength}
              placeholder="What does Spike mean by “if only”?"
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  ask();
                }
              }}
            />
            <label className={`agenda-tie${tiedTo ? '' : ' muted'}`}>
              <input type="checkbox" checked={tie && !!tiedTo} disabled={!tiedTo} onChange={(event) => setTie(event.target.checked)} />{' '}
              {tiedTo
                ? `Tie it to my selection (${[locatorAt(tiedTo.start), `“${clip(text.slice(tiedTo.start, tiedTo.end), 40)}”`].filter(Boolean).join(' · ')})`
                : 'Tie it to a passage: select one in the text first'}
            </label>
            <button type="submit" className="primary" disabled={!draft.trim() || busy}>
              Add question
            </button>
          </form>
          {others.length > 0 && (
            <details className="agenda-others">
              <summary>Questions the group asked ({others.length})</summary>
              <ul>
                {others.map((note) => (
                  <li key={note.id}>
                    <span className="agenda-other-text">
                      {locatorAt(note.target.selector[1].start)} · {clip(commentOf(note), 80)}
                      {note.thread ? (
                        <span className={`badge thread-${note.thread.state}`}>
                          {note.thread.state === 'answered' ? 'Answered' : 'Resolved'}
                        </span>
                      ) : null}
                    </span>
                    <button
                      type="button"
                      className="small"
                      onClick={() => void run(() => addQuestions(documentId, [note.id]), 'Question added to the agenda.')}
                    >
                      Add
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The header's *Agenda* button: opens and closes the panel, and says how many questions it holds. On a phone it
 * stays out of the header while there is nothing to show and nothing this reader may prepare (the header keeps to
 * one line).
 */
export function AgendaToggle({ state, canEdit }: { state: AgendaState; canEdit: boolean }) {
  const count = state.agenda?.items.length ?? 0;
  return (
    <button
      type="button"
      className={`agenda-toggle${count === 0 && !canEdit && !state.panelOpen ? ' idle' : ''}`}
      aria-expanded={state.panelOpen}
      onClick={() => state.setPanelOpen((o) => !o)}
    >
      Agenda{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
