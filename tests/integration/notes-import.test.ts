/**
 * Importing notes on the real server: a W3C collection's notes are re-anchored (position, quote, fuzzy), reach a
 * reader's open room at once and are stored (rows and log agree); a Hypothesis export comes in with its author's
 * credit and tags; what cannot be placed is kept as the importer's orphans, listed, placed on a passage (through
 * the room) or discarded, and nobody else sees them; readers without an account and viewers are refused; Glossa's
 * own export imported into a fresh copy of the text gives the same notes on the same passages, and into a corrected
 * edition (about 1 % of the characters changed) they land where the passages went.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../lib/anchoring/anchor.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { fetchCollection, fetchText, rangeOf, storyId } from '../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';
import { setDocumentAccess, writeGroup } from '../helpers/group-fixture.ts';
import { createDocument } from '../helpers/hostile.ts';
import { ann, ben, destroyAllClients, joinRoom, type TestReader, waitFor } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const viewer: TestReader = { id: 'reader-vic', name: 'Vic' };
const groupOwner: TestReader = { id: 'reader-olga', name: 'Olga' };
let server: TestServer;
let base: string;
let text: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  text = await fetchText(base);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const auth = (reader: TestReader | null): Record<string, string> =>
  reader ? { authorization: `Bearer ${tokenForReader(server.current.wsUrl, reader)}` } : {};

interface ImportAnswer {
  imported: Array<{ index: number; id: string; method: string; score: number }>;
  orphans: Array<{ id: string; index: number; quote: string; reason: string; note: string }>;
  skipped: Array<{ index: number; reason: string }>;
}

function importNotes(reader: TestReader | null, file: unknown, documentId = storyId): Promise<Response> {
  return fetch(`${base}/api/documents/${documentId}/annotations/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(reader) },
    body: typeof file === 'string' ? file : JSON.stringify(file),
  });
}

async function imported(reader: TestReader, file: unknown, documentId = storyId): Promise<ImportAnswer> {
  const res = await importNotes(reader, file, documentId);
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()) as ImportAnswer;
}

/** A W3C note from another tool on `passage` of `source`, its selectors taken on `from` (default: the story). */
function w3cNote(passage: string, comment: string, options: { from?: string; shift?: number; author?: string } = {}) {
  const from = options.from ?? text;
  const [quote, position] = describeRange(from, rangeOf(from, passage));
  const shift = options.shift ?? 0;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `https://elsewhere.example/anno/${encodeURIComponent(comment)}`,
    type: 'Annotation',
    motivation: 'commenting',
    creator: { id: 'https://elsewhere.example/users/1', name: options.author ?? 'Ann' },
    created: '2024-03-01T10:00:00Z',
    body: [
      { type: 'TextualBody', purpose: 'commenting', value: comment },
      { type: 'TextualBody', purpose: 'tagging', value: 'Imported' },
    ],
    target: {
      source: 'https://elsewhere.example/texts/story',
      selector: [quote, { ...position, start: position.start + shift, end: position.end + shift }],
    },
  };
}

const collection = (items: unknown[]) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'AnnotationCollection',
  total: items.length,
  first: { type: 'AnnotationPage', items },
});

