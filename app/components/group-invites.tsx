'use client';
/**
 * The owner's invitation links: make one with a role and an expiry (the link is shown once, with Copy), and revoke
 * any that can still be used. Those who joined through a revoked link stay members.
 */
import { type FormEvent, useState } from 'react';
import type { InviteRole } from '../../lib/access/roles.ts';
import { groupLimits } from '../../lib/limits.ts';
import { expiryChoices, formatDateTime, inviteRoleChoices, roleLabel } from './group-format.ts';
import { attempt, failureText, type GroupMessage } from './group-actions.ts';
import { createInvite, type GroupDetail, type GroupInviteInfo, type NewInvite, revokeInvite } from './group-requests.ts';

interface Props {
  group: GroupDetail;
  onChanged: () => Promise<void>;
  say: (message: GroupMessage) => void;
}

export function GroupInvites({ group, onChanged, say }: Props) {
  const [role, setRole] = useState<InviteRole>('annotator');
  const [hours, setHours] = useState<number>(groupLimits.defaultInviteHours);
  const [fresh, setFresh] = useState<NewInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const invites = group.invites ?? [];
  const freshUrl = fresh && typeof window !== 'undefined' ? new URL(fresh.url, window.location.origin).href : (fresh?.url ?? '');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCopied(false);
    try {
      setFresh(await createInvite(group.id, role, hours));
      say({ kind: 'ok', text: `Invite link made for ${roleLabel[role].toLowerCase()}s. Copy it now: it is not shown again.` });
      await onChanged();
    } catch (err) {
      say({ kind: 'error', text: failureText(err) });
    }
    setBusy(false);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(freshUrl);
      setCopied(true);
    } catch {
      say({ kind: 'error', text: 'The link could not be copied here; select it and copy it by hand.' });
    }
  };
  const revoke = async (invite: GroupInviteInfo) => {
    if (await attempt(() => revokeInvite(group.id, invite.id), say, `The ${roleLabel[invite.role].toLowerCase()} invite is revoked.`)) {
      if (fresh?.id === invite.id) setFresh(null);
      await onChanged();
    }
  };

  return (
    <section aria-labelledby="group-invites">
      <h2 id="group-invites">Invitation links</h2>
      <p className="group-hint">Anyone with a link can join with its role until it expires or you revoke it.</p>
      <form onSubmit={create} className="settings-form">
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as InviteRole)}>
            {inviteRoleChoices.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires after
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {expiryChoices.map((c) => (
              <option key={c.hours} value={c.hours}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Making…' : 'Create invite link'}
        </button>
      </form>
      {fresh && (
        <div className="token-fresh invite-fresh">
          <p>
            Link for <strong>{roleLabel[fresh.role].toLowerCase()}s</strong>, until {formatDateTime(fresh.expiresAt)} — copy it now, it is
            not shown again:
          </p>
          <div className="invite-link-row">
            <label className="sr-only" htmlFor="fresh-invite">
              New invite link
            </label>
            <input id="fresh-invite" readOnly value={freshUrl} data-testid="fresh-invite" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <span className="sr-only" role="status">
            {copied ? 'Link copied' : ''}
          </span>
        </div>
      )}
      {invites.length === 0 ? (
        <p className="empty">No open invitation links.</p>
      ) : (
        <ul className="token-list invite-list" aria-label="Open invitation links">
          {invites.map((invite) => (
            <li key={invite.id}>
              <span>
                <span className={`role-badge role-${invite.role}`}>{roleLabel[invite.role]}</span> · expires{' '}
                {formatDateTime(invite.expiresAt)} ·{' '}
                {invite.uses === 0 ? 'not used yet' : invite.uses === 1 ? 'used once' : `used ${invite.uses} times`}
              </span>
              <button
                type="button"
                onClick={() => void revoke(invite)}
                aria-label={`Revoke the ${roleLabel[invite.role].toLowerCase()} link expiring ${formatDateTime(invite.expiresAt)}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
