'use client';
/**
 * `/groups/<id>`: one reading group as its member sees it — its name and your role, its members, its texts; for
 * the owner also renaming, deleting, invitation links and each member's role. Every change is sent, then the page
 * is read again from the server, so what is shown is what is stored.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { groupLimits } from '../../lib/limits.ts';
import { GroupInvites } from './group-invites.tsx';
import { GroupMembers } from './group-members.tsx';
import { roleLabel, roleMeaning, visibilityLabel } from './group-format.ts';
import { attempt, type GroupMessage } from './group-actions.ts';
import { ConfirmButton } from './group-confirm.tsx';
import { deleteGroup, type GroupDetail, renameGroup } from './group-requests.ts';
import { useAccount } from './use-account.ts';
import { useGroup } from './use-groups.ts';

export function GroupPage({ id }: { id: string }) {
  const { account } = useAccount();
  const { data: group, error, reload } = useGroup(id, Boolean(account));
  const [message, setMessage] = useState<GroupMessage>(null);

  if (account === undefined) return <p className="empty">Loading your account…</p>;
  if (account === null)
    return (
      <p>
        You are not signed in. <a href={`/sign-in?next=${encodeURIComponent(`/groups/${id}`)}`}>Sign in</a> to see this group.
      </p>
    );
  if (error && !group)
    return error.status === 404 || error.status === 400 ? (
      <section>
        <h1>No such group</h1>
        <p role="alert">This group does not exist, or you are not one of its members.</p>
      </section>
    ) : (
      <section>
        <h1>Reading group</h1>
        <p className="form-error" role="alert">
          The group could not be loaded: {error.message}
        </p>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
      </section>
    );
  if (!group)
    return (
      <p className="empty" aria-live="polite">
        Loading the group…
      </p>
    );

  const owner = group.role === 'owner';
  return (
    <div className="settings group">
      <GroupHeading group={group} onChanged={reload} say={setMessage} />
      <p className="group-role">
        Your role: <span className={`role-badge role-${group.role}`}>{roleLabel[group.role]}</span>{' '}
        <span className="group-hint">{roleMeaning[group.role]}</span>
      </p>
      {message && (
        <p className={message.kind === 'ok' ? 'settings-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <GroupMembers group={group} accountId={account.id} onChanged={reload} say={setMessage} />
      {owner && <GroupInvites group={group} onChanged={reload} say={setMessage} />}
      <section aria-labelledby="group-texts">
        <h2 id="group-texts">Texts</h2>
        {group.documents.length === 0 ? (
          <p className="empty">No texts in this group yet. A text’s owner can put it in the group.</p>
        ) : (
          <ul className="group-list" aria-label="The group’s texts">
            {group.documents.map((d) => (
              <li key={d.id} className="group-item">
                <Link href={`/d/${encodeURIComponent(d.id)}`} className="group-name">
                  {d.title}
                </Link>
                <span className="group-meta">
                  {d.author && <span>{d.author}</span>}
                  <span>{visibilityLabel[d.visibility]}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The group's name; for its owner, renaming it and deleting it (after a confirmation). */
function GroupHeading({ group, onChanged, say }: { group: GroupDetail; onChanged: () => Promise<void>; say: (m: GroupMessage) => void }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(group.name);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (await attempt(() => renameGroup(group.id, name.trim()), say, 'The group is renamed.')) {
      setRenaming(false);
      await onChanged();
    }
  };
  const remove = async () => {
    if (await attempt(() => deleteGroup(group.id), say, 'The group is deleted.')) router.push('/groups');
  };

  if (renaming)
    return (
      <form onSubmit={rename} className="settings-form group-rename">
        <label>
          Group name
          <input
            value={name}
            required
            autoFocus
            maxLength={groupLimits.nameLength}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
          />
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Save name
        </button>
        <button type="button" onClick={() => setRenaming(false)}>
          Cancel
        </button>
      </form>
    );
  return (
    <div className="group-heading">
      <h1>{group.name}</h1>
      {group.role === 'owner' && (
        <div className="group-owner-actions">
          <button
            type="button"
            onClick={() => {
              setName(group.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <ConfirmButton
            label="Delete…"
            ariaLabel="Delete the group…"
            question={`Delete “${group.name}” for everyone?`}
            confirmLabel="Delete group"
            onConfirm={() => void remove()}
          />
        </div>
      )}
    </div>
  );
}
