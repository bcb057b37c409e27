'use client';
/**
 * `/join/<token>`: says which group an invitation link is for and with which role, and whether it can still be used.
 * Signed in, "Join the group" accepts it and opens the group's page; signed out, a link to sign in (or create an
 * account) comes back here.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatDateTime, roleLabel, roleMeaning } from './group-format.ts';
import { acceptInvite, GroupRequestError } from './group-requests.ts';
import { useAccount } from './use-account.ts';
import { useInvitePreview } from './use-groups.ts';

export function JoinGroup({ token }: { token: string }) {
  const { account } = useAccount();
  const { data: invite, error } = useInvitePreview(token);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);

  if (error)
    return (
      <section className="join-card" aria-labelledby="join-title">
        <h1 id="join-title">This invitation link does not work</h1>
        <p role="alert">
          {error.status === 404
            ? 'No group has an invite with this link. Check that it was copied whole, or ask for a new one.'
            : `The invite could not be read: ${error.message}`}
        </p>
        <p>
          <Link href="/groups">Your groups</Link>
        </p>
      </section>
    );
  if (!invite)
    return (
      <p className="empty" aria-live="polite">
        Reading the invitation…
      </p>
    );

  const next = `/join/${encodeURIComponent(token)}`;
  const join = async () => {
    setBusy(true);
    setJoinError(null);
    try {
      const joined = await acceptInvite(token);
      router.push(`/groups/${joined.groupId}`);
    } catch (err) {
      setJoinError(err instanceof GroupRequestError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <section className="join-card" aria-labelledby="join-title">
      <p className="join-kicker">Invitation to a reading group</p>
      <h1 id="join-title">{invite.group.name}</h1>
      {invite.status === 'valid' ? (
        <>
          <p>
            You are invited to join as <span className={`role-badge role-${invite.role}`}>{roleLabel[invite.role]}</span>.{' '}
            {roleMeaning[invite.role]}
          </p>
          <p className="group-hint">This link works until {formatDateTime(invite.expiresAt)}.</p>
          {account === undefined ? (
            <p className="empty">Checking who you are…</p>
          ) : account === null ? (
            <p className="join-actions">
              <a className="button-link primary" href={`/sign-in?next=${encodeURIComponent(next)}`}>
                Sign in to join
              </a>
              <a href={`/sign-in?mode=sign-up&next=${encodeURIComponent(next)}`}>or create an account</a>
            </p>
          ) : (
            <p className="join-actions">
              <button type="button" className="primary" onClick={() => void join()} disabled={busy}>
                {busy ? 'Joining…' : 'Join the group'}
              </button>
              <span className="group-hint">as {account.name}</span>
            </p>
          )}
          {joinError && (
            <p className="form-error" role="alert">
              {joinError}
            </p>
          )}
        </>
      ) : (
        <p className="join-dead" role="alert">
          {invite.status === 'revoked'
            ? 'This invitation was revoked by the group’s owner. Ask them for a new link.'
            : `This invitation expired on ${formatDateTime(invite.expiresAt)}. Ask the group’s owner for a new link.`}
        </p>
      )}
    </section>
  );
}
