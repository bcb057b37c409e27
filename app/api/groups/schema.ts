/** The zod schemas of `/api/groups/…` bodies and path parameters, with their inferred types. */
import { z } from 'zod';
import { inviteRoleSchema } from '../../../lib/access/roles.ts';
import { groupIdPattern, groupLimits, inviteIdPattern, userIdPattern } from '../../../lib/limits.ts';

/** Control, zero-width and direction characters: a group name is shown to every member, as typed. */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

/** A group's name: one line (runs of whitespace become one space), trimmed, 1 to {@link groupLimits.nameLength}. */
export const groupNameSchema = z
  .string()
  .refine((name) => !controlCharacters.test(name.replace(/[\t\n\r]/g, ' ')), 'a group name cannot hold control or direction characters')
  .transform((name) => name.replace(/\s+/g, ' ').trim())
  .pipe(
    z.string().min(1, 'a group needs a name').max(groupLimits.nameLength, `a group name is at most ${groupLimits.nameLength} characters`),
  );

/** `POST /api/groups` and `PATCH /api/groups/<id>`: `{ name }`. */
export const groupBodySchema = z.strictObject({ name: groupNameSchema });
export type GroupBody = z.infer<typeof groupBodySchema>;

/**
 * `POST /api/groups/<id>/invites`: the role the link gives, and how many hours it lasts (fractions allowed, between
 * {@link groupLimits.minInviteHours} and {@link groupLimits.maxInviteHours}; default {@link groupLimits.defaultInviteHours}).
 */
export const newInviteSchema = z.strictObject({
  role: inviteRoleSchema,
  expiresInHours: z
    .number()
    .min(groupLimits.minInviteHours, `an invite lasts at least ${groupLimits.minInviteHours} hour`)
    .max(groupLimits.maxInviteHours, `an invite lasts at most ${groupLimits.maxInviteHours / 24} days`)
    .optional(),
});
export type NewInvite = z.infer<typeof newInviteSchema>;

/** `PATCH /api/groups/<id>/members/<userId>`: the member's new role (owners are made, not given). */
export const memberRoleBodySchema = z.strictObject({ role: inviteRoleSchema });
export type MemberRoleBody = z.infer<typeof memberRoleBodySchema>;

export const groupIdSchema = z.string().regex(groupIdPattern);
export const inviteIdSchema = z.string().regex(inviteIdPattern);
export const userIdSchema = z.string().regex(userIdPattern);
