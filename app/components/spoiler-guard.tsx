'use client';
/**
 * The spoiler guard in the reader (lib/annotations/blind.ts, lib/annotations/reading-progress.ts): a signed-in reader
 * turns it on and others' notes past the furthest point they have read stay hidden — the room withholds them, so
 * this only asks and shows. While it is on, the furthest point moves as the reader reads (the bottom of the window,
 * once scrolling rests), and the room sends the notes now behind it.
 */
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import type { Chapter } from '../../lib/text/document-model.ts';
import { ApiRequestError, apiRequest } from './api-request.ts';

interface Progress {
  furthest: number;
  spoilerGuard: boolean;
}

export interface SpoilerGuard {
  /** Null until the server answered (or for a reader without an account). */
  progress: Progress | null;
  /** Changes each time the guard is turned on or off: the room is joined again under the new rule. */
  joinKey: string;
  error: string | null;
  /** Turns the guard on (from the point `readTo`, or the stored one if further) or off. */
  setGuard(on: boolean, readTo?: number): Promise<void>;
  /** Records that the reader has read to `offset`; `setTo` moves the point back too ("I have read up to here"). */
  readTo(offset: number, setTo?: boolean): Promise<void>;
}

const progressUrl = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/progress`;

/** The reader's progress and spoiler guard on `documentId`; nothing is asked for a reader without an account. */
export function useSpoilerGuard(documentId: string, signedIn: boolean): SpoilerGuard {
  const [progress, setProgress] = useState<Progress | null>(null);
  // The room reads the guard from the server as a socket joins, so the first socket needs no key of its own.
  const [joinKey, setJoinKey] = useState('guard');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setProgress(null);
    if (!signedIn) return;
    const controller = new AbortController();
    apiRequest<Progress>(progressUrl(documentId), 'GET', undefined, controller.signal)
      .then(setProgress)
      .catch(() => {
        /* aborted, or the server is away: the guard stays as the room applies it */
      });
    return () => controller.abort();
  }, [documentId, signedIn]);

  const send = useCallback(
    async (change: { furthest?: number; setTo?: true; spoilerGuard?: boolean }) => {
      setError(null);
      try {
        const next = await apiRequest<Progress>(progressUrl(documentId), 'PUT', change);
        setProgress(next);
        return next;
      } catch (err) {
        setError(err instanceof ApiRequestError ? err.message : 'Could not save where you have read to.');
        throw err;
      }
    },
    [documentId],
  );

  const setGuard = useCallback(
    async (on: boolean, readTo?: number) => {
      const next = await send(on && readTo !== undefined ? { spoilerGuard: on, furthest: readTo } : { spoilerGuard: on });
      // The room reads the guard as a socket joins: join again under it.
      setJoinKey(`guard-${next.spoilerGuard ? 'on' : 'off'}-${Date.now()}`);
    },
    [send],
  );
  const readTo = useCallback(
    async (offset: number, setTo = false) => {
      await send(setTo ? { furthest: offset, setTo: true } : { furthest: offset });
    },
    [send],
  );
  return { progress, joinKey, error, setGuard, readTo };
}

/** The text offset at the bottom of the window: what the reader has had on screen. */
export function offsetAtBottom(view: EditorView, positions: PositionMap): number | null {
  const box = view.dom.getBoundingClientRect();
  const bottom = window.innerHeight - 8;
  if (box.bottom <= bottom) return positions.textLength;
  if (box.top >= bottom) return 0;
  const hit = view.posAtCoords({ left: box.left + Math.min(box.width / 2, 200), top: bottom });
  if (!hit) return null;
  return positions.toOffset(Math.min(Math.max(hit.pos, 0), view.state.doc.content.size));
}

/** Rest time after scrolling before the furthest point is reported (a fling through a chapter is not reading it). */
const restMs = 1200;

/** While the guard is on, reports the furthest point as the reader scrolls forward. */
export function useReadingOn(guard: SpoilerGuard, view: EditorView | null, positions: PositionMap): void {
  const latest = useRef(guard);
  latest.current = guard;
  const on = guard.progress?.spoilerGuard === true;
  useEffect(() => {
    if (!on || !view) return;
    let timer = 0;
    const report = () => {
      timer = 0;
      if (view.isDestroyed) return;
      const offset = offsetAtBottom(view, positions);
      const known = latest.current.progress?.furthest ?? 0;
      // Only forward, and not for a few characters: each move may make the room send a fresh copy.
      if (offset === null || offset <= known + 40) return;
      latest.current.readTo(offset).catch(() => {});
    };
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(report, restMs);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
    };
  }, [on, view, positions]);
}

export interface SpoilerGuardSettingProps {
  guard: SpoilerGuard;
  /** Where the reader is now (the bottom of the window), to start the guard from. */
  here: () => number | null;
  /** "ch. 3, ¶ 12" for an offset. */
  locatorAt: (offset: number) => string;
  /** The text's outline: a reader of a novel says which chapter they have read to. */
  chapters?: ReadonlyArray<Pick<Chapter, 'title' | 'start' | 'end' | 'level'>>;
}

/** The setting (in the reading settings): on/off, where it stands, and "I have read up to here". */
export function SpoilerGuardSetting({ guard, here, locatorAt, chapters = [] }: SpoilerGuardSettingProps) {
  const on = guard.progress?.spoilerGuard === true;
  const [busy, setBusy] = useState(false);
  const run = (work: Promise<void>) => {
    setBusy(true);
    work.catch(() => {}).finally(() => setBusy(false));
  };
  if (!guard.progress) return null;
  return (
    <fieldset disabled={busy} data-testid="spoiler-guard-setting">
      <legend>Spoiler guard</legend>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => run(guard.setGuard(e.currentTarget.checked, here() ?? undefined))}
          data-testid="spoiler-guard-toggle"
        />{' '}
        Hide others’ notes past where I have read
      </label>
      {on && (
        <p className="hint">
          Read to {locatorAt(guard.progress.furthest) || 'the start'}. The point moves on as you read.{' '}
          <button
            type="button"
            className="link small"
            onClick={() => {
              const offset = here();
              if (offset !== null) run(guard.readTo(offset, true));
            }}
          >
            I have read up to here
          </button>
        </p>
      )}
      {on && chapters.length > 1 && (
        <label className="spoiler-chapter">
          I have read to the end of{' '}
          <select
            value=""
            onChange={(e) => {
              const end = Number(e.currentTarget.value);
              if (Number.isInteger(end) && end > 0) run(guard.readTo(end, true));
            }}
            data-testid="spoiler-guard-chapter"
          >
            <option value="">choose a chapter…</option>
            {chapters.map((c) => (
              <option key={`${c.start}-${c.level}`} value={c.end}>
                {c.level > 1 ? '\u2003' : ''}
                {c.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {guard.error && (
        <p className="error" role="alert">
          {guard.error}
        </p>
      )}
    </fieldset>
  );
}

/** The line under the header while the guard is on. */
export function SpoilerGuardStatus({
  guard,
  withheld,
  locatorAt,
}: {
  guard: SpoilerGuard;
  withheld: number;
  locatorAt: (offset: number) => string;
}) {
  const on = guard.progress?.spoilerGuard === true;
  if (!on || !guard.progress) return null;
  const where = locatorAt(guard.progress.furthest) || 'the start';
  return (
    <p className="blind-status spoiler-status" role="status" data-testid="spoiler-status">
      <strong>Spoiler guard.</strong>{' '}
      {withheld > 0
        ? `${withheld} ${withheld === 1 ? 'note' : 'notes'} by others past ${where} ${withheld === 1 ? 'is' : 'are'} hidden until you read on.`
        : `Notes by others past ${where} stay hidden until you read on.`}{' '}
      <button type="button" className="link small" onClick={() => guard.setGuard(false).catch(() => {})}>
        Turn off
      </button>
    </p>
  );
}
