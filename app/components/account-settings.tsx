'use client';
/**
 * The account's settings: display name, password, and personal access tokens for scripts and stock y-websocket
 * clients (a new token is shown once, with a copy button; revoking one closes its live connections at once).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { accountLimits } from '../../lib/limits.ts';
import { forgetAccount, useAccount } from './use-account.ts';

interface TokenInfo {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

async function send(url: string, method: string, body?: unknown): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, data };
}

export function AccountSettings() {
  const { account } = useAccount();
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [fresh, setFresh] = useState<{ label: string; token: string } | null>(null);
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [passwords, setPasswords] = useState({ current: '', next: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const loadTokens = useCallback(async () => {
    const res = await fetch('/api/tokens', { cache: 'no-store' });
    setTokens(res.ok ? ((await res.json()) as TokenInfo[]) : []);
  }, []);
  useEffect(() => {
    if (account) {
      setName(account.name);
      void loadTokens();
    }
  }, [account, loadTokens]);

  if (account === undefined) return <p className="empty">Loading your account…</p>;
  if (account === null)
    return (
      <p>
        You are not signed in. <a href="/sign-in?next=/settings">Sign in</a> to manage your account.
      </p>
    );

  const say = (ok: boolean, okText: string, data: Record<string, unknown>) =>
    setMessage(ok ? { kind: 'ok', text: okText } : { kind: 'error', text: String(data.error ?? 'That did not work.') });

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const { ok, data } = await send('/api/auth/update-user', 'POST', { name: name.trim() });
    if (ok) forgetAccount();
    say(ok, 'Your name is changed. New notes carry it.', data);
  };
  const changePassword = async (event: FormEvent) => {
    event.preventDefault();
    const { ok, data } = await send('/api/auth/change-password', 'POST', {
      currentPassword: passwords.current,
      newPassword: passwords.next,
      revokeOtherSessions: true,
    });
    say(ok, 'Your password is changed; your other sessions are signed out.', data);
    if (ok) setPasswords({ current: '', next: '' });
  };
  const makeToken = async (event: FormEvent) => {
    event.preventDefault();
    const { ok, data } = await send('/api/tokens', 'POST', label.trim() ? { label: label.trim() } : {});
    if (ok) {
      setFresh({ label: String(data.label), token: String(data.token) });
      setLabel('');
      await loadTokens();
    }
    say(ok, 'Token made. Copy it now: it is not shown again.', data);
  };
  const revoke = async (token: TokenInfo) => {
    const res = await fetch(`/api/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
    say(res.ok, `Token “${token.label}” revoked; its connections are closed.`, res.ok ? {} : await res.json().catch(() => ({})));
    if (fresh && res.ok) setFresh(null);
    await loadTokens();
  };

  return (
    <div className="settings">
      <p>
        Signed in as <strong>{account.name}</strong> ({account.email}).
      </p>
      {message && (
        <p className={message.kind === 'ok' ? 'settings-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}

      <section aria-labelledby="settings-name">
        <h2 id="settings-name">Name</h2>
        <form onSubmit={rename} className="settings-form">
          <label>
            Display name
            <input value={name} required maxLength={accountLimits.nameLength} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit">Save name</button>
        </form>
      </section>

      <section aria-labelledby="settings-password">
        <h2 id="settings-password">Password</h2>
        <form onSubmit={changePassword} className="settings-form">
          <label>
            Current password
            <input
              type="password"
              autoComplete="current-password"
              required
              value={passwords.current}
              onChange={(e) => setPasswords((p) => ({ ...p, current: e.target.value }))}
            />
          </label>
          <label>
            New password (at least {accountLimits.passwordMinLength} characters)
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={accountLimits.passwordMinLength}
              maxLength={accountLimits.passwordMaxLength}
              value={passwords.next}
              onChange={(e) => setPasswords((p) => ({ ...p, next: e.target.value }))}
            />
          </label>
          <button type="submit">Change password</button>
        </form>
      </section>

      <section aria-labelledby="settings-tokens">
        <h2 id="settings-tokens">Personal access tokens</h2>
        <p>
          A token lets a script or a y-websocket client act as you: <code>Authorization: Bearer …</code> over HTTP,{' '}
          <code>{'params: { token }'}</code> on the live room.
        </p>
        {fresh && (
          <div className="token-fresh" role="status">
            <p>New token “{fresh.label}” — copy it now, it is not shown again:</p>
            <code data-testid="fresh-token">{fresh.token}</code>{' '}
            <button type="button" onClick={() => void navigator.clipboard?.writeText(fresh.token)}>
              Copy
            </button>
          </div>
        )}
        <form onSubmit={makeToken} className="settings-form">
          <label>
            Label
            <input
              value={label}
              maxLength={accountLimits.tokenLabelLength}
              placeholder="e.g. export script"
              onChange={(e) => setLabel(e.target.value)}
            />
          </label>
          <button type="submit">Make a token</button>
        </form>
        {tokens === null ? (
          <p className="empty">Loading tokens…</p>
        ) : tokens.length === 0 ? (
          <p className="empty">No tokens yet.</p>
        ) : (
          <ul className="token-list" aria-label="Your tokens">
            {tokens.map((t) => (
              <li key={t.id}>
                <span>
                  <strong>{t.label}</strong> · made {when(t.createdAt)} · last used {when(t.lastUsedAt)}
                </span>
                <button type="button" onClick={() => void revoke(t)} aria-label={`Revoke ${t.label}`}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
