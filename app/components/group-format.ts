/** How the group pages name roles and expiry choices, in one place so every page says the same. */
import type { InviteRole, Role, Visibility } from '../../lib/access/roles.ts';
import { groupLimits } from '../../lib/limits.ts';

/** A role's name, capitalised, for badges and selects. */
export const roleLabel: Record<Role, string> = {
  owner: 'Owner',
  facilitator: 'Facilitator',
  annotator: 'Annotator',
  viewer: 'Viewer',
};

/** What a role lets its member do with the group's texts, as a sentence. */
export const roleMeaning: Record<Role, string> = {
  owner: 'The owner invites people, changes roles and removes members.',
  facilitator: 'Facilitators write notes, and can hide or remove anyone’s note and manage themes.',
  annotator: 'Annotators read the texts and write notes and replies.',
  viewer: 'Viewers read the texts and everyone’s notes.',
};

/** The roles an invite (or the owner's role select) offers, strongest first. */
export const inviteRoleChoices: readonly InviteRole[] = ['facilitator', 'annotator', 'viewer'];

/** How long a new invite may last, as the invite form offers it (hours; the server accepts any value in bounds). */
export const expiryChoices: ReadonlyArray<{ hours: number; label: string }> = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: groupLimits.defaultInviteHours, label: '7 days' },
  { hours: groupLimits.maxInviteHours, label: '30 days' },
];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A date and time for an invite's expiry ("Dec 3, 2026, 4:05 PM"). */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** A date for when someone joined ("Nov 26, 2026"). */
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** Who may read a group's text, by its visibility (lib/access/roles.ts). */
export const visibilityLabel: Record<Visibility, string> = {
  open: 'Open to everyone',
  'public-read': 'Anyone reads, members write',
  group: 'Members only',
};
