'use client';
/** Who is signed in, with sign-out; or a link to sign in that brings the reader back to this page. */
import { useAccount } from './use-account.ts';

export function AccountStatus() {
  const { account, signOut } = useAccount();
  if (account === undefined) return <span className="account-status" aria-hidden="true" />;
  if (account === null) {
    const next = typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
    return (
      <a className="account-status link" href={`/sign-in?next=${encodeURIComponent(next)}`}>
        Sign in
      </a>
    );
  }
  return (
    <span className="account-status" data-testid="account-status">
      <span className="account-lead">Signed in as </span>
      <strong>{account.name}</strong>
      {account.instanceOwner && <span className="owner-badge"> · you run this Glossa (the first account)</span>}
      {/* On a phone the reader's header keeps the name and Sign out; groups and settings are a tap away in the library. */}
      <span className="account-extra">
        {' '}
        · <a href="/groups">Groups</a> · <a href="/settings">Settings</a>
      </span>{' '}
      ·{' '}
      <button type="button" className="link" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}
