/**
 * Hostile HTTP bodies against the real server: chunked uploads without `content-length` far over the cap are
 * refused with 413 JSON while they stream, without the server's memory growing with them, and the library is
 * unchanged; titles from every source are cut to the cap; many texts with one title get distinct ids quickly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { httpLimits } from '../../../lib/limits.ts';
import { rawRequest, residentBytes, uploadChunked } from '../../helpers/http-raw.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const MB = 1024 * 1024;
const story = 'The first paragraph of a story.\n\nIts second paragraph.\n';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.dispose();
});

async function libraryIds(): Promise<string[]> {
  const res = await fetch(`${server.current.url}/api/documents`);
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ id: string }>).map((d) => d.id).sort();
}

async function importJson(body: unknown): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${server.current.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as { id?: string }) };
}

async function titleOf(id: string): Promise<string | undefined> {
  const res = await fetch(`${server.current.url}/api/documents`);
  return ((await res.json()) as Array<{ id: string; title: string }>).find((d) => d.id === id)?.title;
}

/** Polls `read` every 50 ms while `work` runs; resolves with work's result and every reading. */
async function sampleWhile<T, R>(work: Promise<T>, read: () => Promise<R>): Promise<{ result: T; samples: R[] }> {
  const samples: R[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      samples.push(await read());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work, samples };
  } finally {
    running = false;
    await sampler;
  }
}

describe('an oversized chunked body', () => {
  it('is refused with 413 and a JSON error, and the server stops reading it', async () => {
    const upload = await uploadChunked(server.current.url, '/api/documents', { totalBytes: 100 * MB, contentType: 'text/plain' });
    expect(upload.status).toBe(413);
    expect(String(upload.headers['content-type'])).toMatch(/json/);
    expect(JSON.parse(upload.body)).toEqual({ error: expect.any(String) });
    expect(upload.headers.connection).toBe('close');
    // What the client could push: the cap, plus what loopback socket buffers hold, far from the 100 MB offered.
    expect(upload.sentBytes).toBeLessThan(httpLimits.bodyBytes + 30 * MB);
  });

  it('is refused as JSON too: 413 for a chunked JSON body over the cap', async () => {
    const upload = await uploadChunked(server.current.url, '/api/documents', {
      totalBytes: 40 * MB,
      contentType: 'application/json',
      fill: ' ',
    });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.body)).toEqual({ error: expect.any(String) });
  });

  it('is refused before reading when its content-length is over the cap', async () => {
    const res = await rawRequest(server.current.url, 'POST', '/api/documents', {
      headers: { 'content-type': 'text/plain', 'content-length': String(httpLimits.bodyBytes + 1) },
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: expect.any(String) });
  });

  it('three at once, 100 MB each, leave the RSS within 100 MB, the library unchanged and other requests served', async () => {
    // Warm up: the import route's modules are loaded and its first refusal made before the baseline is read.
    await uploadChunked(server.current.url, '/api/documents', { totalBytes: 20 * MB, contentType: 'text/plain' });
    const before = await libraryIds();
    const baseline = await residentBytes(server.current.pid);

    const uploads = Promise.all(
      [0, 1, 2].map(() => uploadChunked(server.current.url, '/api/documents', { totalBytes: 100 * MB, contentType: 'text/plain' })),
    );
    const { result, samples } = await sampleWhile(uploads, async () => {
      const started = performance.now();
      const res = await fetch(`${server.current.url}/api/documents/should-have-known/text`);
      await res.text();
      return { rss: await residentBytes(server.current.pid), status: res.status, ms: performance.now() - started };
    });

    expect(result.map((r) => r.status)).toEqual([413, 413, 413]);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.status === 200)).toBe(true);
    expect(Math.max(...samples.map((s) => s.ms))).toBeLessThan(2000);
    const peak = Math.max(...samples.map((s) => s.rss), await residentBytes(server.current.pid));
    expect(peak - baseline).toBeLessThan(100 * MB);
    expect(await libraryIds()).toEqual(before);
  });

  it('sent to an unknown API route is answered 404 JSON without being read', async () => {
    const upload = await uploadChunked(server.current.url, '/api/nowhere', { totalBytes: 100 * MB, contentType: 'text/plain' });
    expect(upload.status).toBe(404);
    expect(JSON.parse(upload.body)).toEqual({ error: expect.any(String) });
    expect(upload.sentBytes).toBeLessThan(30 * MB);
  });
});

