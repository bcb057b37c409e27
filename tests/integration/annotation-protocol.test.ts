/**
 * The W3C Web Annotation Protocol on the real server: a note created over HTTP reaches a reader's open room at once
 * and is stored in the rows (and the log, by db:check); a conditional update passes with the current ETag and is
 * refused with a stale one (412) or none (428); a delete goes live too; the container pages with next/prev/partOf and
 * answers the Prefer header; viewers, readers without an account and others' notes are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseForCheck } from '../../db/check.ts';
import { listAnnotations } from '../../db/queries/annotations.ts';
import { describeRange } from '../../lib/anchoring/anchor.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { fetchText, rangeOf, storyId } from '../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';
import { setDocumentAccess, writeGroup } from '../helpers/group-fixture.ts';
import { createDocument } from '../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const mediaType = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const viewer: TestReader = { id: 'reader-vic', name: 'Vic' };
const groupOwner: TestReader = { id: 'reader-olga', name: 'Olga' };
let server: TestServer;
let base: string;
let text: string;
let container: string;

beforeAll(async () => {
  server = await startTestServer({ GLOSSA_ANNOTATION_PAGE_SIZE: '3' });
  base = server.current.url;
  text = await fetchText(base);
  container = `${base}/api/documents/${storyId}/annotations`;
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const auth = (reader: TestReader | null): Record<string, string> =>
  reader ? { authorization: `Bearer ${tokenForReader(server.current.wsUrl, reader)}` } : {};

/** A W3C note on `passage` as another tool would send it: IRIs, no id, no creator. */
function sentNote(passage: string, comment: string, documentIri = `${base}/api/documents/${storyId}`) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    motivation: 'commenting',
    body: [{ type: 'TextualBody', purpose: 'commenting', value: comment, format: 'text/plain' }],
    target: { source: documentIri, selector: describeRange(text, rangeOf(text, passage)) },
  };
}

function post(reader: TestReader | null, body: unknown, url = container): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': mediaType, ...auth(reader) }, body: JSON.stringify(body) });
}

