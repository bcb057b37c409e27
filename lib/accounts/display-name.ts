/**
 * An account's display name, as every note it writes will carry it (`creator.name`): trimmed, inner runs of
 * whitespace made one space, no control characters, 1 to `accountLimits.nameLength` characters. Better Auth takes
 * any string; the account hooks (db/auth.ts) pass names through this so an account can always write.
 */
import { accountLimits } from '../limits.ts';

export type DisplayNameResult = { ok: true; name: string } | { ok: false; error: string };

const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

export function displayName(raw: unknown): DisplayNameResult {
  if (typeof raw !== 'string') return { ok: false, error: 'a name is required' };
  if (controlCharacters.test(raw.replace(/[\t\n\r]/g, ' '))) return { ok: false, error: 'the name holds control or direction characters' };
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, error: 'a name is required' };
  if (name.length > accountLimits.nameLength) return { ok: false, error: `a name is at most ${accountLimits.nameLength} characters` };
  return { ok: true, name };
}
