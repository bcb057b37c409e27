import { describe, expect, it } from 'vitest';
import { hasMalformedEscape, isApiPath } from '../../server/http-guard.ts';

describe('hasMalformedEscape', () => {
  it.each([
    ['/api/documents/%E0%A4%A/text'],
    ['/api/documents/%ZZ/text'],
    ['/api/documents/%/annotations'],
    ['/api/documents/%C3/text'],
    ['/d/%E0%A4%A'],
  ])('finds the malformed escape in %j', (target) => {
    expect(hasMalformedEscape(target)).toBe(true);
  });

  it.each([
    ['/api/documents/should-have-known/text'],
    ['/api/documents/%E0%A4%A4/text'],
    ['/api/documents/a%20b/text'],
    ['/api/documents?title=%E0%A4%A'],
    ['/'],
  ])('accepts %j', (target) => {
    expect(hasMalformedEscape(target)).toBe(false);
  });
});

describe('isApiPath', () => {
  it.each([
    ['/api', true],
    ['/api/', true],
    ['/api/documents', true],
    ['/api?x=1', true],
    ['/api/nope/deeper?x=1', true],
    ['/apiary', false],
    ['/d/should-have-known', false],
    ['/', false],
  ])('says %j is under the API: %s', (target, api) => {
    expect(isApiPath(target)).toBe(api);
  });
});
