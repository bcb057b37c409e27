/**
 * Attacks on the W3C Web Annotation Protocol routes: oversized and wrong bodies, a note in another reader's name,
 * ids and targets that climb out of the container (`../`), If-Match games, and a flood of POSTs, which the per-minute
 * note quota stops as it stops a socket (one window per user: the socket is then refused too). Nothing refused is
 * stored, and the log and the rows agree at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseForCheck } from '../../../db/check.ts';
import { listAnnotations } from '../../../db/queries/annotations.ts';
import { describeRange } from '../../../lib/anchoring/anchor.ts';
import { protocolLimits } from '../../../lib/limits.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { buildNote, fetchText, rangeOf, storyId } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestReader } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';
import { fromProtocol } from '../../../lib/annotations/annotation-iri.ts';
import { entityTag } from '../../../lib/annotations/annotation-paging.ts';

const mediaType = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const perMinute = 6;
let server: TestServer;
let base: string;
let text: string;
let container: string;

beforeAll(async () => {
  server = await startTestServer({ GLOSSA_NOTES_PER_MINUTE: String(perMinute) });
  base = server.current.url;
  text = await fetchText(base);
  container = `${base}/api/documents/${storyId}/annotations`;
});

afterAll(async () => {
  destroyAllClients();
  if (server) expectDatabaseConsistent(server.dbPath);
  await server?.dispose();
});

const auth = (reader: TestReader): Record<string, string> => ({ authorization: `Bearer ${tokenForReader(server.current.wsUrl, reader)}` });

function note(comment: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    motivation: 'commenting',
    body: [{ type: 'TextualBody', purpose: 'commenting', value: comment }],
    target: { source: `${base}/api/documents/${storyId}`, selector: describeRange(text, rangeOf(text, 'fallen apart')) },
    ...extra,
  };
}

function request(method: string, url: string, reader: TestReader, body: string | undefined, headers: Record<string, string> = {}) {
  return fetch(url, { method, headers: { 'content-type': mediaType, ...auth(reader), ...headers }, body });
}

function storedBodies(): string[] {
  const db = openDatabaseForCheck(server.dbPath);
  try {
    return listAnnotations(db, storyId).flatMap((a) => a.body.map((b) => b.value));
  } finally {
    db.$client.close();
  }
}

async function expectRefused(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string };
  expect(typeof body.error).toBe('string');
  return body.error;
}

describe('bodies', () => {
  it('refuses a body over the cap (413), another media type (415), bad JSON and non-annotations (400)', async () => {
    const huge = JSON.stringify(note('x'.repeat(protocolLimits.annotationBodyBytes + 10)));
    await expectRefused(await request('POST', container, ann, huge), 413);
    await expectRefused(await request('POST', container, ann, JSON.stringify(note('Plain.')), { 'content-type': 'text/plain' }), 415);
    await expectRefused(await request('POST', container, ann, '{"type": "Annotation", '), 400);
    await expectRefused(await request('POST', container, ann, JSON.stringify({ ...note('No type.'), type: 'Note' })), 400);
    await expectRefused(await request('POST', container, ann, JSON.stringify([note('An array.')])), 400);
    await expectRefused(await request('POST', container, ann, JSON.stringify({ ...note('Extra.'), script: '<x>' })), 400);
    expect(storedBodies()).toEqual([]);
  });
});

describe('names and ids', () => {
  it('refuses a note in another reader’s name (403) and stores nothing', async () => {
    const error = await expectRefused(await request('POST', container, ann, JSON.stringify(note('Forged.', { creator: ben }))), 403);
    expect(error).toContain('your account');
    expect(storedBodies()).not.toContain('Forged.');
  });

  it('ignores a client id on POST: the server names the note in this container', async () => {
    const res = await request('POST', container, ann, JSON.stringify(note('Named by the server.', { id: `${container}/chosen` })));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).not.toBe(`${container}/chosen`);
  });

  it('gives an ETag nobody can recompute from the note (keyed), so a hidden note’s words cannot be guessed offline', async () => {
    const res = await request('POST', container, ann, JSON.stringify(note('Keyed tag.')));
    expect(res.status).toBe(201);
    const tag = res.headers.get('etag');
    const stored = (await res.json()) as Record<string, unknown>;
    const parsed = fromProtocol({ origin: new URL(container).origin, documentId: storyId }, stored);
    expect(parsed.ok).toBe(true);
    const version = (parsed as { ok: true; value: Record<string, unknown> }).value;
    expect(tag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(tag).not.toBe(entityTag(version));
    expect(tag).not.toBe(entityTag(stored));
  });

  it('refuses ids, targets and sources that leave the container or the document', async () => {
    const reply = { ...note('Reply.'), motivation: 'replying', body: [{ type: 'TextualBody', purpose: 'replying', value: 'R' }] };
    for (const target of [`${container}/../../other/annotations/x`, 'https://evil.example/annotations/x', `${container}/a/b`])
      await expectRefused(await request('POST', container, ann, JSON.stringify({ ...reply, target })), 400);
    await expectRefused(
      await request('POST', container, ann, JSON.stringify(note('Elsewhere.', { target: { source: `${base}/api/documents/other` } }))),
      400,
    );
    // (`..` and `%2e%2e` never reach the server: URL parsing resolves them in the client.)
    for (const path of ['..%2F..%2Fsecret', 'a%2Fb', '%ZZ', `${'x'.repeat(129)}`])
      await expectRefused(await fetch(`${container}/${path}`, { headers: auth(ann) }), 400);

    const created = await request('POST', container, ann, JSON.stringify(note('Mine.')));
    const url = created.headers.get('location') as string;
    const etag = created.headers.get('etag') as string;
    const moved = { ...note('Moved.'), id: `${container}/../../other/annotations/x` };
    await expectRefused(await request('PUT', url, ann, JSON.stringify(moved), { 'if-match': etag }), 400);
    const renamed = { ...note('Renamed.'), id: `${container}/another-note` };
    await expectRefused(await request('PUT', url, ann, JSON.stringify(renamed), { 'if-match': etag }), 400);
    expect(storedBodies()).toContain('Mine.');
  });
});

describe('If-Match games', () => {
  it('takes only the current strong tag: weak, garbage, empty and old tags are refused', async () => {
    const created = await request('POST', container, ann, JSON.stringify(note('Versioned.')));
    const url = created.headers.get('location') as string;
    const etag = created.headers.get('etag') as string;
    const body = JSON.stringify(note('Changed.'));
    await expectRefused(await request('PUT', url, ann, body, { 'if-match': `W/${etag}` }), 412);
    await expectRefused(await request('PUT', url, ann, body, { 'if-match': '"0000000000000000"' }), 412);
    await expectRefused(await request('PUT', url, ann, body, { 'if-match': ' ' }), 428);
    await expectRefused(await request('PUT', url, ann, body, { 'if-match': etag.slice(1, -1) }), 412);
    // Another reader holding the right tag still may not change it.
    await expectRefused(await request('PUT', url, ben, JSON.stringify(note('Ben’s.', { creator: ben })), { 'if-match': etag }), 403);
    const ok = await request('PUT', url, ann, body, { 'if-match': `"x", ${etag}` });
    expect(ok.status).toBe(200);
    await expectRefused(await request('DELETE', url, ann, undefined, { 'if-match': etag }), 412);
    await expectRefused(await request('DELETE', `${container}/no-such-note`, ann, undefined, { 'if-match': '*' }), 404);
    expect(storedBodies()).toContain('Changed.');
    expect(storedBodies()).not.toContain('Versioned.');
  });
});

describe('a flood of POSTs', () => {
  it('is stopped by the per-minute note quota, which then refuses the same reader’s socket too', async () => {
    const flooder: TestReader = { id: 'reader-flo', name: 'Flo' };
    const statuses: number[] = [];
    for (let i = 0; i < perMinute + 4; i++)
      statuses.push((await request('POST', container, flooder, JSON.stringify(note(`Flood ${i}.`)))).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(perMinute);
    expect(statuses.slice(perMinute)).toEqual([429, 429, 429, 429]);
    expect(storedBodies().filter((b) => b.startsWith('Flood '))).toHaveLength(perMinute);

    const socket = await joinRoom(server.current.wsUrl, storyId, flooder, { notices: '1' });
    const viaSocket = buildNote({ text, creator: flooder, passage: 'lost in memories', comment: 'Through the socket.' });
    socket.annotations.set(viaSocket.id, viaSocket);
    await waitFor(() => socket.notices.some((n) => n.kind === 'refused' && n.key === viaSocket.id), 5_000, 'the socket refused');
    expect(storedBodies()).not.toContain('Through the socket.');
  });
});
