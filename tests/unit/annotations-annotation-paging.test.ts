import { describe, expect, it } from 'vitest';
import { annotationPage, pagedCollection } from '../../lib/annotations/annotation-collection.ts';
import {
  canonicalJson,
  entityTag,
  ifMatchAccepts,
  pageCount,
  pageRange,
  parsePageParam,
  parsePrefer,
  protocolIris,
} from '../../lib/annotations/annotation-paging.ts';

describe('pageCount and pageRange', () => {
  it.each([
    [0, 10, 1],
    [1, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [25, 10, 3],
  ])('%i items at %i a page fill %i pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });

  it.each([
    [0, 25, 10, { start: 0, end: 10 }],
    [1, 25, 10, { start: 10, end: 20 }],
    [2, 25, 10, { start: 20, end: 25 }],
    [3, 25, 10, null],
    [0, 0, 10, { start: 0, end: 0 }],
    [1, 0, 10, null],
    [-1, 25, 10, null],
    [0.5, 25, 10, null],
  ])('page %s of %i items at %i a page is %j', (page, total, size, range) => {
    expect(pageRange(page, total, size)).toEqual(range);
  });
});

describe('parsePageParam', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['', null],
    ['-1', null],
    ['01', null],
    ['1.5', null],
    ['1e3', null],
    [' 1', null],
    ['9999999999', null],
  ])('reads %j as %s', (value, page) => {
    expect(parsePageParam(value)).toBe(page);
  });
});

describe('parsePrefer', () => {
  const rep = (...iris: string[]) => `return=representation;include="${iris.join(' ')}"`;
  it.each([
    [null, { minimal: false, iris: false, applied: false }],
    ['respond-async', { minimal: false, iris: false, applied: false }],
    [rep(protocolIris.preferContainedIris), { minimal: false, iris: true, applied: true }],
    [rep(protocolIris.preferContainedDescriptions), { minimal: false, iris: false, applied: true }],
    [rep(protocolIris.preferContainedIris, protocolIris.preferContainedDescriptions), { minimal: false, iris: false, applied: true }],
    [rep(protocolIris.preferMinimalContainer), { minimal: true, iris: false, applied: true }],
    [rep(protocolIris.preferMinimalContainer, protocolIris.preferContainedIris), { minimal: true, iris: true, applied: true }],
    [`respond-async, ${rep(protocolIris.preferContainedIris)}`, { minimal: false, iris: true, applied: true }],
    [`Return=Representation; include = "${protocolIris.preferContainedIris}"`, { minimal: false, iris: true, applied: true }],
  ])('reads %j', (header, preference) => {
    expect(parsePrefer(header)).toEqual(preference);
  });
});

describe('entityTag and If-Match', () => {
  it('is a quoted tag that ignores key order', () => {
    expect(entityTag({ a: 1, b: { c: 2, d: 3 } })).toMatch(/^"[0-9a-f]{16}"$/);
    expect(entityTag({ b: { d: 3, c: 2 }, a: 1 })).toBe(entityTag({ a: 1, b: { c: 2, d: 3 } }));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('changes with any change of the value', () => {
    const tags = new Set(['a', 'b', 'ab', 'ba', 'a ', 'A'].map((value) => entityTag({ body: [{ value }] })));
    expect(tags.size).toBe(6);
    expect(entityTag({ n: 1 })).not.toBe(entityTag({ n: '1' }));
  });

  it.each([
    ['"abc"', '"abc"', true],
    ['*', '"abc"', true],
    ['"x", "abc"', '"abc"', true],
    ['W/"abc"', '"abc"', false],
    ['"abd"', '"abc"', false],
    ['abc', '"abc"', false],
  ])('If-Match %s against %s is %s', (header, etag, ok) => {
    expect(ifMatchAccepts(header, etag)).toBe(ok);
  });
});

describe('pages and the paged collection', () => {
  const containerId = 'https://glossa.example/api/documents/d/annotations';
  const page = (n: number, total: number, iris = false) =>
    annotationPage({ containerId, label: 'D', total, page: n, pageSize: 10, items: [], iris });

  it('links a middle page to both neighbours and to its container', () => {
    expect(page(1, 25)).toMatchObject({
      id: `${containerId}?page=1`,
      type: 'AnnotationPage',
      partOf: { id: containerId, total: 25 },
      startIndex: 10,
      prev: `${containerId}?page=0`,
      next: `${containerId}?page=2`,
    });
  });

  it('gives the first page no prev and the last no next', () => {
    expect(page(0, 25)).not.toHaveProperty('prev');
    expect(page(2, 25)).not.toHaveProperty('next');
    expect(page(0, 5)).not.toHaveProperty('next');
  });

  it('names IRI pages with iris=1', () => {
    expect(page(0, 25, true)).toMatchObject({ id: `${containerId}?page=0&iris=1`, next: `${containerId}?page=1&iris=1` });
  });

  it('embeds the first page without its own context and names the last page', () => {
    const collection = pagedCollection({ containerId, label: 'D', total: 25, pageSize: 10, iris: false, first: page(0, 25) });
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 25, last: `${containerId}?page=2` });
    expect(collection.first).toMatchObject({ id: `${containerId}?page=0`, next: `${containerId}?page=1`, items: [] });
    expect(collection.first).not.toHaveProperty('@context');
  });

  it('names the first page only, for a minimal container', () => {
    const collection = pagedCollection({ containerId, label: 'D', total: 0, pageSize: 10, iris: true, first: null });
    expect(collection).toMatchObject({ first: `${containerId}?page=0&iris=1`, last: `${containerId}?page=0&iris=1` });
  });
});
