/**
 * `GET /api/documents/<id>/search` on the real server: notes written through a live room are found by their comment,
 * a reply's text, their quoted passage and their tags, accents ignored, in text order; a deleted note is no longer
 * found; a hidden note's text finds it only for a facilitator and its author; the route answers 400/401/403/404 like
 * the other document routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, storyId } from '../helpers/annotations.ts';
import { writeGroup, setDocumentAccess } from '../helpers/group-fixture.ts';
import { createDocument } from '../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, type TestRoomClient, waitFor } from '../helpers/room-clients.ts';
import { storyOwner, startStoryServer } from '../helpers/story-owner.ts';
import type { TestServer } from '../helpers/test-server.ts';

interface SearchBody {
  query: string;
  total: number;
  results: Array<{ id: string; root: string; score?: number; snippet: string }>;
}

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;

const memories = () => buildNote({ text, creator: ann, passage: 'lost in memories', comment: 'Un café crème, and a memory of Willow.' });
let cafe: PassageAnnotation;
let mausoleum: PassageAnnotation;

beforeAll(async () => {
  ({ server, text } = await startStoryServer());
  a = await joinRoom(server.current.wsUrl, storyId, ann);
  b = await joinRoom(server.current.wsUrl, storyId, ben);
  cafe = memories();
  mausoleum = buildNote({ text, creator: ben, passage: 'Spike sat inside the mausoleum', comment: 'Where he hides.', tags: ['exclusion'] });
  a.annotations.set(cafe.id, cafe);
  b.annotations.set(mausoleum.id, mausoleum);
  const reply = buildReply({ id: 'reply-envelope', parentId: cafe.id, creator: ben, text: 'The envelope, again.', now: new Date() });
  b.annotations.set(reply.id, reply);
  await waitFor(() => a.annotations.has(mausoleum.id) && a.annotations.has(reply.id), 10_000, 'the notes at Ann');
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

function bearer(reader: { id: string; name: string }): Record<string, string> {
  return { authorization: `Bearer ${tokenForReader(server.current.wsUrl, reader)}` };
}

async function search(q: string, options: { documentId?: string; headers?: Record<string, string>; limit?: string } = {}) {
  const params = new URLSearchParams({ q, ...(options.limit ? { limit: options.limit } : {}) });
  const res = await fetch(`${server.current.url}/api/documents/${options.documentId ?? storyId}/search?${params}`, {
    headers: options.headers,
  });
  return { status: res.status, body: (await res.json()) as SearchBody & { error?: string } };
}

const ids = async (q: string, headers?: Record<string, string>) => (await search(q, { headers })).body.results.map((r) => r.id);

describe('searching the notes of a room', () => {
  it('finds a note by its comment, accents ignored, with a snippet of it', async () => {
    const { status, body } = await search('Cafe creme');
    expect(status).toBe(200);
    expect(body.query).toBe('Cafe creme');
    expect(body.total).toBe(1);
    expect(body.results).toEqual([
      { id: cafe.id, root: cafe.id, score: expect.any(Number), snippet: expect.stringContaining('café crème') },
    ]);
  });

  it('finds a reply by its text, naming the note it belongs to', async () => {
    expect((await search('envelope')).body.results).toEqual([expect.objectContaining({ id: 'reply-envelope', root: cafe.id })]);
  });

  it('finds a note by its quoted passage and by its tag', async () => {
    expect(await ids('mausoleum')).toEqual([mausoleum.id]);
    expect(await ids('exclus')).toEqual([mausoleum.id]);
  });

  it('finds a note whose words are spread over it and a reply, and lists the hits in text order', async () => {
    const spread = (await search('willow envelope')).body.results;
    expect(spread.map((r) => [r.id, r.root]).sort()).toEqual(
      [
        [cafe.id, cafe.id],
        ['reply-envelope', cafe.id],
      ].sort(),
    );
    const both = (await search('the')).body.results.map((r) => r.root);
    const order = [cafe, mausoleum].sort((x, y) => x.target.selector[1].start - y.target.selector[1].start).map((n) => n.id);
    expect([...new Set(both)]).toEqual(order);
  });

  it('leaves the snippets out when asked to (the reader only needs ids)', async () => {
    const res = await fetch(`${server.current.url}/api/documents/${storyId}/search?q=envelope&snippets=0`);
    expect(((await res.json()) as SearchBody).results).toEqual([{ id: 'reply-envelope', root: cafe.id, score: expect.any(Number) }]);
  });

  it('cuts the results to the limit and counts them all', async () => {
    const { body } = await search('the', { limit: '1' });
    expect(body.results).toHaveLength(1);
    expect(body.total).toBeGreaterThan(1);
  });

  it('no longer finds a deleted note', async () => {
    const gone = buildNote({ text, creator: ann, passage: 'fallen apart', comment: 'A transient thought.' });
    a.annotations.set(gone.id, gone);
    await waitFor(async () => (await ids('transient')).includes(gone.id), 10_000, 'the note found');
    a.annotations.delete(gone.id);
    await waitFor(() => !b.annotations.has(gone.id), 10_000, 'the delete at Ben');
    expect(await ids('transient')).toEqual([]);
  });

  it('finds a hidden note by its text only for facilitators and its author, by its passage for anyone', async () => {
    const secret = buildNote({ text, creator: ann, passage: 'two tiny little details', comment: 'A confidential remark.' });
    a.annotations.set(secret.id, secret);
    const owner = await joinRoom(server.current.wsUrl, storyId, storyOwner);
    await waitFor(() => owner.annotations.has(secret.id), 10_000, 'the note at the owner');
    owner.annotations.set(secret.id, moderate(secret, 'hidden', storyOwner, new Date().toISOString()));
    await waitFor(
      () => (b.annotations.get(secret.id) as PassageAnnotation | undefined)?.moderation?.action === 'hidden',
      10_000,
      'hidden at Ben',
    );
    expect(await ids('confidential')).toEqual([]);
    expect(await ids('confidential', bearer(ben))).toEqual([]);
    expect(await ids('confidential', bearer(storyOwner))).toEqual([secret.id]);
    expect(await ids('confidential', bearer(ann))).toEqual([secret.id]);
    const byPassage = (await search('tiny details', { headers: bearer(ben) })).body.results;
    expect(byPassage).toEqual([{ id: secret.id, root: secret.id, score: expect.any(Number), snippet: 'two tiny little details' }]);
  });
});

describe('what the route refuses', () => {
  it.each([
    ['no q', ''],
    ['a q without letters or digits', '?q=%22*%20-%20%3A'],
    ['a q over the length cap', `?q=${'a'.repeat(501)}`],
    ['a q of too many words', `?q=${Array.from({ length: 13 }, (_, i) => `w${i}`).join('+')}`],
    ['a limit of 0', '?q=the&limit=0'],
    ['a limit that is no number', '?q=the&limit=many'],
    ['snippets that are neither 0 nor 1', '?q=the&snippets=yes'],
  ])('%s: 400 { error }', async (_what, query) => {
    const res = await fetch(`${server.current.url}/api/documents/${storyId}/search${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toEqual(expect.any(String));
  });

  it('answers 404 for an unknown document and 400 for a malformed id', async () => {
    expect((await search('x', { documentId: 'no-such-document' })).status).toBe(404);
    const res = await fetch(`${server.current.url}/api/documents/${'x'.repeat(200)}/search?q=x`);
    expect(res.status).toBe(400);
  });

  it('asks a reader of a group text to sign in (401) and refuses a non-member (403)', async () => {
    const documentId = await createDocument(server.current.url, 'A group text', text);
    const writer = await joinRoom(server.current.wsUrl, documentId, storyOwner);
    const note = buildNote({ text, documentId, creator: storyOwner, passage: 'lost in memories', comment: 'Members only.' });
    writer.annotations.set(note.id, note);
    await waitFor(async () => (await search('members', { documentId })).body.total === 1, 10_000, 'the note found');
    writeGroup(server.dbPath, {
      groupId: 'grp-search',
      name: 'Search club',
      ownerId: storyOwner.id,
      members: [{ userId: ann.id, role: 'viewer' }],
    });
    setDocumentAccess(server.dbPath, documentId, 'group', 'grp-search');
    const anonymous = await search('members', { documentId });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toEqual(expect.any(String));
    expect((await search('members', { documentId, headers: bearer(ben) })).status).toBe(403);
    expect((await search('members', { documentId, headers: bearer(ann) })).body.results.map((r) => r.id)).toEqual([note.id]);
  });

  it('serves GET only', async () => {
    const res = await fetch(`${server.current.url}/api/documents/${storyId}/search?q=x`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});
