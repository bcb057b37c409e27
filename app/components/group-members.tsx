'use client';
/**
 * A group's members with their roles. The owner changes a member's role (a select and Save, so arrowing through the
 * select sends nothing) and removes members after a confirmation; anyone else can leave. A member whose role changes
 * or who is removed has their live connections closed at once, to join again under the new role.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { InviteRole } from '../../lib/access/roles.ts';
import { formatDate, inviteRoleChoices, roleLabel } from './group-format.ts';
import { attempt, type GroupMessage } from './group-actions.ts';
import { ConfirmButton } from './group-confirm.tsx';
import { type GroupDetail, removeMember, setMemberRole } from './group-requests.ts';

type Member = GroupDetail['members'][number];

interface Props {
  group: GroupDetail;
  accountId: string;
  onChanged: () => Promise<void>;
  say: (message: GroupMessage) => void;
}

export function GroupMembers({ group, accountId, onChanged, say }: Props) {
  const router = useRouter();
  const owner = group.role === 'owner';

  const leave = async () => {
    if (await attempt(() => removeMember(group.id, accountId), say, `You left “${group.name}”.`)) router.push('/groups');
  };

  return (
    <section aria-labelledby="group-members">
      <h2 id="group-members">Members ({group.members.length})</h2>
      <ul className="member-list" aria-label="Members">
        {group.members.map((m) =>
          owner && m.role !== 'owner' ? (
            <ManagedMember key={`${m.id}:${m.role}`} groupId={group.id} member={m} onChanged={onChanged} say={say} />
          ) : (
            <li key={m.id} className="member">
              <MemberName member={m} you={m.id === accountId} />
              <span className={`role-badge role-${m.role}`}>{roleLabel[m.role]}</span>
            </li>
          ),
        )}
      </ul>
      {!owner && (
        <ConfirmButton
          label="Leave the group…"
          question={`Leave “${group.name}”? You will need a new invite to come back.`}
          confirmLabel="Leave"
          onConfirm={() => void leave()}
        />
      )}
    </section>
  );
}

function MemberName({ member, you }: { member: Member; you: boolean }) {
  return (
    <span className="member-name">
      <strong>{member.name}</strong>
      {you && ' (you)'}
      <span className="group-hint">joined {formatDate(member.joinedAt)}</span>
    </span>
  );
}

/** A member row as the owner sees it: a role select with Save, and Remove with a confirmation. */
function ManagedMember({
  groupId,
  member,
  onChanged,
  say,
}: {
  groupId: string;
  member: Member;
  onChanged: () => Promise<void>;
  say: (message: GroupMessage) => void;
}) {
  const [role, setRole] = useState<InviteRole>(member.role === 'owner' ? 'facilitator' : member.role);
  const [busy, setBusy] = useState(false);
  const selectId = `role-${member.id}`;

  const run = async (action: () => Promise<unknown>, okText: string) => {
    setBusy(true);
    const ok = await attempt(action, say, okText);
    setBusy(false);
    if (ok) await onChanged();
    return ok;
  };

  return (
    <li className="member">
      <MemberName member={member} you={false} />
      <span className="member-controls">
        <label className="sr-only" htmlFor={selectId}>
          Role of {member.name}
        </label>
        <select id={selectId} value={role} onChange={(e) => setRole(e.target.value as InviteRole)} disabled={busy}>
          {inviteRoleChoices.map((r) => (
            <option key={r} value={r}>
              {roleLabel[r]}
            </option>
          ))}
        </select>
        {role !== member.role && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(() => setMemberRole(groupId, member.id, role), `${member.name} is now ${roleLabel[role].toLowerCase()}.`)
            }
          >
            Save role
          </button>
        )}
        <ConfirmButton
          label="Remove…"
          ariaLabel={`Remove ${member.name}…`}
          question={`Remove ${member.name}?`}
          confirmLabel="Remove"
          disabled={busy}
          onConfirm={() => void run(() => removeMember(groupId, member.id), `${member.name} is removed from the group.`)}
        />
      </span>
    </li>
  );
}
