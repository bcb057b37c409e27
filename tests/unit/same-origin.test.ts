import { describe, expect, it } from 'vitest';
import { originMatchesHost } from '../../lib/http/same-origin.ts';

describe('originMatchesHost', () => {
  it.each([
    [null, '127.0.0.1:3000', true],
    [undefined, '127.0.0.1:3000', true],
    ['', '127.0.0.1:3000', true],
    ['http://127.0.0.1:3000', '127.0.0.1:3000', true],
    ['https://evil.example', '127.0.0.1:3000', false],
    ['http://127.0.0.1:3001', '127.0.0.1:3000', false],
    ['null', '127.0.0.1:3000', false],
    ['http://127.0.0.1:3000', undefined, false],
  ])('origin %j to host %j: %s', (origin, host, same) => {
    expect(originMatchesHost(origin, host)).toBe(same);
  });
});