describe('importing a W3C collection', () => {
  it('places each note by position, quote or fuzzily, and a reader in the room sees them at once', async () => {
    const watcher = await joinRoom(server.current.wsUrl, storyId, ben);
    const changed = text.replace('seen the hurt and confusion in her eyes', 'seen the hurt and confusoin in her eyes');
    const file = collection([
      w3cNote('He could have been there for her', 'Where it stands.'),
      w3cNote('But he never found the time to give her a few minutes.', 'Offsets drifted.', { shift: 40 }),
      // Taken on an edition with a typo that this text does not have.
      w3cNote('seen the hurt and confusoin in her eyes', 'Words changed.', { from: changed }),
    ]);
    const answer = await imported(ann, file);
    expect(answer.orphans).toEqual([]);
    expect(answer.imported.map((i) => [i.index, i.method])).toEqual([
      [0, 'position'],
      [1, 'quote'],
      [2, 'fuzzy'],
    ]);
    expect(answer.imported[2].score).toBeGreaterThan(0.8);
    expect(answer.imported[2].score).toBeLessThan(1);

    await waitFor(() => answer.imported.every((i) => watcher.annotations.has(i.id)), 10_000, 'the imported notes to reach the room');
    const live = watcher.annotations.get(answer.imported[2].id) as PassageAnnotation;
    expect(live.target.selector[0].exact).toBe('seen the hurt and confusion in her eyes');
    expect(live.creator).toEqual({ id: ann.id, name: ann.name });
    expect(live.created).toBe('2024-03-01T10:00:00Z');
    expect(watcher.tags.has('imported')).toBe(true);

    const stored = (await fetchCollection(base)).first.items as PassageAnnotation[];
    for (const { id } of answer.imported) expect(stored.some((a) => a.id === id)).toBe(true);
    // New ids, never the file's.
    expect(answer.imported.every((i) => !i.id.includes('elsewhere'))).toBe(true);
    expectDatabaseConsistent(server.dbPath);
    watcher.destroy();
  });

  it('takes the creator from the caller, whatever the file says, and credits another author in the text', async () => {
    const answer = await imported(
      ann,
      [w3cNote('His undead heart had lurched', 'Forged?', { author: 'Mallory' })].map((n) => ({
        ...n,
        creator: { id: ben.id, name: ben.name },
      })),
    );
    expect(answer.imported).toHaveLength(1);
    const note = (await fetchCollection(base)).first.items.find((a) => a.id === answer.imported[0].id) as PassageAnnotation;
    expect(note.creator).toEqual({ id: ann.id, name: ann.name });
    expect(note.body[0].value).toBe('Forged?\n\n— Originally by Ben');
  });
});

describe('importing a Hypothesis export', () => {
  it('uses its quote and position selectors, ignores its RangeSelector, keeps its tags and credits its author', async () => {
    const range = rangeOf(text, 'Willow had been drowning in her pain and misery');
    const [quote] = describeRange(text, range);
    const file = {
      export_date: '2025-01-01T00:00:00.000Z',
      export_userid: 'acct:carol@hypothes.is',
      client_version: '1.1500.0',
      annotations: [
        {
          id: 'hyp-1',
          created: '2025-01-01T00:00:00.000000+00:00',
          updated: '2025-01-01T00:00:00.000000+00:00',
          user: 'acct:carol@hypothes.is',
          user_info: { display_name: 'Carol C.' },
          uri: 'https://fanfic.example/story/1',
          text: 'Drowning — the image comes back later.',
          tags: ['Water', 'guilt'],
          target: [
            {
              source: 'https://fanfic.example/story/1',
              selector: [
                { type: 'RangeSelector', startContainer: '/div[1]/p[7]', startOffset: 0, endContainer: '/div[1]/p[7]', endOffset: 47 },
                // Offsets in the web page's text, not this one's.
                { type: 'TextPositionSelector', start: range.start + 312, end: range.end + 312 },
                quote,
              ],
            },
          ],
        },
        {
          id: 'hyp-2',
          user: 'acct:dan@hypothes.is',
          text: 'A reply',
          references: ['hyp-1'],
          target: [{ source: 'https://fanfic.example/story/1' }],
        },
      ],
    };
    const answer = await imported(ann, file);
    expect(answer.imported).toEqual([{ index: 0, id: expect.any(String), method: 'quote', score: expect.any(Number) }]);
    expect(answer.skipped).toEqual([{ index: 1, reason: expect.stringContaining('reply') }]);
    const note = (await fetchCollection(base)).first.items.find((a) => a.id === answer.imported[0].id) as PassageAnnotation;
    expect(note.target.selector[1]).toEqual({ type: 'TextPositionSelector', ...range });
    expect(note.body.map((b) => b.value)).toEqual(['Drowning — the image comes back later.\n\n— Originally by Carol C.', 'water', 'guilt']);
    expect(note.created).toBe('2025-01-01T00:00:00.000000+00:00');
  });
});

