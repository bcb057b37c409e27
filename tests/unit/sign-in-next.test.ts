import { describe, expect, it } from 'vitest';
import { safeNext } from '../../app/components/sign-in-form.tsx';

describe('safeNext', () => {
  const origin = 'http://127.0.0.1:3000';
  it.each([
    [null, '/'],
    ['/d/should-have-known', '/d/should-have-known'],
    ['/d/x?notices=1#a-1', '/d/x?notices=1#a-1'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['javascript:alert(1)', '/'],
  ])('sends %s to %s', (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });
});