describe('a body within the cap', () => {
  it('imports when sent chunked without content-length', async () => {
    const text = `${'A sentence of a long story, told slowly. '.repeat(40)}\n\n`.repeat(1000); // ~1.6 MB
    const upload = await uploadChunked(server.current.url, '/api/documents?title=Chunked%20Story', {
      totalBytes: Buffer.byteLength(text),
      contentType: 'text/plain',
      fill: text,
      chunkBytes: Buffer.byteLength(text),
    });
    expect(upload.status).toBe(201);
    const { id } = JSON.parse(upload.body) as { id: string };
    expect(id).toBe('chunked-story');
    const stored = await (await fetch(`${server.current.url}/api/documents/${id}/text`)).text();
    expect(stored.length).toBeGreaterThan(1_000_000);
  });
});

describe('the title cap', () => {
  const long = 'A Very Long Title '.repeat(100); // 1,800 characters

  it('cuts a title: header line to 200 characters ending with an ellipsis', async () => {
    const { status, id } = await importJson({ text: `title: ${long}\nauthor: Someone\n\n${story}` });
    expect(status).toBe(201);
    const title = await titleOf(id!);
    expect(title).toHaveLength(httpLimits.titleLength);
    expect(title!.endsWith('…')).toBe(true);
    expect(title!.startsWith('A Very Long Title')).toBe(true);
  });

  it('cuts a JSON title to 200 characters ending with an ellipsis', async () => {
    const { status, id } = await importJson({ title: long, text: story });
    expect(status).toBe(201);
    expect(await titleOf(id!)).toHaveLength(httpLimits.titleLength);
  });

  it('cuts a ?title= to 200 characters ending with an ellipsis', async () => {
    const res = await rawRequest(server.current.url, 'POST', `/api/documents?title=${encodeURIComponent(long)}`, {
      headers: { 'content-type': 'text/plain' },
      body: story,
    });
    expect(res.status).toBe(201);
    const { id } = JSON.parse(res.body) as { id: string };
    expect(await titleOf(id)).toHaveLength(httpLimits.titleLength);
  });

  it('cuts a megabyte title: header line without refusing the file', async () => {
    const { status, id } = await importJson({ text: `title: ${'x'.repeat(MB)}\n\n${story}` });
    expect(status).toBe(201);
    expect(await titleOf(id!)).toHaveLength(httpLimits.titleLength);
  });
});

describe('many texts with the same title', () => {
  it('get distinct readable ids, the last as fast as the first', async () => {
    const count = 300;
    const ids: string[] = [];
    const times: number[] = [];
    for (let n = 0; n < count; n++) {
      const started = performance.now();
      const { status, id } = await importJson({ title: 'Same Old Story', text: story });
      times.push(performance.now() - started);
      expect(status).toBe(201);
      ids.push(id!);
    }
    expect(new Set(ids).size).toBe(count);
    expect(ids.slice(0, 3)).toEqual(['same-old-story', 'same-old-story-2', 'same-old-story-3']);
    expect(ids.at(-1)).toBe(`same-old-story-${count}`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // The look-up is one indexed query: the last imports are not slower than the first ones (slack for noise).
    expect(median(times.slice(-30))).toBeLessThan(median(times.slice(0, 30)) * 3 + 20);
  });
});

describe('afterwards', () => {
  it("leaves every document's log and rows in agreement (db:check)", () => {
    expectDatabaseConsistent(server.current.dbPath);
  });
});
