/**
 * Meetings on the real server (issue 11, points 4 and 7): only facilitators and owners start, change and end one
 * (401/403; bodies 400), one is open at a time; a reveal phase makes a reader's socket and HTTP answers blind until
 * its time, when the server reopens the room (4509) and the notes show — found again after a restart; the summary
 * holds what was written in the meeting's window and nothing from before or after, and never a note withheld from
 * the caller; the export takes `meeting=`; the participation view counts per reader and names who has not written.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withheldKeys } from '../../lib/annotations/blind.ts';
import type { MeetingSummary } from '../../lib/meetings/meeting-summary.ts';
import type { Participation } from '../../lib/meetings/participation.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { groupText } from '../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };
const cy: TestReader = { id: 'reader-cy', name: 'Cy' };
const vic: TestReader = { id: 'reader-vic', name: 'Vic' };

let server: TestServer;
let text: string;
const base = () => server.current.url;
const wsUrl = () => server.current.wsUrl;

interface MeetingAnswer {
  id: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  blindUntil: string | null;
  revealedAt: string | null;
  phase: 'none' | 'alone' | 'open';
}

beforeAll(async () => {
  server = await startTestServer();
  text = await fetchText(base());
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

let groups = 0;
/** A group text of its own for a test: Olga owns it, Fay facilitates, Ada, Bea and Cy annotate, Vic views. */
function clubText(title: string): Promise<string> {
  groups++;
  return groupText(server, text, {
    title,
    groupId: `g-meet-${groups}`,
    groupName: `Club ${groups}`,
    owner,
    members: [
      { reader: fay, role: 'facilitator' },
      { reader: ada, role: 'annotator' },
      { reader: bea, role: 'annotator' },
      { reader: cy, role: 'annotator' },
      { reader: vic, role: 'viewer' },
    ],
    visibility: 'group',
  });
}

