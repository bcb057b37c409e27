'use client';
/** `?` in the reader: the keyboard paths of the reader, in one short dialog (Esc or Close to leave). */
import { useEffect, useRef } from 'react';

const keys: ReadonlyArray<[string, string]> = [
  ['Shift + arrows', 'select a passage (after a click in the text)'],
  ['C or Enter', 'comment on the selected passage'],
  ['H', 'highlight it (with your sticky theme, if one is picked)'],
  ['Alt + 1 … 5', 'in the composer: note, question, claim, evidence, close reading'],
  ['Ctrl/⌘ + Enter', 'save the note or reply; Esc cancels'],
  ['Enter on a note', 'go to its passage'],
  ['Delete on your note', 'delete it; Ctrl/⌘ + Z undoes'],
  ['Ctrl/⌘ + F', 'find in the whole text; Enter and Shift + Enter step'],
  ['Arrows', 'move in the contents and along a theme map column'],
  ['] / [', 'next / previous passage of the reading path (Themes → Passages → Read in order)'],
  ['?', 'this help'],
];

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    close.current?.focus();
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
