/**
 * Mentions and the inbox on the real server (issue 11): a note written on the socket that mentions a member reaches
 * that member's inbox, unread, with an `inbox` notice on their socket, and marking it read clears the count; replies
 * to a reader's note reach their inbox; a reader's own notes never do; a note withheld from a reader (a room read
 * blind), a note in someone's private layer, a note hidden by a facilitator and a non-member's name never reach an
 * inbox; who may be mentioned is answered to members only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { Annotation } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { groupText, putBlindMode } from '../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader, type TestRoomClient } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };
const beaL: TestReader = { id: 'reader-bea-l', name: 'Bea Lindqvist' };
const cy: TestReader = { id: 'reader-cy', name: 'Cy' };
const otto: TestReader = { id: 'reader-otto', name: 'Otto' };

interface InboxBody {
  items: Array<{
    kind: 'mention' | 'reply';
    documentId: string;
    documentTitle: string;
    annotationId: string;
    noteId: string;
    author: { id: string; name: string };
    snippet: string;
    quote: string | null;
    link: string;
    read: boolean;
  }>;
  unread: number;
  total: number;
}

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let club: string;
let blindCopy: string;

const members = [
  { reader: fay, role: 'facilitator' as const },
  { reader: ada, role: 'annotator' as const },
  { reader: bea, role: 'annotator' as const },
  { reader: beaL, role: 'annotator' as const },
  { reader: cy, role: 'annotator' as const },
];

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  club = await groupText(server, text, {
    title: 'The club copy',
    groupId: 'g-club',
    groupName: 'Book club',
    owner,
    members,
    visibility: 'public-read',
  });
  blindCopy = await groupText(server, text, {
    title: 'The blind copy',
    groupId: 'g-blind',
    groupName: 'Blind club',
    owner,
    members,
    visibility: 'group',
  });
  tokenForReader(wsUrl, otto);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

async function inboxOf(reader: TestReader): Promise<InboxBody> {
  const res = await fetch(`${base}/api/inbox`, { headers: bearer(reader) });
  expect(res.status).toBe(200);
  return (await res.json()) as InboxBody;
}

function markRead(reader: TestReader, body: unknown): Promise<Response> {
  return fetch(`${base}/api/inbox/read`, {
    method: 'POST',
    headers: { ...bearer(reader), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const inboxNotices = (client: TestRoomClient) => client.notices.filter((n) => n.kind === 'inbox').length;

/** A note by `client`'s reader on `passage`, written on the socket, once the server has stored it. */
async function write(client: TestRoomClient, note: Annotation): Promise<Annotation> {
  client.annotations.set(note.id, note);
  await waitFor(
    async () => {
      const res = await fetch(
        `${base}/api/documents/${note.target && typeof note.target === 'object' ? note.target.source : club}/annotations`,
        {
          headers: bearer(owner),
        },
      );
      const body = (await res.json()) as { first?: { items?: Array<{ id: string }> } };
      return (body.first?.items ?? []).some((a) => a.id.endsWith(`/${note.id}`) || a.id === note.id);
    },
    10_000,
    `note ${note.id} stored`,
  );
  return note;
}

