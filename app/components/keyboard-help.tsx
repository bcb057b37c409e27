'use client';
/** `?` in the reader: the keyboard paths of the reader, in one short dialog (Esc or Close to leave). */
import { useEffect, useRef } from 'react';

const keys: ReadonlyArray<[string, string]> = [
  ['Tab to the text', 'a caret is drawn in it; arrows move it'],
  ['Alt + → / ←', 'next / previous sentence (⌥ on a Mac)'],
  ['Alt + ↓ / ↑', 'next / previous paragraph'],
  ['Shift + arrows', 'select a passage; with Alt, by sentence or paragraph'],
  ['C or Enter', 'comment on the selected passage'],
  ['H', 'highlight it (with your sticky theme, if one is picked)'],
  ['Alt + 1 … 5', 'in the composer: note, question, claim, evidence, close reading'],
  ['Tab to Add a tag', 'in the composer: pick a theme (offered as you type, arrows choose) and Enter'],
  ['Ctrl/⌘ + Enter', 'save the note or reply; Esc cancels'],
  ['J / K', 'next / previous note, in text order (only the filtered ones, e.g. one theme)'],
  ['Enter on a note', 'go to its passage; Esc goes back into the text there'],
  ['R on a note', 'reply to it'],
  ['1 … 4 on a note', 'react: agree, moved, insight, puzzled (again takes it back)'],
  ['Delete on your note', 'delete it; Ctrl/⌘ + Z undoes'],
  ['Ctrl/⌘ + F', 'find in the whole text; Enter and Shift + Enter step'],
  ['Arrows', 'move in the contents and along a theme map column'],
  ['] / [', 'next / previous passage of the reading path (Themes → Passages → Read in order)'],
  ['S / G', 'facilitators: spotlight the selected passage / gather everyone there'],
  ['Tab from the text, Enter', 'reach a reader’s avatar and follow them; a scroll of your own or Esc stops'],
  ['?', 'this help'],
];

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    // Focus comes back where it was (the text's caret, a card) when the help closes.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div
      className="keyboard-help"
      role="dialog"
      aria-modal="true"
      aria-labelledby="keyboard-help-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="toc-head">
        <h2 id="keyboard-help-title">Keyboard</h2>
        <button ref={close} type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      <dl>
        {keys.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
