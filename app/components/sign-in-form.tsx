'use client';
/**
 * Signing in and creating an account (Better Auth's email + password routes). On success the browser goes back to
 * where it came from (`?next=`, a path on this site only) with its session cookie.
 */
import { useState, type FormEvent } from 'react';
import { accountLimits } from '../../lib/limits.ts';

type Mode = 'sign-in' | 'sign-up';

/**
 * Only a page of this site: `?next=https://evil.example`, `//evil.example` or `/\\evil.example` must not send a
 * freshly signed-in reader elsewhere, so `next` is resolved against this origin and only its path is kept.
 */
export function safeNext(
  next: string | null,
  origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
): string {
  if (!next) return '/';
  try {
    const url = new URL(next, origin);
    return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export function SignInForm({ next, initialMode = 'sign-in' }: { next: string | null; initialMode?: Mode }) {
  const [mode, setMode] = useState<Mode>(initialMode);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(mode === 'sign-in' ? '/api/auth/sign-in/email' : '/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(mode === 'sign-in' ? { email, password } : { name: name.trim(), email, password }),
      });
      if (res.ok) {
        window.location.assign(safeNext(next));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `The server answered ${res.status}.`);
    } catch {
      setError('The server could not be reached. Check the connection and try again.');
    }
    setBusy(false);
  };

  const other: Mode = mode === 'sign-in' ? 'sign-up' : 'sign-in';
  return (
    <form className="sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{mode === 'sign-in' ? 'Sign in to Glossa' : 'Create your Glossa account'}</h1>
      {mode === 'sign-up' && (
        <label>
          Your name (others see it on your notes)
          <input
            name="name"
            autoComplete="name"
            required
            maxLength={accountLimits.nameLength}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password{mode === 'sign-up' ? ` (at least ${accountLimits.passwordMinLength} characters)` : ''}
        <input
          name="password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'sign-up' ? accountLimits.passwordMinLength : undefined}
          maxLength={accountLimits.passwordMaxLength}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'One moment…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </button>
      <p>
        {mode === 'sign-in' ? 'New here?' : 'Have an account?'}{' '}
        <button type="button" className="link" onClick={() => (setMode(other), setError(null))}>
          {other === 'sign-up' ? 'Create an account' : 'Sign in'}
        </button>
      </p>
    </form>
  );
}