/** Waits a moment for anything the server might still send (a notice that should not come). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a mention', () => {
  it('reaches the mentioned member’s inbox, unread, with an inbox notice on their socket; reading it clears the count', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada, { notices: '1' });
    const beaRoom = await joinRoom(wsUrl, club, bea, { notices: '1' });
    const cyRoom = await joinRoom(wsUrl, club, cy, { notices: '1' });
    expect((await inboxOf(bea)).unread).toBe(0);

    const note = buildNote({
      text,
      creator: ada,
      passage: 'a cigarette burning',
      comment: 'What do you make of this, @Bea?',
      documentId: club,
    });
    adaRoom.annotations.set(note.id, note);

    await waitFor(() => inboxNotices(beaRoom) > 0, 10_000, 'the inbox notice on Bea’s socket');
    const inbox = await inboxOf(bea);
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'mention',
      documentId: club,
      documentTitle: 'The club copy',
      annotationId: note.id,
      noteId: note.id,
      author: { id: ada.id, name: 'Ada' },
      snippet: 'What do you make of this, @Bea?',
      quote: 'a cigarette burning',
      link: `/d/${club}#${note.id}`,
      read: false,
    });
    await settle();
    expect(inboxNotices(cyRoom)).toBe(0);
    expect(inboxNotices(adaRoom)).toBe(0);
    // "@Bea" is Bea, not Bea Lindqvist.
    expect((await inboxOf(beaL)).items).toHaveLength(0);

    const noticesBefore = inboxNotices(beaRoom);
    const res = await markRead(bea, { items: [{ documentId: club, annotationId: note.id }] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ marked: 1, unread: 0 });
    // Bea's other pages hear that her count changed.
    await waitFor(() => inboxNotices(beaRoom) > noticesBefore, 10_000, 'the inbox notice after marking read');
    const after = await inboxOf(bea);
    expect(after.unread).toBe(0);
    expect(after.items[0].read).toBe(true);
  });

  it('names the longest member name at the @', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    const note = await write(
      adaRoom,
      buildNote({ text, creator: ada, passage: 'the mausoleum', comment: 'cc @bea lindqvist — see this', documentId: club }),
    );
    await waitFor(async () => (await inboxOf(beaL)).items.some((i) => i.annotationId === note.id), 10_000, 'Bea Lindqvist’s mention');
    expect((await inboxOf(bea)).items.some((i) => i.annotationId === note.id)).toBe(false);
  });

  it('of a non-member’s name is no mention, even where they may read', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    await write(
      adaRoom,
      buildNote({ text, creator: ada, passage: 'Things in Sunnydale', comment: 'Ask @Otto about it', documentId: club }),
    );
    // The club copy is public: Otto reads it, but he is not a member of the club.
    expect((await fetch(`${base}/api/documents/${club}`, { headers: bearer(otto) })).status).toBe(200);
    expect((await inboxOf(otto)).items).toHaveLength(0);
  });

  it('in the writer’s own note does not reach their inbox', async () => {
    const beaRoom = await joinRoom(wsUrl, club, bea);
    const note = await write(
      beaRoom,
      buildNote({ text, creator: bea, passage: 'two tiny little details', comment: 'Note to self, @Bea: reread', documentId: club }),
    );
    expect((await inboxOf(bea)).items.some((i) => i.annotationId === note.id)).toBe(false);
  });

  it('in a note a facilitator hid leaves the inbox', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    const note = await write(
      adaRoom,
      buildNote({ text, creator: ada, passage: 'Loosing her', comment: '@Cy look here', documentId: club }),
    );
    await waitFor(async () => (await inboxOf(cy)).items.some((i) => i.annotationId === note.id), 10_000, 'Cy’s mention');
    const fayRoom = await joinRoom(wsUrl, club, fay);
    await waitFor(() => fayRoom.annotations.has(note.id));
    fayRoom.annotations.set(note.id, moderate(note, 'hidden', { id: fay.id, name: fay.name }, new Date().toISOString()));
    await waitFor(async () => !(await inboxOf(cy)).items.some((i) => i.annotationId === note.id), 10_000, 'the hidden note gone');
  });
});

describe('a reply', () => {
  it('to my note reaches my inbox; my own reply to it does not', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada, { notices: '1' });
    const beaRoom = await joinRoom(wsUrl, club, bea);
    const note = await write(adaRoom, buildNote({ text, creator: ada, passage: 'the chip', comment: 'The chip again.', documentId: club }));
    await waitFor(() => beaRoom.annotations.has(note.id));
    const before = inboxNotices(adaRoom);
    const reply = buildReply({ id: `reply-${note.id}`, parentId: note.id, creator: bea, text: 'Yes — and it is warm.', now: new Date() });
    beaRoom.annotations.set(reply.id, reply);
    await waitFor(() => inboxNotices(adaRoom) > before, 10_000, 'the inbox notice on Ada’s socket');
    const inbox = await inboxOf(ada);
    expect(inbox.items.find((i) => i.annotationId === reply.id)).toMatchObject({
      kind: 'reply',
      noteId: note.id,
      author: { id: bea.id, name: 'Bea' },
      snippet: 'Yes — and it is warm.',
      link: `/d/${club}#${note.id}`,
      read: false,
    });

    const own = buildReply({ id: `own-${note.id}`, parentId: note.id, creator: ada, text: 'Agreed, thanks.', now: new Date() });
    await write(adaRoom, own);
    expect((await inboxOf(ada)).items.some((i) => i.annotationId === own.id)).toBe(false);
  });
});

describe('what never reaches an inbox', () => {
  it('a mention in a note a blind room withholds from me, until my own note opens its paragraph', async () => {
    expect((await putBlindMode(server, blindCopy, owner, 'passage')).status).toBe(200);
    const adaRoom = await joinRoom(wsUrl, blindCopy, ada);
    const beaRoom = await joinRoom(wsUrl, blindCopy, bea, { notices: '1' });
    const note = buildNote({ text, creator: ada, passage: 'the chip', comment: 'Hidden thought for @Bea', documentId: blindCopy });
    await write(adaRoom, note);
    await settle();
    expect((await inboxOf(bea)).items.some((i) => i.annotationId === note.id)).toBe(false);
    expect(inboxNotices(beaRoom)).toBe(0);

    // Bea's own note on that paragraph opens it: the mention now shows.
    beaRoom.annotations.set(
      'bea-opens',
      buildNote({ id: 'bea-opens', text, creator: bea, passage: 'the chip', comment: 'Mine first.', documentId: blindCopy }),
    );
    await waitFor(async () => (await inboxOf(bea)).items.some((i) => i.annotationId === note.id), 10_000, 'the opened mention');
  });

  it('a mention in someone’s private layer', async () => {
    const adaPrivate = await joinRoom(wsUrl, `${club}/private`, ada);
    const beaRoom = await joinRoom(wsUrl, club, bea, { notices: '1' });
    const note = buildNote({ text, creator: ada, passage: 'the voices and screams', comment: 'Private: ask @Bea later', documentId: club });
    adaPrivate.annotations.set(note.id, note);
    await waitFor(
      async () => {
        const again = await joinRoom(wsUrl, `${club}/private`, ada);
        const stored = again.annotations.has(note.id);
        again.destroy();
        return stored;
      },
      10_000,
      'the private note stored',
    );
    await settle();
    expect((await inboxOf(bea)).items.some((i) => i.annotationId === note.id)).toBe(false);
    expect(inboxNotices(beaRoom)).toBe(0);
  });
});

describe('the routes', () => {
  it('answer the inbox to a signed-in reader only (401)', async () => {
    expect((await fetch(`${base}/api/inbox`)).status).toBe(401);
    expect((await fetch(`${base}/api/inbox/read`, { method: 'POST', body: '{"all":true}' })).status).toBe(401);
  });

  it('page the inbox newest first, with the total and the unread count of all', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    const ids: string[] = [];
    for (const passage of ['a cigarette burning', 'the mausoleum', 'two tiny little details']) {
      const n = await write(adaRoom, buildNote({ text, creator: ada, passage, comment: `@Fay on ${passage}`, documentId: club }));
      ids.push(n.id);
    }
    await waitFor(async () => (await inboxOf(fay)).total === 3, 10_000, 'three mentions of Fay');
    const page = async (query: string) => {
      const res = await fetch(`${base}/api/inbox?${query}`, { headers: bearer(fay) });
      expect(res.status).toBe(200);
      return (await res.json()) as InboxBody;
    };
    const first = await page('limit=2');
    const second = await page('offset=2&limit=2');
    expect([...first.items, ...second.items].map((i) => i.annotationId)).toEqual([...ids].reverse());
    expect([first.total, first.unread, second.total, second.unread]).toEqual([3, 3, 3, 3]);
    expect((await fetch(`${base}/api/inbox?limit=101`, { headers: bearer(fay) })).status).toBe(400);
  });

  it('mark every item read with all', async () => {
    const adaRoom = await joinRoom(wsUrl, club, ada);
    await write(adaRoom, buildNote({ text, creator: ada, passage: 'her eyes', comment: '@Cy and again', documentId: club }));
    await waitFor(async () => (await inboxOf(cy)).unread > 0, 10_000, 'an unread item for Cy');
    const res = await markRead(cy, { all: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { unread: number }).unread).toBe(0);
    expect((await inboxOf(cy)).unread).toBe(0);
  });

  it('list who may be mentioned to members, by name and without e-mails', async () => {
    const res = await fetch(`${base}/api/documents/${blindCopy}/members?q=bea`, { headers: bearer(cy) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { members: Array<Record<string, unknown>> };
    expect(body.members).toEqual([
      { id: bea.id, name: 'Bea' },
      { id: beaL.id, name: 'Bea Lindqvist' },
    ]);
    const all = (await (await fetch(`${base}/api/documents/${blindCopy}/members?limit=500`, { headers: bearer(cy) })).json()) as {
      members: Array<{ name: string }>;
    };
    expect(all.members.map((m) => m.name).sort()).toEqual(['Ada', 'Bea', 'Bea Lindqvist', 'Cy', 'Fay', 'Olga']);
    expect(JSON.stringify(all)).not.toContain('@');
  });

  it('refuse the members of a document to a caller without an account (401) or without access (403)', async () => {
    expect((await fetch(`${base}/api/documents/${blindCopy}/members`)).status).toBe(401);
    // The club copy is public: reading it is not being signed in.
    expect((await fetch(`${base}/api/documents/${club}/members`)).status).toBe(401);
    expect((await fetch(`${base}/api/documents/${blindCopy}/members`, { headers: bearer(otto) })).status).toBe(403);
    expect((await fetch(`${base}/api/documents/no-such-text/members`, { headers: bearer(cy) })).status).toBe(404);
  });
});