function call(path: string, method: string, reader: TestReader | null, body?: unknown): Promise<Response> {
  const token = reader ? tokenForReader(wsUrl(), reader) : null;
  return fetch(`${base()}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const meetings = (doc: string) => `/api/documents/${doc}/meetings`;

async function start(doc: string, body: unknown = {}): Promise<MeetingAnswer> {
  const res = await call(meetings(doc), 'POST', fay, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { meeting: MeetingAnswer }).meeting;
}

async function current(doc: string, reader: TestReader = ada): Promise<MeetingAnswer | null> {
  const res = await call(`${meetings(doc)}/current`, 'GET', reader);
  expect(res.status).toBe(200);
  return ((await res.json()) as { meeting: MeetingAnswer | null }).meeting;
}

async function end(doc: string): Promise<MeetingAnswer> {
  const res = await call(`${meetings(doc)}/current/end`, 'POST', fay);
  expect(res.status).toBe(200);
  return ((await res.json()) as { meeting: MeetingAnswer }).meeting;
}

async function summaryOf(doc: string, meetingId: string, reader: TestReader): Promise<MeetingSummary> {
  const res = await call(`${meetings(doc)}/${meetingId}/summary`, 'GET', reader);
  expect(res.status).toBe(200);
  return ((await res.json()) as { summary: MeetingSummary }).summary;
}

const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Writes a note of `reader`'s through a socket and waits until the server has stored it. */
async function write(doc: string, reader: TestReader, passage: string, comment: string): Promise<string> {
  const client = await joinRoom(wsUrl(), doc, reader);
  const note = buildNote({ text, creator: reader, passage, comment, documentId: doc });
  client.annotations.set(note.id, note);
  await waitFor(
    async () => (await (await call(`/api/documents/${doc}/annotations`, 'GET', owner)).text()).includes(note.id),
    10_000,
    'the note stored',
  );
  client.destroy();
  return note.id;
}

describe('who may run a meeting', () => {
  let doc: string;
  beforeAll(async () => {
    doc = await clubText('The rules copy');
  });

  it('refuses a caller without an account (401) and readers who do not facilitate (403)', async () => {
    expect((await call(meetings(doc), 'POST', null, {})).status).toBe(401);
    expect((await call(meetings(doc), 'GET', null)).status).toBe(401);
    for (const reader of [ada, vic]) {
      expect((await call(meetings(doc), 'POST', reader, {})).status).toBe(403);
      expect((await call(`${meetings(doc)}/current`, 'PATCH', reader, { blindUntil: null })).status).toBe(403);
      expect((await call(`${meetings(doc)}/current/end`, 'POST', reader)).status).toBe(403);
      expect((await call(`/api/documents/${doc}/participation`, 'GET', reader)).status).toBe(403);
    }
    expect((await call(`/api/documents/${doc}/participation`, 'GET', null)).status).toBe(401);
    // Reading is for every member.
    expect((await call(meetings(doc), 'GET', vic)).status).toBe(200);
    expect(await current(doc, vic)).toBeNull();
  });

  it('refuses a cross-site request even with the facilitator’s credentials (403), and nothing opens', async () => {
    const token = tokenForReader(wsUrl(), fay);
    for (const [path, method] of [
      [meetings(doc), 'POST'],
      [`${meetings(doc)}/current`, 'PATCH'],
      [`${meetings(doc)}/current/end`, 'POST'],
    ] as const) {
      const res = await fetch(`${base()}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: 'http://evil.example' },
        body: JSON.stringify(method === 'PATCH' ? { blindUntil: null } : {}),
      });
      expect(res.status).toBe(403);
    }
    expect(await current(doc)).toBeNull();
  });

  it.each([
    ['not JSON', '{title:'],
    ['a field the route does not know', { title: 'x', startedBy: 'reader-ada' }],
    ['a title too long', { title: 'x'.repeat(121) }],
    ['a time that is not a time', { blindUntil: 'at eight' }],
    ['a phase ending in the past', { blindUntil: new Date(Date.now() - 60_000).toISOString() }],
    ['a phase ending more than a day ahead', { blindUntil: ahead(25 * 3600_000) }],
  ])('refuses to start with %s (400), and nothing opens', async (_name, body) => {
    const res = await call(meetings(doc), 'POST', fay, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
    expect(await current(doc)).toBeNull();
  });

  it('opens one meeting at a time, ends it, lists it', async () => {
    const m = await start(doc, { title: 'Chapter 3' });
    expect(m).toMatchObject({ title: 'Chapter 3', endedAt: null, blindUntil: null, phase: 'none' });
    const again = await call(meetings(doc), 'POST', owner, {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { meeting: MeetingAnswer }).meeting.id).toBe(m.id);
    expect((await current(doc))?.id).toBe(m.id);
    // Changing the phase: in the past is refused; a phase is set, then opened at once with null.
    expect((await call(`${meetings(doc)}/current`, 'PATCH', fay, { blindUntil: new Date(Date.now() - 1000).toISOString() })).status).toBe(
      400,
    );
    const ended = await end(doc);
    expect(ended.endedAt).not.toBeNull();
    expect((await call(`${meetings(doc)}/current/end`, 'POST', fay)).status).toBe(404);
    expect((await call(`${meetings(doc)}/current`, 'PATCH', fay, { blindUntil: ahead(60_000) })).status).toBe(404);
    expect(await current(doc)).toBeNull();
    const list = (await (await call(meetings(doc), 'GET', ada)).json()) as { meetings: MeetingAnswer[] };
    expect(list.meetings.map((x) => x.id)).toEqual([m.id]);
    const second = await start(doc, {});
    expect(second.title).toBe('Meeting');
    await end(doc);
  });

  it('answers 404 for another document’s meeting and 400 for an unknown parameter', async () => {
    const other = await clubText('Another rules copy');
    const m = await start(other);
    expect((await call(`${meetings(doc)}/${m.id}/summary`, 'GET', fay)).status).toBe(404);
    expect((await call(`${meetings(other)}/${m.id}/summary?format=pdf`, 'GET', fay)).status).toBe(400);
    expect((await call(`${meetings(other)}/${m.id}/summary?x=1`, 'GET', fay)).status).toBe(400);
    expect((await call(`/api/documents/${doc}/export?format=md&meeting=${m.id}`, 'GET', fay)).status).toBe(404);
    await end(other);
  });
});

