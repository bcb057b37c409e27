/**
 * The room's gate on what enters it: a note that fails the schema, quotes words that are not in the text, or
 * targets another document is taken back for everybody and never stored (not even after a restart), while a
 * valid note of the same transaction stands; a note whose offsets drifted but whose quote is found is re-anchored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { buildNote, clone, fetchCollection, fetchText, rangeOf, selectorsOf, storedIds, storyId } from '../helpers/annotations.ts';
import { ben, ann, destroyAllClients, joinRoom, waitFor, type TestRoomClient } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let text: string;
let a: TestRoomClient;
let b: TestRoomClient;
/** Ids of refused notes and of the valid notes sent beside them, checked again after the restart. */
const refused: string[] = [];
const kept: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(server.current.url);
  a = await joinRoom(server.current.wsUrl, storyId, ann);
  b = await joinRoom(server.current.wsUrl, storyId, ben);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

/**
 * A puts `invalid` and a valid note into the room in one transaction; resolves once the server has taken the
 * invalid one back from A and B holds the valid one (so B has seen the whole outcome).
 */
async function sendBeside(invalid: Record<string, unknown> & { id: string }, passage: string): Promise<PassageAnnotation> {
  const valid = buildNote({ text, creator: ann, passage });
  a.doc.transact(() => {
    a.annotations.set(invalid.id, invalid);
    a.annotations.set(valid.id, valid);
  });
  refused.push(invalid.id);
  kept.push(valid.id);
  await waitFor(() => !a.annotations.has(invalid.id), 10_000, "the refused note to leave A's map");
  await waitFor(() => b.annotations.has(valid.id), 10_000, "the valid note in B's map");
  return valid;
}

describe('refusing invalid notes', () => {
  it('takes back a note that fails the schema from both maps and does not store it', async () => {
    const note = { ...buildNote({ text, creator: ann, passage: 'Spike sat inside the mausoleum' }), type: 'Note', motivation: 'shouting' };
    const valid = await sendBeside(note, 'a cigarette burning in his hand');
    expect(a.annotations.has(note.id)).toBe(false);
    expect(b.annotations.has(note.id)).toBe(false);
    const ids = await storedIds(server.current.url);
    expect(ids).not.toContain(note.id);
    expect(ids).toContain(valid.id);
  });

  it('takes back a note whose quote is not in the text from both maps and does not store it', async () => {
    const note = clone(buildNote({ text, creator: ann, passage: 'lost in memories' }));
    const [quote, position] = note.target.selector;
    note.target.selector = [
      { type: 'TextQuoteSelector', exact: 'Buffy waltzed with the Mayor', prefix: quote.prefix, suffix: quote.suffix },
      { ...position, end: position.start + 'Buffy waltzed with the Mayor'.length },
    ];
    const valid = await sendBeside(note, 'the night outside was quiet');
    expect(a.annotations.has(note.id)).toBe(false);
    expect(b.annotations.has(note.id)).toBe(false);
    const ids = await storedIds(server.current.url);
    expect(ids).not.toContain(note.id);
    expect(ids).toContain(valid.id);
  });

  it('takes back a note that targets another document from both maps and does not store it', async () => {
    const note = buildNote({ text, creator: ann, passage: 'fallen apart', documentId: 'another-story' });
    expect(note.target.source).toBe('another-story');
    const valid = await sendBeside(note, 'two tiny little details');
    expect(a.annotations.has(note.id)).toBe(false);
    expect(b.annotations.has(note.id)).toBe(false);
    const ids = await storedIds(server.current.url);
    expect(ids).not.toContain(note.id);
    expect(ids).toContain(valid.id);
  });
});

describe('re-anchoring a note whose offsets drifted', () => {
  const passage = 'the voices and screams of all the people';
  let sent: PassageAnnotation;

  beforeAll(async () => {
    sent = clone(buildNote({ text, creator: ann, passage }));
    const [, position] = sent.target.selector;
    sent.target.selector[1] = { type: 'TextPositionSelector', start: position.start + 40, end: position.end + 40 };
    a.annotations.set(sent.id, sent);
  });

  it('corrects the offsets in the room for the writer and the other reader', async () => {
    const { start, end } = rangeOf(text, passage);
    const corrected = (client: TestRoomClient) => {
      const value = client.annotations.get(sent.id);
      return value !== undefined && selectorsOf(value)[1].start === start && selectorsOf(value)[1].end === end;
    };
    await waitFor(() => corrected(a), 10_000, "corrected offsets in A's map");
    await waitFor(() => corrected(b), 10_000, "corrected offsets in B's map");
    expect(selectorsOf(b.annotations.get(sent.id))[0]).toEqual(sent.target.selector[0]);
  });

  it('stores the corrected offsets, as the HTTP collection shows', async () => {
    const { start, end } = rangeOf(text, passage);
    await waitFor(async () => (await storedIds(server.current.url)).includes(sent.id), 10_000, 'the re-anchored note over HTTP');
    const stored = (await fetchCollection(server.current.url)).first.items.find((item) => item.id === sent.id);
    expect(selectorsOf(stored)[1]).toEqual({ type: 'TextPositionSelector', start, end });
    expect(text.slice(start, end)).toBe(passage);
  });
});

describe('after a restart on the same database', () => {
  beforeAll(async () => {
    destroyAllClients();
    await server.restart();
  });

  it('serves none of the refused notes over HTTP but every valid note sent beside them', async () => {
    expect(refused).toHaveLength(3);
    const ids = await storedIds(server.current.url);
    for (const id of refused) expect(ids).not.toContain(id);
    for (const id of kept) expect(ids).toContain(id);
  });

  it('gives a new client a room without the refused notes', async () => {
    const c = await joinRoom(server.current.wsUrl, storyId, { id: 'reader-cat', name: 'Cat' });
    for (const id of refused) expect(c.annotations.has(id)).toBe(false);
    for (const id of kept) expect(c.annotations.has(id)).toBe(true);
  });
});
