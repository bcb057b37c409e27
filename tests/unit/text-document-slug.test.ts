import { describe, expect, it } from 'vitest';
import { httpLimits } from '../../lib/limits.ts';
import { documentSlug, FALLBACK_SLUG, nextDocumentId } from '../../lib/text/document-slug.ts';

describe('documentSlug', () => {
  it.each([
    ['Should Have Known', 'should-have-known'],
    ['War and Peace', 'war-and-peace'],
    ['  The Raven!  ', 'the-raven'],
    ['Émile, ou De l’éducation', 'emile-ou-de-l-education'],
    ['Chapter 2', 'chapter-2'],
    ['Untitled', 'untitled'],
    ['„…“', FALLBACK_SLUG],
    ['', FALLBACK_SLUG],
  ])('turns %j into %j', (title, slug) => {
    expect(documentSlug(title)).toBe(slug);
  });

  it('is at most the slug length and never ends with a hyphen', () => {
    const slug = documentSlug(`${'a'.repeat(httpLimits.slugLength - 1)} b`);
    expect(slug.length).toBeLessThanOrEqual(httpLimits.slugLength);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('nextDocumentId', () => {
  it.each([
    ['the-raven', { taken: false, highestSuffix: null }, 'the-raven'],
    ['the-raven', { taken: false, highestSuffix: '7' }, 'the-raven'],
    ['the-raven', { taken: true, highestSuffix: null }, 'the-raven-2'],
    ['the-raven', { taken: true, highestSuffix: '1' }, 'the-raven-2'],
    ['the-raven', { taken: true, highestSuffix: '2' }, 'the-raven-3'],
    ['the-raven', { taken: true, highestSuffix: '2499' }, 'the-raven-2500'],
    ['x', { taken: true, highestSuffix: '99999999999999999999' }, 'x-100000000000000000000'],
  ])('gives %j with %j the id %j', (slug, use, id) => {
    expect(nextDocumentId(slug, use)).toBe(id);
  });
});
