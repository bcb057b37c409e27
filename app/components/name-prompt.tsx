'use client';
/** Asks a first-time reader for the display name their notes will carry. */
import { useState, type FormEvent } from 'react';

export function NamePrompt({ initial, onChoose, onCancel }: { initial?: string; onChoose(name: string): void; onCancel?: () => void }) {
  const [name, setName] = useState(initial ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onChoose(name);
  };
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="name-prompt-title">
        <form className="modal-form" onSubmit={submit}>
          <h2 id="name-prompt-title">What should others call you?</h2>
          <p>Your notes and your place in the room carry this name. It is kept in this browser only.</p>
          <p>
            Or{' '}
            <a href={`/sign-in?next=${encodeURIComponent(typeof window === 'undefined' ? '/' : window.location.pathname)}`}>
              sign in or create an account
            </a>{' '}
            to keep your notes under your account.
          </p>
          <label>
            Display name
            <input
              autoFocus
              name="display-name"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}
            />
          </label>
          <div className="actions">
            {onCancel && (
              <button type="button" onClick={onCancel}>
                Cancel
              </button>
            )}
            <button type="submit" className="primary" disabled={!name.trim()}>
              Start reading
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
