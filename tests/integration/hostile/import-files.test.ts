/**
 * Hostile uploads to `POST /api/documents`: a corrupt zip, a zip bomb, a DRM-protected EPUB, an oversized
 * multipart upload (chunked, no content-length), an empty file, bytes in no readable encoding, a format Glossa does
 * not import. Each is refused with a 4xx `{ error }` that names the problem; the library is unchanged and the
 * database consistent afterwards.
 */
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLimits } from '../../../lib/limits.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { encryptionXml, sampleEpub } from '../../helpers/epub-builder.ts';
import { uploadChunked } from '../../helpers/http-raw.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.dispose();
});

async function libraryIds(): Promise<string[]> {
  const res = await fetch(`${server.current.url}/api/documents`);
  return ((await res.json()) as Array<{ id: string }>).map((d) => d.id).sort();
}

async function uploadFile(bytes: Uint8Array, filename: string, type = ''): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], filename, { type }));
  return fetch(`${server.current.url}/api/documents`, { method: 'POST', body: form });
}

describe('a hostile upload', () => {
  it.each([
    ['a corrupt zip', () => sampleEpub().slice(0, 400), 'broken.epub', 422, /corrupt/],
    [
      'a zip bomb (4 MiB of zeros per entry, 1000-fold)',
      () => zipSync({ 'OEBPS/a.xhtml': [new Uint8Array(4 * 1024 * 1024), { level: 9 }], mimetype: strToU8('application/epub+zip') }),
      'bomb.epub',
      413,
      /zip bomb/,
    ],
    ['a DRM-protected EPUB', () => sampleEpub({ 'META-INF/encryption.xml': encryptionXml() }), 'locked.epub', 422, /DRM/],
    ['an EPUB with rights.xml', () => sampleEpub({ 'META-INF/rights.xml': '<rights/>' }), 'rights.epub', 422, /DRM/],
    ['an empty file', () => new Uint8Array(0), 'empty.txt', 422, /empty/],
    ['bytes in no readable encoding', () => new Uint8Array([0x41, 0x81, 0x8d, 0x8f, 0x42]), 'odd.txt', 422, /UTF-8/],
    ['a PDF', () => strToU8('%PDF-1.7 ...'), 'paper.pdf', 415, /cannot be imported/],
  ])('refuses %s with a clear JSON error and leaves the library unchanged', async (_name, make, filename, status, message) => {
    const before = await libraryIds();
    const res = await uploadFile(make(), filename, filename.endsWith('.pdf') ? 'application/pdf' : '');
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await libraryIds()).toEqual(before);
  });

  it('refuses a multipart upload over the body cap while reading it (chunked, no content-length)', async () => {
    const before = await libraryIds();
    const upload = await uploadChunked(server.current.url, '/api/documents', {
      totalBytes: httpLimits.bodyBytes * 3,
      contentType: 'multipart/form-data; boundary=x',
    });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.body)).toEqual({ error: expect.any(String) });
    expect(await libraryIds()).toEqual(before);
  });

  it('refuses a multipart form without a file field', async () => {
    const form = new FormData();
    form.set('text', 'hello');
    const res = await fetch(`${server.current.url}/api/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/file/);
  });

  it('leaves a consistent database behind', () => {
    expectDatabaseConsistent(server.dbPath);
  });
});