describe('orphans', () => {
  const vanished = (n: number) => ({
    type: 'Annotation',
    motivation: 'commenting',
    body: { type: 'TextualBody', purpose: 'commenting', value: `Lost note ${n}` },
    target: {
      source: 'x',
      selector: {
        type: 'TextQuoteSelector',
        exact: `a sentence that was never in this story, number ${n}`,
        prefix: 'and ',
        suffix: ' too',
      },
    },
  });

  it('are listed for their importer only, placed on a passage through the room, or discarded', async () => {
    const answer = await imported(ann, collection([vanished(1), vanished(2)]));
    expect(answer.imported).toEqual([]);
    expect(answer.orphans.map((o) => [o.index, o.quote, o.note])).toEqual([
      [0, 'a sentence that was never in this story, number 1', 'Lost note 1'],
      [1, 'a sentence that was never in this story, number 2', 'Lost note 2'],
    ]);
    expect(answer.orphans.every((o) => ['not-found', 'low-score'].includes(o.reason))).toBe(true);

    const list = async (reader: TestReader) =>
      (
        (await (await fetch(`${base}/api/documents/${storyId}/orphans`, { headers: auth(reader) })).json()) as {
          orphans: Array<{ id: string; quote: string }>;
        }
      ).orphans;
    expect((await list(ann)).map((o) => o.quote)).toEqual(answer.orphans.map((o) => o.quote));
    expect(await list(ben)).toEqual([]);

    const [first, second] = answer.orphans;
    const orphanUrl = (id: string) => `${base}/api/documents/${storyId}/orphans/${id}`;
    expect((await fetch(orphanUrl(first.id), { method: 'DELETE', headers: auth(ben) })).status).toBe(404);

    const watcher = await joinRoom(server.current.wsUrl, storyId, ben);
    const passage = rangeOf(text, "Pain that he'd chosen to pretend he didn't see.");
    const badPlace = await fetch(`${orphanUrl(first.id)}/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(ann) },
      body: JSON.stringify({ start: text.length - 2, end: text.length + 10 }),
    });
    expect(badPlace.status).toBe(400);
    const placed = await fetch(`${orphanUrl(first.id)}/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(ann) },
      body: JSON.stringify(passage),
    });
    expect(placed.status).toBe(200);
    const { id } = (await placed.json()) as { id: string };
    await waitFor(() => watcher.annotations.has(id), 10_000, 'the placed note to reach the room');
    const note = watcher.annotations.get(id) as PassageAnnotation;
    expect(note.target.selector[1]).toEqual({ type: 'TextPositionSelector', ...passage });
    expect(note.body[0].value).toBe('Lost note 1');
    expect((await list(ann)).map((o) => o.id)).toEqual([second.id]);

    expect((await fetch(orphanUrl(second.id), { method: 'DELETE', headers: auth(ann) })).status).toBe(204);
    expect(await list(ann)).toEqual([]);
    expect(
      (
        await fetch(`${orphanUrl(second.id)}/place`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth(ann) },
          body: JSON.stringify(passage),
        })
      ).status,
    ).toBe(404);
    expectDatabaseConsistent(server.dbPath);
    watcher.destroy();
  });
});

