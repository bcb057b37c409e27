'use client';
/**
 * `/groups`: the reading groups you belong to, with your role in each, and a form to make one (you own it and go
 * to its page, where you invite people).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { groupLimits } from '../../lib/limits.ts';
import { roleLabel } from './group-format.ts';
import { createGroup, GroupRequestError } from './group-requests.ts';
import { useAccount } from './use-account.ts';
import { useGroups } from './use-groups.ts';

export function GroupsView() {
  const { account } = useAccount();
  const { data: groups, error } = useGroups(Boolean(account));
  const router = useRouter();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  if (account === undefined) return <p className="empty">Loading your account…</p>;
  if (account === null)
    return (
      <p>
        You are not signed in. <a href="/sign-in?next=/groups">Sign in</a> to see your reading groups or make one.
      </p>
    );

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      const group = await createGroup(name.trim());
      router.push(`/groups/${group.id}`);
    } catch (err) {
      setCreateError(err instanceof GroupRequestError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="settings groups">
      <section aria-labelledby="groups-mine">
        <h2 id="groups-mine">Your groups</h2>
        {error ? (
          <p className="form-error" role="alert">
            Your groups could not be loaded: {error.message}
          </p>
        ) : groups === undefined ? (
          <p className="empty" aria-live="polite">
            Loading your groups…
          </p>
        ) : groups.length === 0 ? (
          <p className="empty">You are in no group yet. Make one below, or open an invitation link someone sent you.</p>
        ) : (
          <ul className="group-list" aria-label="Your groups">
            {groups.map((g) => (
              <li key={g.id} className="group-item">
                <Link href={`/groups/${g.id}`} className="group-name">
                  {g.name}
                </Link>
                <span className="group-meta">
                  <span className={`role-badge role-${g.role}`}>{roleLabel[g.role]}</span>
                  <span>
                    {g.memberCount} {g.memberCount === 1 ? 'member' : 'members'}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="groups-new">
        <h2 id="groups-new">Make a group</h2>
        <p className="group-hint">You own the groups you make: you invite people by link, each with a role.</p>
        <form onSubmit={create} className="settings-form">
          <label>
            Group name
            <input
              value={name}
              required
              maxLength={groupLimits.nameLength}
              placeholder="e.g. Thursday book club"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create group'}
          </button>
        </form>
        {createError && (
          <p className="form-error" role="alert">
            {createError}
          </p>
        )}
      </section>
    </div>
  );
}
