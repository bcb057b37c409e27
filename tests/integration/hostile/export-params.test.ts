/**
 * Hostile export requests: oversized and repeated parameters, unknown formats and options, and a title built to
 * inject into the download's file name — each refused with a reason or made harmless, never a crash or a header
 * the caller wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText } from '../../helpers/annotations.ts';
import { createDocument } from '../../helpers/hostile.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let base: string;
let evil: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  evil = await createDocument(base, 'evil"; filename=run.exe\r\nX-Injected: 1 ../../etc/passwd', await fetchText(base));
});

afterAll(async () => {
  await server?.dispose();
});

const get = (query: string, id = 'should-have-known') => fetch(`${base}/api/documents/${id}/export?${query}`);

describe('export parameters', () => {
  it.each([
    ['format=exe', /format is one of/],
    ['', /format is one of/],
    ['format=md&notes=everyone', /notes is one of/],
    ['format=md&group=color', /group is one of/],
    ['format=md&style=harvard', /style is one of/],
    ['format=md&replies=yes', /replies is 0 or 1/],
    ['format=md&format=csv', /format is given once/],
    ['format=md&callback=alert', /unknown parameter "callback"/],
    [`format=md&notes=filter&theme=${'x'.repeat(200)}`, /at most 128 characters/],
    [`format=md&notes=filter&${Array.from({ length: 51 }, (_, i) => `theme=t${i}`).join('&')}`, /at most 50 theme values/],
    [`format=md&notes=filter&q=${'word '.repeat(120)}`, /q is at most/],
  ])('refuses %s with 400 and a reason', async (query, reason) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(reason);
  });

  it('refuses a query string longer than the limit with 414', async () => {
    const res = await get(`format=md&q=${'a'.repeat(5_000)}`);
    expect(res.status).toBe(414);
  });

  it('builds the file name from the document id alone, never from its title', async () => {
    const res = await get('format=md', evil);
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9_-]+-notes\.md"; filename\*=UTF-8''[A-Za-z0-9_-]+-notes\.md$/);
    expect(res.headers.get('x-injected')).toBeNull();
  });

  it('treats injection in filter values as words, not as Markdown or SQL', async () => {
    const res = await get(
      `format=md&notes=filter&q=${encodeURIComponent("'); DROP TABLE annotations; --")}&theme=${encodeURIComponent('<script>')}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('*No notes were chosen.*');
    expect((await get('format=csv')).status).toBe(200);
  });

  it('answers other methods with 405', async () => {
    expect((await fetch(`${base}/api/documents/should-have-known/export?format=md`, { method: 'POST' })).status).toBe(405);
  });
});
