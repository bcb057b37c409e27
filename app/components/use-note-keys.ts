'use client';
/**
 * J and K: from the text (its caret) or from a focused card, to the next or previous note in text order — its
 * card focused, its passage in view. The notes stepped through are the ones shown, so a filter (`?theme=guilt`)
 * keeps the steps within its theme. Esc on a focused card goes back into the text at its passage. Keys typed in a
 * field, with a modifier, or in a dialog are not these.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import { readingOrder, stepNote, type StepFrom } from '../../lib/annotations/note-order.ts';
import { liveSelection } from '../../lib/editor/caret-plugin.ts';
import type { Placed } from './use-anchoring.ts';

export interface NoteKeysInput {
  view: EditorView | null;
  /** The notes shown, placed in the text (null: not found in it). */
  placed: ReadonlyMap<string, Placed | null>;
  /** On a small screen the note sheet handles Esc itself. */
  small: boolean;
  /** Goes to a note: focuses its card and brings its passage into view. */
  onGo(id: string): void;
  /** Says something in the live region ("No next note"). */
  announce(text: string): void;
}

export function useNoteKeys(input: NoteKeysInput): void {
  const latest = useRef(input);
  latest.current = input;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const { view, placed, small, onGo, announce } = latest.current;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (!view || !target || target.closest('input, textarea, select, [role="dialog"]')) return;
      const card = target.closest<HTMLElement>('.note-card[data-annotation-id]');
      const inText = view.dom.contains(target);
      if (!card && !inText) return;
      const key = event.key.toLowerCase();
      if (key === 'escape' && card && target === card && !small) {
        const at = placed.get(card.dataset.annotationId ?? '');
        if (!at) return;
        event.preventDefault();
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at.from)).scrollIntoView());
        view.focus();
        return;
      }
      if (key !== 'j' && key !== 'k') return;
      event.preventDefault();
      const order = readingOrder([...placed].flatMap(([id, p]) => (p ? [{ id, from: p.from, to: p.to }] : [])));
      const from: StepFrom = card ? { id: card.dataset.annotationId ?? '' } : { at: liveSelection(view).head };
      const id = stepNote(order, from, key === 'j' ? 'next' : 'previous');
      if (id) onGo(id);
      else announce(key === 'j' ? 'No next note.' : 'No previous note.');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
