import { describe, expect, it } from 'vitest';
import { displayName } from '../../lib/accounts/display-name.ts';
import { accountLimits } from '../../lib/limits.ts';

describe('displayName', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ['  Ada   Lovelace ', 'Ada Lovelace'],
    ['Ada\tLovelace', 'Ada Lovelace'],
    ['Zoë Ψ 李', 'Zoë Ψ 李'],
    ['x'.repeat(accountLimits.nameLength), 'x'.repeat(accountLimits.nameLength)],
  ])('accepts %j as %j', (raw, name) => {
    expect(displayName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    [42, 'required'],
    ['x'.repeat(accountLimits.nameLength + 1), 'at most'],
    ['Ada\u0000', 'control'],
    ['Ada\u202eevil', 'direction'],
  ])('refuses %j', (raw, why) => {
    const result = displayName(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(why);
  });
});
