import { describe, expect, it } from 'vitest';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import { tagNameOf } from '../../lib/tags/tag-name.ts';

const limit = annotationLimits.tagLength;

const table = [
  ['a lower-case name', 'loss', 'loss'],
  ['capitals', 'The Chip', 'the chip'],
  ['all capitals', 'GUILT', 'guilt'],
  ['surrounding spaces', '  loss  ', 'loss'],
  ['inner runs of spaces', 'the   chip', 'the chip'],
  ['tabs and newlines', '\tthe\n\nchip\r\n', 'the chip'],
  ['no-break spaces', '\u00a0the\u00a0chip\u00a0', 'the chip'],
  ['accented capitals', 'ÉCOLE Médiévale', 'école médiévale'],
  ['an empty label', '', ''],
  ['a blank label', ' \t\n ', ''],
  ['a label over the limit', 'x'.repeat(limit + 5), 'x'.repeat(limit)],
  ['a label the limit cuts just after a space', `${'x'.repeat(limit - 1)} y`, 'x'.repeat(limit - 1)],
  ['a label the limit cuts inside a surrogate pair', `${'x'.repeat(limit - 1)}😀`, 'x'.repeat(limit - 1)],
  ['a label whose long spaces collapse under the limit', `${'x'.repeat(limit - 2)}      y`, `${'x'.repeat(limit - 2)} y`],
] as const;

describe('tagNameOf', () => {
  it.each(table)('normalises %s', (_name, label, expected) => {
    expect(tagNameOf(label)).toBe(expected);
  });

  it.each(table)('gives a name that is its own normal form for %s', (_name, label) => {
    const name = tagNameOf(label);
    expect(tagNameOf(name)).toBe(name);
  });

  it.each(table)('never gives a name longer than the limit for %s', (_name, label) => {
    expect(tagNameOf(label).length).toBeLessThanOrEqual(limit);
  });

  it('gives labels that differ only in case and spacing the same name', () => {
    expect(new Set(['The Chip', 'the chip', ' THE  CHIP ', 'the\tChip'].map(tagNameOf))).toEqual(new Set(['the chip']));
  });
});