describe('a reveal phase', () => {
  it('makes a reader’s socket and HTTP blind until its time, then the room reopens and the notes show', async () => {
    const doc = await clubText('The phase copy');
    const marker = `PHASE-MARKER-${randomUUID().slice(0, 8)}`;
    await write(doc, ada, 'lost in memories', `Ada alone ${marker}`);
    const beforeJoin = await joinRoom(wsUrl(), doc, bea, { notices: '1' });
    expect(JSON.stringify(beforeJoin.annotations.toJSON())).toContain(marker);

    const m = await start(doc, { title: 'Alone first', blindUntil: ahead(2500) });
    expect(m.phase).toBe('alone');
    // Sockets already in the room join again under the new rule.
    await waitFor(() => beforeJoin.closes.includes(4509), 10_000, 'the 4509 at the start of the phase');
    const beaSocket = await joinRoom(wsUrl(), doc, bea, { notices: '1' });
    expect(withheldKeys(beaSocket.annotations)).toHaveLength(1);
    expect(Buffer.from(Y.encodeStateAsUpdate(beaSocket.doc)).includes(marker)).toBe(false);
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).not.toContain(marker);
    expect(JSON.stringify(await summaryOf(doc, m.id, bea))).not.toContain(marker);
    expect(((await (await call(`/api/documents/${doc}`, 'GET', bea)).json()) as { blindMode: string }).blindMode).toBe('passage');
    // Facilitators see everything.
    const faySocket = await joinRoom(wsUrl(), doc, fay);
    expect(JSON.stringify(faySocket.annotations.toJSON())).toContain(marker);

    // At its time the server opens the notes: Bea's socket is closed with 4509, and a fresh copy shows Ada's note.
    await waitFor(() => beaSocket.closes.includes(4509), 15_000, 'the 4509 at the phase’s end');
    const fresh = await joinRoom(wsUrl(), doc, bea);
    expect(JSON.stringify(fresh.annotations.toJSON())).toContain(marker);
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).toContain(marker);
    const after = await current(doc);
    expect(after).toMatchObject({ id: m.id, phase: 'open' });
    expect(after?.revealedAt).not.toBeNull();
    await end(doc);
  });

  it('ends early when the meeting ends, or when the facilitator opens the notes', async () => {
    const doc = await clubText('The early copy');
    const marker = `EARLY-MARKER-${randomUUID().slice(0, 8)}`;
    await write(doc, ada, 'lost in memories', `Ada early ${marker}`);
    await start(doc, { blindUntil: ahead(3600_000) });
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).not.toContain(marker);
    const patched = await call(`${meetings(doc)}/current`, 'PATCH', fay, { blindUntil: null });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { meeting: MeetingAnswer }).meeting.phase).toBe('open');
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).toContain(marker);
    // A new phase closes the notes again; ending the meeting opens them.
    expect((await call(`${meetings(doc)}/current`, 'PATCH', fay, { blindUntil: ahead(3600_000) })).status).toBe(200);
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).not.toContain(marker);
    const beaSocket = await joinRoom(wsUrl(), doc, bea);
    await end(doc);
    await waitFor(() => beaSocket.closes.includes(4509), 10_000, 'the 4509 when the meeting ends');
    expect(await (await call(`/api/documents/${doc}/annotations`, 'GET', bea)).text()).toContain(marker);
  });

  it('overdue while the server was down, is revealed when it starts again', async () => {
    const doc = await clubText('The restart copy');
    const meetingId = randomUUID();
    const db = new Database(server.dbPath, { timeout: 10_000 });
    try {
      // A phase the server was never told about, already past: as if it had been down at its time.
      db.prepare('INSERT INTO meetings (id, document_id, title, started_by, started_at, blind_until) VALUES (?, ?, ?, ?, ?, ?)').run(
        meetingId,
        doc,
        'Before the restart',
        fay.id,
        Date.now() - 60_000,
        Date.now() - 1000,
      );
    } finally {
      db.close();
    }
    await server.restart();
    const revealed = () => {
      const check = new Database(server.dbPath, { readonly: true, timeout: 10_000 });
      try {
        const row = check.prepare('SELECT revealed_at FROM meetings WHERE id = ?').get(meetingId) as { revealed_at: number | null };
        const events = check
          .prepare("SELECT count(*) AS n FROM meeting_events WHERE meeting_id = ? AND kind = 'reveal'")
          .get(meetingId) as {
          n: number;
        };
        return row.revealed_at !== null && events.n === 1;
      } finally {
        check.close();
      }
    };
    await waitFor(revealed, 10_000, 'the overdue phase revealed at start');
    expect((await current(doc))?.phase).toBe('open');
    await end(doc);
  });
});