function send(method: 'PUT' | 'DELETE', reader: TestReader | null, url: string, body?: unknown, ifMatch?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': mediaType, ...auth(reader), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The stored rows of the story, read from the server's SQLite file. */
function storedRows() {
  const db = openDatabaseForCheck(server.dbPath);
  try {
    return listAnnotations(db, storyId);
  } finally {
    db.$client.close();
  }
}

type Served = Record<string, unknown> & { id: string; body: Array<{ value: string }>; creator: { id: string; name: string } };

describe('creating an annotation over HTTP', () => {
  it('answers 201 with Location, ETag and the stored note, live in an open room and in the rows', async () => {
    const reader = await joinRoom(server.current.wsUrl, storyId, ben);
    const res = await post(ann, sentNote('lost in memories', 'Sent by a W3C client.'));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe(mediaType);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{16}"$/);
    expect(res.headers.get('link')).toContain('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
    const note = (await res.json()) as Served;
    expect(res.headers.get('location')).toBe(note.id);
    expect(note.id.startsWith(`${container}/`)).toBe(true);
    const id = note.id.slice(container.length + 1);
    expect(note).toMatchObject({ creator: { id: ann.id, name: ann.name }, target: { source: `${base}/api/documents/${storyId}` } });

    // Live: the open room holds it with bare ids, as the public contract says.
    await waitFor(() => reader.annotations.has(id), 5_000, 'the note at Ben');
    expect(reader.annotations.get(id)).toMatchObject({ id, creator: { id: ann.id }, target: { source: storyId } });
    expect(storedRows().find((a) => a.id === id)?.body[0]).toMatchObject({ value: 'Sent by a W3C client.' });

    const fetched = await fetch(note.id);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('etag')).toBe(res.headers.get('etag'));
    expect(fetched.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT, DELETE');
    expect(fetched.headers.get('vary')).toContain('Accept');
    expect(await fetched.json()).toEqual(note);
    expectDatabaseConsistent(server.dbPath);
    reader.destroy();
  });

  it('refuses a note the room would refuse, with the room’s reason', async () => {
    const res = await post(ann, {
      ...sentNote('lost in memories', 'x'),
      target: {
        source: storyId,
        selector: [
          { type: 'TextQuoteSelector', exact: 'words that are nowhere in the story' },
          { type: 'TextPositionSelector', start: 0, end: 35 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('the quoted passage is not in the text');
  });
});

describe('updating and deleting', () => {
  it('updates with the current ETag (live), refuses a stale one with 412 and none with 428', async () => {
    const created = await post(ann, sentNote('fallen apart', 'First thought.'));
    const note = (await created.json()) as Served;
    const etag = created.headers.get('etag') as string;
    const id = note.id.slice(container.length + 1);
    const reader = await joinRoom(server.current.wsUrl, storyId, ben);

    const edited = { ...note, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Second thought.', format: 'text/plain' }] };
    expect((await send('PUT', ann, note.id, edited)).status).toBe(428);
    const updated = await send('PUT', ann, note.id, edited, etag);
    expect(updated.status).toBe(200);
    const newEtag = updated.headers.get('etag') as string;
    expect(newEtag).not.toBe(etag);
    const stored = (await updated.json()) as Served;
    expect(stored.body[0].value).toBe('Second thought.');
    expect(stored.modified).toEqual(expect.any(String));
    expect(stored.created).toBe(note.created);
    await waitFor(() => (reader.annotations.get(id) as Served | undefined)?.body[0].value === 'Second thought.', 5_000, 'the edit at Ben');

    const stale = await send('PUT', ann, note.id, { ...edited, body: [{ ...edited.body[0], value: 'Lost update.' }] }, etag);
    expect(stale.status).toBe(412);
    expect(storedRows().find((a) => a.id === id)?.body[0]).toMatchObject({ value: 'Second thought.' });

    expect((await send('DELETE', ann, note.id)).status).toBe(428);
    expect((await send('DELETE', ann, note.id, undefined, etag)).status).toBe(412);
    expect((await send('DELETE', ann, note.id, undefined, newEtag)).status).toBe(204);
    await waitFor(() => !reader.annotations.has(id), 5_000, 'the delete at Ben');
    expect(storedRows().some((a) => a.id === id)).toBe(false);
    expect((await fetch(note.id)).status).toBe(404);
    expect((await send('DELETE', ann, note.id, undefined, newEtag)).status).toBe(404);
    expectDatabaseConsistent(server.dbPath);
    reader.destroy();
  });
});

describe('the container', () => {
  it('pages with first/last, next/prev, partOf and startIndex, and answers Prefer', async () => {
    for (const passage of [
      'lost in memories',
      'fallen apart',
      'the same anymore',
      'lost in memories',
      'fallen apart',
      'fallen apart',
      'the same anymore',
    ])
      expect((await post(ben, sentNote(passage, `On ${passage}.`))).status).toBe(201);
    const total = storedRows().length;
    expect(total).toBeGreaterThan(6); // three pages at least: a middle page has both neighbours
    const pages = Math.ceil(total / 3);

    const res = await fetch(container);
    expect(res.headers.get('content-type')).toBe(mediaType);
    expect(res.headers.get('link')).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(res.headers.get('vary')).toContain('Accept, Prefer');
    expect(res.headers.get('etag')).toMatch(/^"/);
    const collection = (await res.json()) as { total: number; first: { items: Served[]; next: string }; last: string };
    expect(collection).toMatchObject({ type: 'AnnotationCollection', id: container, total, last: `${container}?page=${pages - 1}` });
    expect(collection.first.items).toHaveLength(3);
    expect(collection.first.next).toBe(`${container}?page=1`);

    // Walk every page by `next`, back by `prev`: every stored note exactly once, in order.
    const seen: string[] = [];
    let url: string | undefined = `${container}?page=0`;
    let index = 0;
    while (url) {
      const page = (await (await fetch(url)).json()) as {
        partOf: { id: string; total: number };
        startIndex: number;
        items: Served[];
        next?: string;
        prev?: string;
      };
      expect(page.partOf).toMatchObject({ id: container, total });
      expect(page.startIndex).toBe(index * 3);
      expect(page.prev).toBe(index === 0 ? undefined : `${container}?page=${index - 1}`);
      seen.push(...page.items.map((a) => a.id.slice(container.length + 1)));
      url = page.next;
      index++;
    }
    expect(index).toBe(pages);
    expect(seen).toEqual(storedRows().map((a) => a.id));
    expect((await fetch(`${container}?page=${pages}`)).status).toBe(404);
    expect((await fetch(`${container}?page=-1`)).status).toBe(400);

    const iris = await fetch(container, {
      headers: { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' },
    });
    expect(iris.headers.get('preference-applied')).toBe('return=representation');
    const irisBody = (await iris.json()) as { first: { id: string; items: string[] } };
    expect(irisBody.first.id).toBe(`${container}?page=0&iris=1`);
    expect(irisBody.first.items).toEqual(collection.first.items.map((a) => a.id));

    const minimal = (await (
      await fetch(container, { headers: { prefer: 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' } })
    ).json()) as { first: unknown };
    expect(minimal.first).toBe(`${container}?page=0`);
  });
});

describe('permissions', () => {
  it('refuses a reader without an account (401), a viewer (403) and another’s note (403)', async () => {
    expect((await post(null, sentNote('fallen apart', 'Anonymous.'))).status).toBe(401);

    const note = (await (await post(ann, sentNote('fallen apart', 'Ann’s.'))).json()) as Served;
    const etag = (await fetch(note.id)).headers.get('etag') as string;
    const takeover = await send(
      'PUT',
      ben,
      note.id,
      { ...note, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Ben was here.' }] },
      etag,
    );
    expect(takeover.status).toBe(403);
    expect((await send('DELETE', ben, note.id, undefined, etag)).status).toBe(403);
    expect((await send('DELETE', null, note.id, undefined, etag)).status).toBe(401);
    expect(((await (await fetch(note.id)).json()) as Served).body[0].value).toBe('Ann’s.');

    tokenForReader(server.current.wsUrl, groupOwner);
    tokenForReader(server.current.wsUrl, viewer);
    const groupDoc = await createDocument(base, 'The group copy', text);
    writeGroup(server.dbPath, {
      groupId: 'g-proto',
      name: 'Protocol club',
      ownerId: groupOwner.id,
      members: [{ userId: viewer.id, role: 'viewer' }],
    });
    setDocumentAccess(server.dbPath, groupDoc, 'group', 'g-proto');
    const groupContainer = `${base}/api/documents/${groupDoc}/annotations`;
    const asViewer = await post(viewer, sentNote('fallen apart', 'A viewer writes.', `${base}/api/documents/${groupDoc}`), groupContainer);
    expect(asViewer.status).toBe(403);
    expect((await fetch(groupContainer)).status).toBe(401);
    const asOwner = await post(
      groupOwner,
      sentNote('fallen apart', 'The owner writes.', `${base}/api/documents/${groupDoc}`),
      groupContainer,
    );
    expect(asOwner.status).toBe(201);
    expectDatabaseConsistent(server.dbPath);
  });
});
