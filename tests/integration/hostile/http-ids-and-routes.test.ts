/**
 * Hostile paths and methods against the real server: a malformed document id (a percent-escape that does not
 * decode, characters no id has, too long) is 400 JSON on every `/api/documents/<id>/…` route, a well-formed unknown
 * id is 404 JSON, an unknown `/api/` route is 404 JSON for every method, a wrong method is 405 JSON with `Allow`,
 * and the server goes on serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { rawRequest, type RawResponse } from '../../helpers/http-raw.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.dispose();
});

function send(method: string, path: string, body?: string): Promise<RawResponse> {
  return rawRequest(server.current.url, method, path, body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body });
}

/** Asserts a JSON `{ error }` answer with `status`. */
function expectJsonError(res: RawResponse, status: number): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/json/) });
  expect(JSON.parse(res.body)).toEqual({ error: expect.any(String) });
}

const documentRoutes = ['text', 'annotations'];
const malformedIds = [
  ['a bad percent-escape', '%E0%A4%A'],
  ['an escape that is not hex', '%ZZ'],
  ['a lone percent sign', '%'],
  ['a truncated UTF-8 sequence', '%C3'],
  ['a space', 'a%20b'],
  ['an encoded slash', '..%2F..%2Fetc'],
  ['a NUL', 'x%00y'],
  ['non-ASCII letters', '%E0%A4%A4'],
  ['quotes and angle brackets', '%22%3Cscript%3E'],
  ['129 characters', 'x'.repeat(129)],
];

describe('a malformed document id', () => {
  for (const route of documentRoutes) {
    it.each(malformedIds)(`in /api/documents/<id>/${route} (%s) is 400 JSON`, async (_what, id) => {
      expectJsonError(await send('GET', `/api/documents/${id}/${route}`), 400);
    });
  }

  it('in a reader page path with a bad percent-escape is 400, not 500', async () => {
    const res = await send('GET', '/d/%E0%A4%A');
    expect(res.status).toBe(400);
  });
});

describe('a well-formed unknown document id', () => {
  it.each(documentRoutes)('in /api/documents/<id>/%s is 404 JSON', async (route) => {
    expectJsonError(await send('GET', `/api/documents/no-such-document/${route}`), 404);
  });

  it('of 128 characters is 404 JSON, not 400', async () => {
    expectJsonError(await send('GET', `/api/documents/${'x'.repeat(128)}/text`), 404);
  });
});

describe('an unknown API route', () => {
  const paths = [
    '/api',
    '/api/nope',
    '/api/documents/should-have-known/nope',
    '/api/documents/should-have-known/text/more',
    '/api/auth/nope',
    '/api/tokens/x/y',
  ];
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
    it.each(paths)(`${method} %s is 404 JSON`, async (path) => {
      expectJsonError(await send(method, path, method === 'GET' || method === 'OPTIONS' ? undefined : '{}'), 404);
    });
  }

  it('with a trailing slash is redirected (308) to the path without it, which is 404 JSON', async () => {
    const res = await send('GET', '/api/nope/');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/api/nope');
    expectJsonError(await send('GET', res.headers.location as string), 404);
  });
});

describe('a wrong method on an existing route', () => {
  it.each([
    ['DELETE', '/api/documents', 'GET, HEAD, POST'],
    ['PUT', '/api/documents', 'GET, HEAD, POST'],
    ['PATCH', '/api/documents', 'GET, HEAD, POST'],
    ['POST', '/api/documents/should-have-known/text', 'GET, HEAD'],
    ['DELETE', '/api/documents/should-have-known/text', 'GET, HEAD'],
    ['PUT', '/api/documents/should-have-known/annotations', 'GET, HEAD, OPTIONS, POST'],
    ['PATCH', '/api/documents/should-have-known/annotations/some-note', 'GET, HEAD, OPTIONS, PUT, DELETE'],
  ])('%s %s is 405 JSON allowing %s', async (method, path, allow) => {
    const res = await send(method, path, '{}');
    expectJsonError(res, 405);
    expect(res.headers.allow).toBe(allow);
  });
});

describe('after all of that', () => {
  it('the server still serves the library, the text and the notes', async () => {
    expect((await send('GET', '/api/documents')).status).toBe(200);
    expect((await send('GET', '/api/documents/should-have-known/text')).status).toBe(200);
    expect((await send('GET', '/api/documents/should-have-known/annotations')).status).toBe(200);
    expect(server.current.logs()).not.toMatch(/request failed/);
  });
});

describe('afterwards', () => {
  it("leaves every document's log and rows in agreement (db:check)", () => {
    expectDatabaseConsistent(server.current.dbPath);
  });
});
