'use client';
/**
 * A destructive action asked twice, in place: the button ("Remove…") opens a question with the action and Cancel.
 * Focus goes to Cancel when the question opens (Enter does not destroy by accident), Esc or Cancel closes it and
 * puts focus back on the button, so the whole exchange works from the keyboard.
 */
import { useState } from 'react';

interface Props {
  /** The button that asks, e.g. "Remove…". */
  label: string;
  /** Its accessible name when the label alone is ambiguous (e.g. "Remove Ann…"). */
  ariaLabel?: string;
  /** The question, e.g. "Remove Ann?". */
  question: string;
  /** The button that does it, e.g. "Remove". */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}

export function ConfirmButton({ label, ariaLabel, question, confirmLabel, onConfirm, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [returning, setReturning] = useState(false);
  const close = () => {
    setOpen(false);
    setReturning(true);
  };
  if (!open)
    return (
      <button type="button" className="danger" aria-label={ariaLabel} autoFocus={returning} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <span>{question}</span>
      <button type="button" className="danger-solid" disabled={disabled} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" autoFocus onClick={close}>
        Cancel
      </button>
    </span>
  );
}
