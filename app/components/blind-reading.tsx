'use client';
/**
 * Reading blind in the reader (lib/annotations/blind.ts): the reader's own choice, kept per document in this browser
 * and sent to the room (`?blind=`); the room's setting, which a facilitator changes for everyone; and a line that
 * says what is held back and how to see it. The room enforces all of it; this only asks and shows.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { Role } from '../../lib/access/roles.ts';
import { can } from '../../lib/access/roles.ts';
import { effectiveBlindMode, parseBlindMode, type BlindMode } from '../../lib/annotations/blind.ts';
import { apiRequest, ApiRequestError } from './api-request.ts';
import type { RevealCause } from './use-room.ts';

const storageKey = (documentId: string) => `glossa.blind.${documentId}`;

const unitWord: Record<Exclude<BlindMode, 'off'>, string> = { passage: 'paragraph', chapter: 'chapter' };

export interface BlindReading {
  /** What this reader chose (sent to the room). */
  chosen: BlindMode;
  choose(mode: BlindMode): void;
  /** The room's setting. */
  room: BlindMode;
  /** The setting as the server answered it last (after a 4509, the page asks again). */
  setRoomFromServer(mode: BlindMode): void;
  /** Sets the room's mode (facilitators); rejects with the server's reason. */
  setRoom(mode: BlindMode): Promise<void>;
}

/** The reader's and the room's blind settings for `documentId`. */
export function useBlindReading(documentId: string, initialRoom: BlindMode): BlindReading {
  const [chosen, setChosen] = useState<BlindMode>('off');
  const [room, setRoomMode] = useState<BlindMode>(initialRoom);
  useEffect(() => {
    try {
      setChosen(parseBlindMode(window.localStorage.getItem(storageKey(documentId))));
    } catch {
      /* storage refused (private mode): the choice lasts for this page */
    }
  }, [documentId]);
  const choose = useCallback(
    (mode: BlindMode) => {
      setChosen(mode);
      try {
        if (mode === 'off') window.localStorage.removeItem(storageKey(documentId));
        else window.localStorage.setItem(storageKey(documentId), mode);
      } catch {
        /* as above */
      }
    },
    [documentId],
  );
  const setRoom = useCallback(
    async (mode: BlindMode) => {
      // Shown at once; put back if the server refuses.
      let before: BlindMode = 'off';
      setRoomMode((current) => {
        before = current;
        return mode;
      });
      try {
        const body = await apiRequest<{ mode: BlindMode }>(`/api/documents/${encodeURIComponent(documentId)}/blind-mode`, 'PUT', { mode });
        setRoomMode(body.mode);
      } catch (err) {
        setRoomMode(before);
        throw err;
      }
    },
    [documentId],
  );
  const setRoomFromServer = useCallback((mode: BlindMode) => setRoomMode(parseBlindMode(mode)), []);
  return { chosen, choose, room, setRoom, setRoomFromServer };
}

export interface BlindBarProps {
  blind: BlindReading;
  role: Role;
  signedIn: boolean;
  /** Notes, replies and reactions the room holds back from this copy now. */
  withheld: number;
  /** The last "revealed" notice: how many notes a note of mine (or reading on, with the spoiler guard) just opened. */
  revealed: { seq: number; notes: number; cause: RevealCause } | null;
  /** More reading settings, shown in the same disclosure (the spoiler guard). */
  settings?: ReactNode;
}

/** The line under the header while reading blind, and the settings behind a disclosure. */
export function BlindBar({ blind, role, signedIn, withheld, revealed, settings }: BlindBarProps) {
  const effective = effectiveBlindMode({ room: blind.room, chosen: blind.chosen, role });
  const moderator = signedIn && can(role, 'moderate');
  const boundByRoom = blind.room !== 'off' && effective === blind.room && !moderator;
  const [error, setError] = useState<string | null>(null);
  const [shownReveal, setShownReveal] = useState<{ notes: number; cause: RevealCause } | null>(null);
  useEffect(() => {
    if (!revealed) return;
    setShownReveal({ notes: revealed.notes, cause: revealed.cause });
    const t = setTimeout(() => setShownReveal(null), 8000);
    return () => clearTimeout(t);
  }, [revealed]);

  const changeRoom = (mode: BlindMode) => {
    setError(null);
    blind.setRoom(mode).catch((err: unknown) => setError(err instanceof ApiRequestError ? err.message : 'Could not change the setting.'));
  };

  return (
    <div className="blind-bar" data-testid="blind-bar">
      {effective !== 'off' && (
        <p className="blind-status" role="status" data-testid="blind-status">
          <strong>Reading blind.</strong>{' '}
          {withheld > 0
            ? `${withheld} ${withheld === 1 ? 'note' : 'notes'} by others ${withheld === 1 ? 'is' : 'are'} hidden until you post on ${effective === 'passage' ? 'its paragraph' : 'its chapter'}.`
            : `Others’ notes show on a ${unitWord[effective]} once you have posted there.`}
          {boundByRoom ? ' The facilitator has this room reading blind (set for the room, or a meeting’s time to annotate alone).' : ''}{' '}
          {!boundByRoom && blind.chosen !== 'off' && (
            <button type="button" className="link small" onClick={() => blind.choose('off')}>
              Show everyone’s notes
            </button>
          )}
        </p>
      )}
      {shownReveal !== null && (
        <p className="blind-revealed" role="status" data-testid="blind-revealed">
          {shownReveal.cause === 'agenda'
            ? `The agenda’s ${shownReveal.notes === 1 ? 'question is' : `${shownReveal.notes} questions are`} now shown; answers by others show once you have answered.`
            : `${shownReveal.cause === 'reading' ? 'You read on: ' : `Your note opened this ${unitWord[effective === 'off' ? 'passage' : effective]}: `}${shownReveal.notes} ${shownReveal.notes === 1 ? 'note' : 'notes'} by others now shown.`}
        </p>
      )}
      <details
        className="blind-settings"
        onKeyDown={(e) => {
          // Esc closes the settings, back on their summary.
          const details = e.currentTarget;
          if (e.key !== 'Escape' || !details.open) return;
          e.stopPropagation();
          details.open = false;
          details.querySelector('summary')?.focus();
        }}
      >
        <summary>{settings ? 'Blind reading & spoilers' : 'Blind reading'}</summary>
        <div className="blind-settings-panel">
          <fieldset disabled={boundByRoom}>
            <legend>For me</legend>
            {(['off', 'passage', 'chapter'] as const).map((mode) => (
              <label key={mode}>
                <input type="radio" name="blind-me" checked={blind.chosen === mode} onChange={() => blind.choose(mode)} />{' '}
                {mode === 'off' ? 'See everyone’s notes' : `Hide others’ notes until I post on the ${unitWord[mode]}`}
              </label>
            ))}
            {boundByRoom && <p className="hint">The room is set blind for everyone by its facilitator.</p>}
          </fieldset>
          {moderator && (
            <fieldset>
              <legend>For everyone in this room</legend>
              {(['off', 'passage', 'chapter'] as const).map((mode) => (
                <label key={mode}>
                  <input type="radio" name="blind-room" checked={blind.room === mode} onChange={() => changeRoom(mode)} />{' '}
                  {mode === 'off' ? 'Notes open to all' : `Start blind, by ${unitWord[mode]}`}
                </label>
              ))}
              <p className="hint">Facilitators and owners always see every note.</p>
            </fieldset>
          )}
          {settings}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </details>
    </div>
  );
}