describe('permissions', () => {
  it('refuses a reader without an account (401) and a viewer (403), and stores nothing', async () => {
    expect((await importNotes(null, collection([w3cNote('He could have been there for her', 'Anonymous')]))).status).toBe(401);
    const groupDoc = await createDocument(base, 'Group text', text);
    tokenForReader(server.current.wsUrl, groupOwner);
    tokenForReader(server.current.wsUrl, viewer);
    writeGroup(server.dbPath, {
      groupId: 'g-import',
      name: 'Import club',
      ownerId: groupOwner.id,
      members: [{ userId: viewer.id, role: 'viewer' }],
    });
    setDocumentAccess(server.dbPath, groupDoc, 'group', 'g-import');
    const res = await importNotes(viewer, collection([w3cNote('He could have been there for her', 'A viewer')]), groupDoc);
    expect(res.status).toBe(403);
    expect((await fetch(`${base}/api/documents/${groupDoc}/orphans`, { headers: auth(viewer) })).status).toBe(403);
    const stored = await fetch(`${base}/api/documents/${groupDoc}/annotations`, { headers: auth(groupOwner) });
    expect(((await stored.json()) as { total: number }).total).toBe(0);
  });
});

describe('round trip', () => {
  /** The story's notes as Glossa exports them (JSON-LD), by `reader`. */
  async function exportOf(documentId: string): Promise<unknown> {
    const res = await fetch(`${base}/api/documents/${documentId}/export?format=jsonld`, { headers: auth(ann) });
    expect(res.status).toBe(200);
    return res.json();
  }

  const passages = (notes: PassageAnnotation[]) =>
    notes
      .filter((a) => typeof a.target !== 'string')
      .map((a) => ({ exact: a.target.selector[0].exact, range: [a.target.selector[1].start, a.target.selector[1].end], body: a.body }))
      .sort((x, y) => x.range[0] - y.range[0] || x.range[1] - y.range[1]);

  it('export, then import into a fresh copy of the text: the same notes on the same passages', async () => {
    const copy = await createDocument(base, 'Fresh copy', text);
    const source = ((await fetchCollection(base)).first.items as PassageAnnotation[]).filter(
      (a) => typeof a.target !== 'string' && a.creator.id === ann.id,
    );
    expect(source.length).toBeGreaterThanOrEqual(4);
    const answer = await imported(ann, await exportOf(storyId), copy);
    expect(answer.orphans).toEqual([]);
    expect(answer.imported.filter((i) => i.method !== 'reply').every((i) => i.method === 'position')).toBe(true);
    const copied = (await fetchCollection(base, copy)).first.items as PassageAnnotation[];
    const mine = passages(source);
    const theirs = passages(copied.filter((a) => a.creator.id === ann.id));
    // Ann's own notes come back unchanged; other readers' notes are Ann's now, with their author credited.
    for (const note of mine) expect(theirs).toContainEqual(note);
    expect(passages(copied).map((p) => p.range)).toEqual(
      passages((await fetchCollection(base)).first.items as PassageAnnotation[]).map((p) => p.range),
    );
  });

  it('a corrected edition (about 1 % of the characters changed): every note lands where its passage went', async () => {
    // Every 97th letter replaced, and a line added at the top: offsets move by the line's length.
    const heading = 'Corrected edition, 2026.\n\n';
    let corrected = heading;
    for (let i = 0; i < text.length; i++) corrected += i % 97 === 50 && /[a-z]/.test(text[i]) ? (text[i] === 'e' ? 'a' : 'e') : text[i];
    const edition = await createDocument(base, 'Corrected edition', corrected);
    const editionText = await fetchText(base, edition);
    const shift = editionText.indexOf(text.slice(0, 20)) >= 0 ? editionText.indexOf(text.slice(0, 20)) : heading.length;
    const originals = passages((await fetchCollection(base)).first.items as PassageAnnotation[]);
    const answer = await imported(ann, await exportOf(storyId), edition);
    expect(answer.orphans).toEqual([]);
    expect(answer.imported.some((i) => i.method === 'fuzzy')).toBe(true);
    const placed = passages((await fetchCollection(base, edition)).first.items as PassageAnnotation[]);
    expect(placed.map((p) => p.range)).toEqual(originals.map((p) => [p.range[0] + shift, p.range[1] + shift]));
  });
});