describe('a meeting’s summary and the participation view', () => {
  let doc: string;
  let meetingId: string;
  const tag = randomUUID().slice(0, 6);
  const before = `BEFORE-${tag}`;
  const during = `DURING-${tag}`;
  const reply = `REPLY-${tag}`;
  const after = `AFTER-${tag}`;
  let duringId: string;

  beforeAll(async () => {
    doc = await clubText('The summary copy');
    await write(doc, ada, 'a cigarette burning', before);
    meetingId = (await start(doc, { title: 'Chapter 3' })).id;
    duringId = await write(doc, ada, 'lost in memories', during);
    const beaSocket = await joinRoom(wsUrl(), doc, bea);
    const replyId = `reply-${randomUUID()}`;
    const now = new Date().toISOString();
    beaSocket.annotations.set(replyId, {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: replyId,
      type: 'Annotation',
      motivation: 'replying',
      creator: { id: bea.id, name: bea.name },
      created: now,
      body: [{ type: 'TextualBody', purpose: 'replying', value: reply, format: 'text/plain' }],
      target: duringId,
    });
    const reactionId = `react:${duringId}:${bea.id}`;
    beaSocket.annotations.set(reactionId, {
      id: reactionId,
      type: 'Annotation',
      motivation: 'assessing',
      creator: { id: bea.id, name: bea.name },
      created: now,
      body: [{ type: 'TextualBody', purpose: 'assessing', value: 'insight' }],
      target: duringId,
    });
    await waitFor(
      async () => {
        const listed = await (await call(`/api/documents/${doc}/annotations`, 'GET', owner)).text();
        return listed.includes(replyId) && listed.includes(reactionId);
      },
      10_000,
      'the reply and reaction stored',
    );
    const at = text.indexOf('lost in memories');
    expect((await call(`/api/documents/${doc}/spotlight`, 'PUT', fay, { start: at, end: at + 16 })).status).toBe(200);
    await end(doc);
    await write(doc, ada, 'fallen apart', after);
  });

  it('lists what was written in the meeting, and nothing from before or after', async () => {
    const summary = await summaryOf(doc, meetingId, fay);
    expect(summary.notes.map((n) => n.comment)).toEqual([during]);
    expect(summary.replies.map((r) => r.text)).toEqual([reply]);
    expect(summary.spotlights).toMatchObject([{ gather: false, exact: 'lost in memories' }]);
    expect(summary.mostReacted).toMatchObject([{ note: { id: duringId }, reactions: 1, kinds: { insight: 1 } }]);
    const json = JSON.stringify(summary);
    expect(json).not.toContain(before);
    expect(json).not.toContain(after);
  });

  it('downloads as Markdown, and the essay export takes meeting=', async () => {
    const res = await call(`${meetings(doc)}/${meetingId}/summary?format=md`, 'GET', ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const md = await res.text();
    expect(md).toContain('# Chapter 3');
    expect(md).toContain(during);
    expect(md).toContain(reply);
    const exported = await call(`/api/documents/${doc}/export?format=md&meeting=${meetingId}`, 'GET', ada);
    expect(exported.status).toBe(200);
    const essay = await exported.text();
    expect(essay).toContain(during);
    expect(essay).toContain(reply);
    expect(essay).not.toContain(before);
    expect(essay).not.toContain(after);
    expect((await call(`/api/documents/${doc}/export?format=md&meeting=${meetingId}&meeting=x`, 'GET', ada)).status).toBe(400);
  });

  it('never includes for a reader a note withheld from them', async () => {
    // The room set blind by passage: Cy has posted nowhere, so Ada's notes are withheld from Cy.
    const blind = await call(`/api/documents/${doc}/blind-mode`, 'PUT', fay, { mode: 'passage' });
    expect(blind.status).toBe(200);
    try {
      const cys = await summaryOf(doc, meetingId, cy);
      expect(JSON.stringify(cys)).not.toContain(during);
      expect(cys.notes).toEqual([]);
      expect(cys.mostReacted).toEqual([]);
      // Bea's reply shows to Cy? No: it answers a note withheld from Cy, and is withheld with it.
      expect(JSON.stringify(cys)).not.toContain(reply);
      const md = await (await call(`${meetings(doc)}/${meetingId}/summary?format=md`, 'GET', cy)).text();
      expect(md).not.toContain(during);
      // The facilitator still sees it all.
      expect(JSON.stringify(await summaryOf(doc, meetingId, fay))).toContain(during);
    } finally {
      await call(`/api/documents/${doc}/blind-mode`, 'PUT', fay, { mode: 'off' });
    }
  });

  it('counts notes and replies per reader and chapter, and names the members not heard from yet', async () => {
    const res = await call(`/api/documents/${doc}/participation`, 'GET', fay);
    expect(res.status).toBe(200);
    const view = (await res.json()) as Participation;
    expect(view.readers.map((r) => [r.reader.name, r.notes, r.replies])).toEqual([
      ['Ada', 3, 0],
      ['Bea', 0, 1],
    ]);
    expect(view.readers[0]?.perChapter.reduce((a, b) => a + b, 0)).toBe(3);
    expect(view.notHeardFrom.map((m) => m.name)).toEqual(['Cy']);
    const inMeeting = (await (
      await call(`/api/documents/${doc}/participation?meeting=${meetingId}`, 'GET', owner)
    ).json()) as Participation;
    expect(inMeeting.readers.map((r) => [r.reader.name, r.notes, r.replies])).toEqual([
      ['Ada', 1, 0],
      ['Bea', 0, 1],
    ]);
    expect((await call(`/api/documents/${doc}/participation?meeting=nope`, 'GET', fay)).status).toBe(404);
  });
});
