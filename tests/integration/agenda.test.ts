/**
 * The agenda of a book-club evening (`/api/documents/<id>/agenda/…`, issue 11 point 3) on the real server: only
 * facilitators and the owner change it (401 without an account, 403 for annotators), bad bodies are 400; a question
 * made over HTTP is a `questioning` note written through the live room (every open reader has it at once); existing
 * and open questions go on it in one step; two facilitators moving and adding items at the same time leave every
 * item exactly once, in one order everyone reads; the current question is recorded in an open meeting; every change
 * tells the room (notice `agenda`).
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReply } from '../../lib/annotations/build-annotation.ts';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import type { Agenda } from '../../lib/meetings/agenda.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../helpers/db-check.ts';
import { groupText, putBlindMode } from '../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, type TestReader, type TestRoomClient, waitFor } from '../helpers/room-clients.ts';
import { readDatabase } from '../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const fred: TestReader = { id: 'reader-fred', name: 'Fred' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const vic: TestReader = { id: 'reader-vic', name: 'Vic' };
const ben: TestReader = { id: 'reader-ben', name: 'Ben' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let documentId: string;
let adaRoom: TestRoomClient;

beforeAll(async () => {
  // Many questions are written over HTTP here; the per-minute note quota has tests of its own.
  server = await startTestServer({ GLOSSA_NOTES_PER_MINUTE: '1000' });
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  documentId = await groupText(server, text, {
    title: 'The book club copy',
    groupId: 'g-club',
    groupName: 'Book club',
    owner,
    members: [
      { reader: fay, role: 'facilitator' },
      { reader: fred, role: 'facilitator' },
      { reader: ada, role: 'annotator' },
      { reader: vic, role: 'viewer' },
      { reader: ben, role: 'annotator' },
    ],
    visibility: 'group',
  });
  adaRoom = await joinRoom(wsUrl, documentId, ada, { notices: '1' });
});

afterAll(async () => {
  destroyAllClients();
  if (server) expectDatabaseConsistent(server.dbPath);
  await server?.dispose();
});

function call(method: string, path: string, reader: TestReader | null, body?: unknown): Promise<Response> {
  const token = reader ? tokenForReader(wsUrl, reader) : null;
  return fetch(`${base}/api/documents/${documentId}/agenda${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function agendaOf(reader: TestReader): Promise<Agenda> {
  const res = await call('GET', '', reader);
  expect(res.status).toBe(200);
  return (await res.json()) as Agenda;
}

const idsOf = (agenda: Agenda) => agenda.items.map((i) => i.annotationId);

/** Asks a new question over HTTP as `reader`; its note's id. */
async function ask(reader: TestReader, body: { text: string; start?: number; end?: number }): Promise<string> {
  const res = await call('POST', '/questions', reader, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Ada writes a note of hers through her socket and waits until it is stored (readable over HTTP). */
async function adaWrites(passage: string, motivation: PassageAnnotation['motivation'], comment: string): Promise<PassageAnnotation> {
  const note = { ...buildNote({ text, creator: ada, passage, comment, documentId }), motivation } as PassageAnnotation;
  adaRoom.annotations.set(note.id, note);
  await waitFor(
    () =>
      readDatabase(
        server.dbPath,
        (db) => !!db.prepare('select 1 from annotations where document_id = ? and id = ?').get(documentId, note.id),
      ),
    10_000,
    `Ada's note ${note.id} to be stored`,
  );
  return note;
}

describe('who may change the agenda', () => {
  it('lets anyone who may read the document read it, and nobody else', async () => {
    expect((await call('GET', '', null)).status).toBe(401);
    expect(await agendaOf(vic)).toEqual({ items: [], current: null });
  });

  it('refuses a caller without an account (401) and an annotator or viewer (403)', async () => {
    for (const [reader, status] of [
      [null, 401],
      [ada, 403],
      [vic, 403],
    ] as const) {
      expect((await call('POST', '/questions', reader, { text: 'Why?' })).status).toBe(status);
      expect((await call('POST', '', reader, { annotationIds: ['x'] })).status).toBe(status);
      expect((await call('POST', '/open-questions', reader)).status).toBe(status);
      expect((await call('PUT', '/current', reader, { annotationId: null })).status).toBe(status);
      expect((await call('PATCH', '/items/x', reader, { after: null })).status).toBe(status);
      expect((await call('DELETE', '/items/x', reader)).status).toBe(status);
    }
  });

  it.each<[string, string, string, unknown]>([
    ['a blank question', 'POST', '/questions', { text: '  ' }],
    ['a start without an end', 'POST', '/questions', { text: 'Why?', start: 3 }],
    ['a passage past the end of the text', 'POST', '/questions', { text: 'Why?', start: 0, end: 10_000_000 }],
    ['a negative offset', 'POST', '/questions', { text: 'Why?', start: -1, end: 2 }],
    ['an unknown field', 'POST', '/questions', { text: 'Why?', tags: ['x'] }],
    ['no ids', 'POST', '', { annotationIds: [] }],
    ['a body that is not JSON', 'POST', '', '{"annotationIds": ['],
    ['a move that names no place', 'PATCH', '/items/x', {}],
    ['a move both after and before', 'PATCH', '/items/x', { after: 'a', before: 'b' }],
    ['a current that is no id', 'PUT', '/current', { annotationId: 42 }],
    ['a body for the open questions', 'POST', '/open-questions', { all: true }],
  ])('refuses %s (400)', async (_name, method, path, body) => {
    expect((await call(method, path, fay, body)).status).toBe(400);
  });

  it('refuses a passage of blanks (400)', async () => {
    const start = text.indexOf('\n\n');
    expect((await call('POST', '/questions', fay, { text: 'Why?', start, end: start + 2 })).status).toBe(400);
  });

  it('refuses a request from another site (403)', async () => {
    const res = await fetch(`${base}/api/documents/${documentId}/agenda/questions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        authorization: `Bearer ${tokenForReader(wsUrl, fay)}`,
      },
      body: JSON.stringify({ text: 'Why?' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('questions', () => {
  it('writes a new question through the live room as the facilitator’s questioning note, on the passage given', async () => {
    const passage = 'lost in memories';
    const start = text.indexOf(passage);
    const noticesBefore = adaRoom.notices.filter((n) => n.kind === 'agenda').length;
    const id = await ask(fay, { text: 'What is Spike remembering?', start, end: start + passage.length });
    await waitFor(() => adaRoom.annotations.has(id), 10_000, 'the question in Ada’s room');
    const note = adaRoom.annotations.get(id) as PassageAnnotation;
    expect(note.motivation).toBe('questioning');
    expect(note.creator).toEqual({ id: fay.id, name: fay.name });
    expect(note.target.selector[0].exact).toBe(passage);
    expect(note.body[0]).toMatchObject({ purpose: 'commenting', value: 'What is Spike remembering?' });
    await waitFor(() => adaRoom.notices.filter((n) => n.kind === 'agenda').length > noticesBefore, 10_000, 'the agenda notice');
    const agenda = await agendaOf(ada);
    expect(idsOf(agenda).at(-1)).toBe(id);
    expect(agenda.items.at(-1)!.question).toMatchObject({
      text: 'What is Spike remembering?',
      exact: passage,
      thread: 'open',
      replies: 0,
      creator: { id: fay.id, name: fay.name },
    });
    expect(agenda.items.at(-1)!.question.locator).toMatch(/^¶ \d+$/);
  });

  it('anchors a question tied to no passage on the first word of the text', async () => {
    const id = await ask(fred, { text: 'What did everyone make of the ending?' });
    await waitFor(() => adaRoom.annotations.has(id), 10_000, 'the untied question');
    const note = adaRoom.annotations.get(id) as PassageAnnotation;
    const first = text.slice(0, 200).trim().split(/\s/)[0]!;
    expect(note.target.selector[0].exact).toBe(first);
    expect(note.target.selector[1].start).toBe(text.indexOf(first));
  });

  it('puts an existing question on the agenda, but not a comment, nor a note of another document', async () => {
    const question = await adaWrites('He was staring into the corner', 'questioning', 'Why the corner?');
    const comment = await adaWrites('a handful of pages', 'commenting', 'Pages of what?');
    expect((await call('POST', '', fay, { annotationIds: [comment.id] })).status).toBe(400);
    expect((await call('POST', '', fay, { annotationIds: [`other-${randomUUID()}`] })).status).toBe(404);
    const res = await call('POST', '', fay, { annotationIds: [question.id], after: null });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { added: string[]; agenda: Agenda };
    expect(body.added).toEqual([question.id]);
    expect(idsOf(body.agenda)[0]).toBe(question.id);
    // Again: already there, nothing added, nothing moved.
    const again = (await (await call('POST', '', fay, { annotationIds: [question.id] })).json()) as { added: string[]; agenda: Agenda };
    expect(again.added).toEqual([]);
    expect(idsOf(again.agenda)[0]).toBe(question.id);
  });

  it('adds the group’s open questions in one step, in text order, leaving out answered ones and those already there', async () => {
    const before = idsOf(await agendaOf(fay));
    const late = await adaWrites('Things had changed, fallen apart', 'questioning', 'What fell apart?');
    const early = await adaWrites('The smoke that curled around him', 'questioning', 'Why smoke?');
    const settled = await adaWrites('the night outside was quiet', 'questioning', 'Quiet how?');
    adaRoom.annotations.set(settled.id, {
      ...settled,
      thread: { state: 'resolved', by: { id: ada.id, name: ada.name }, at: new Date().toISOString() },
    });
    await waitFor(
      () =>
        readDatabase(server.dbPath, (db) =>
          String(
            (db.prepare('select json from annotations where document_id = ? and id = ?').get(documentId, settled.id) as { json: string })
              .json,
          ).includes('resolved'),
        ),
      10_000,
      'the resolved thread stored',
    );
    const res = await call('POST', '/open-questions', fay);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { added: string[]; agenda: Agenda };
    expect(body.added).toEqual([early.id, late.id]);
    expect(idsOf(body.agenda)).toEqual([...before, early.id, late.id]);
    expect(((await (await call('POST', '/open-questions', fay, {})).json()) as { added: string[] }).added).toEqual([]);
  });

  it('leaves a deleted question out of the agenda', async () => {
    const gone = await adaWrites('a cigarette burning in his hand', 'questioning', 'Why smoke at all?');
    await call('POST', '', fay, { annotationIds: [gone.id] });
    expect(idsOf(await agendaOf(ada))).toContain(gone.id);
    adaRoom.annotations.delete(gone.id);
    await waitFor(async () => !idsOf(await agendaOf(ada)).includes(gone.id), 10_000, 'the deleted question to leave the agenda');
  });

  it('takes an item off the agenda without touching its note, and puts it back where it was', async () => {
    const ids = idsOf(await agendaOf(fay));
    const target = ids[1]!;
    const res = await call('DELETE', `/items/${target}`, fay);
    expect(res.status).toBe(200);
    const { removed, agenda } = (await res.json()) as { removed: { annotationId: string; after: string | null }; agenda: Agenda };
    expect(removed).toMatchObject({ annotationId: target, after: ids[0] });
    expect(idsOf(agenda)).toEqual(ids.filter((id) => id !== target));
    expect(adaRoom.annotations.has(target)).toBe(true);
    expect((await call('DELETE', `/items/${target}`, fay)).status).toBe(404);
    const back = (await (await call('POST', '', fay, { annotationIds: [target], after: removed.after })).json()) as { agenda: Agenda };
    expect(idsOf(back.agenda)).toEqual(ids);
  });
});

describe('agenda order under concurrent edits', () => {
  it('leaves every item exactly once, in the same order for everyone, after two facilitators move and add at once', async () => {
    // Ten questions to move about, asked by both facilitators at the same time.
    const asked = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i % 2 ? fred : fay, { text: `Concurrent question ${i}?` })));
    const start = idsOf(await agendaOf(fay));
    expect(start).toEqual(expect.arrayContaining(asked));
    let seed = 7;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = () => start[Math.floor(random() * start.length)]!;
    const requests: Array<Promise<Response>> = [];
    const newQuestions: Array<Promise<string>> = [];
    for (let i = 0; i < 60; i++) {
      const who = i % 2 ? fred : fay;
      const id = pick();
      let neighbour = pick();
      while (neighbour === id) neighbour = pick();
      requests.push(call('PATCH', `/items/${id}`, who, random() < 0.5 ? { after: neighbour } : { before: neighbour }));
      if (i % 10 === 0) newQuestions.push(ask(who, { text: `Asked while moving ${i}?` }));
    }
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const added = await Promise.all(newQuestions);
    const seen = await Promise.all([agendaOf(fay), agendaOf(fred), agendaOf(ada), agendaOf(vic)]);
    const order = idsOf(seen[0]!);
    for (const agenda of seen) expect(idsOf(agenda)).toEqual(order);
    expect(order).toHaveLength(start.length + added.length);
    expect(new Set(order).size).toBe(order.length);
    expect([...order].sort()).toEqual([...start, ...added].sort());
    // The rows agree: one per item (a deleted question's row stays, unshown), each key distinct.
    const rows = readDatabase(server.dbPath, (db) =>
      db.prepare('select annotation_id, position from agenda_items where document_id = ?').all(documentId),
    ) as Array<{ annotation_id: string; position: string }>;
    for (const id of order) expect(rows.filter((r) => r.annotation_id === id)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.position)).size).toBe(rows.length);
  });

  it('moves an item first, after another, and last', async () => {
    const ids = idsOf(await agendaOf(fay));
    const [a, b, c] = [ids[0]!, ids[1]!, ids[2]!];
    const moved = async (id: string, body: unknown) => {
      const res = await call('PATCH', `/items/${id}`, fay, body);
      expect(res.status).toBe(200);
      return idsOf(((await res.json()) as { agenda: Agenda }).agenda);
    };
    expect((await moved(c, { after: null }))[0]).toBe(c);
    const afterA = await moved(b, { after: a });
    expect(afterA.indexOf(b)).toBe(afterA.indexOf(a) + 1);
    expect((await moved(a, { before: null })).at(-1)).toBe(a);
    expect((await call('PATCH', `/items/${a}`, fay, { after: 'not-on-it' })).status).toBe(400);
    expect((await call('PATCH', '/items/not-on-it', fay, { after: null })).status).toBe(404);
  });
});

describe('the current question', () => {
  it('is set for everyone, recorded in the open meeting, and told to the room', async () => {
    const meetingId = `m-${randomUUID()}`;
    const db = new Database(server.dbPath, { timeout: 10_000 });
    try {
      db.prepare('insert into meetings (id, document_id, title, started_by, started_at) values (?, ?, ?, ?, ?)').run(
        meetingId,
        documentId,
        'Thursday',
        fay.id,
        Date.now(),
      );
    } finally {
      db.close();
    }
    const ids = idsOf(await agendaOf(fay));
    const noticesBefore = adaRoom.notices.filter((n) => n.kind === 'agenda').length;
    const res = await call('PUT', '/current', fay, { annotationId: ids[2] });
    expect(res.status).toBe(200);
    await waitFor(() => adaRoom.notices.filter((n) => n.kind === 'agenda').length > noticesBefore, 10_000, 'the agenda notice');
    for (const reader of [ada, vic, fred]) {
      const agenda = await agendaOf(reader);
      expect(agenda.current).toBe(ids[2]);
      expect(agenda.items.filter((i) => i.current).map((i) => i.annotationId)).toEqual([ids[2]]);
    }
    // The same again changes nothing and records nothing; another question moves the mark.
    await call('PUT', '/current', fay, { annotationId: ids[2] });
    await call('PUT', '/current', fred, { annotationId: ids[0] });
    const events = readDatabase(server.dbPath, (d) =>
      d.prepare('select kind, data, actor_id from meeting_events where meeting_id = ? order by id').all(meetingId),
    ) as Array<{ kind: string; data: string; actor_id: string }>;
    expect(events.map((e) => [e.kind, JSON.parse(e.data), e.actor_id])).toEqual([
      ['current', { annotationId: ids[2] }, fay.id],
      ['current', { annotationId: ids[0] }, fred.id],
    ]);
    const agenda = await agendaOf(ada);
    expect(agenda.current).toBe(ids[0]);
    expect(agenda.items.filter((i) => i.current)).toHaveLength(1);
    expect((await call('PUT', '/current', fay, { annotationId: 'not-on-it' })).status).toBe(404);
    const cleared = (await (await call('PUT', '/current', fay, { annotationId: null })).json()) as { agenda: Agenda };
    expect(cleared.agenda.current).toBeNull();
  });
});

describe('what each reader is shown', () => {
  it('shows a hidden question without its words to readers, and whole to facilitators and its author', async () => {
    const question = await adaWrites('two tiny little details', 'questioning', 'Which two details? HIDDEN-WORDS-7f3');
    expect((await call('POST', '', fay, { annotationIds: [question.id] })).status).toBe(200);
    const fayRoom = await joinRoom(wsUrl, documentId, fay);
    await waitFor(() => fayRoom.annotations.has(question.id), 10_000, 'Fay has the question');
    fayRoom.annotations.set(question.id, moderate(question, 'hidden', { id: fay.id, name: fay.name }, new Date().toISOString()));
    await waitFor(
      async () => (await agendaOf(vic)).items.some((i) => i.annotationId === question.id && i.question.hidden),
      10_000,
      'the hidden mark to reach the agenda',
    );
    const forVic = (await agendaOf(vic)).items.find((i) => i.annotationId === question.id)!;
    expect(forVic.question.text).toBe('');
    expect(JSON.stringify(await agendaOf(vic))).not.toContain('HIDDEN-WORDS-7f3');
    for (const reader of [fay, ada]) {
      const item = (await agendaOf(reader)).items.find((i) => i.annotationId === question.id)!;
      expect(item.question.text).toContain('HIDDEN-WORDS-7f3');
    }
    fayRoom.destroy();
  });

  it('shows the agenda’s questions to readers reading blind — on their socket and over HTTP — but not the answers until they answer', async () => {
    const question = await adaWrites('the voices and screams', 'questioning', 'Whose voices? AGENDA-WORDS-2c9');
    // Ada answers it herself, through her socket.
    const reply = buildReply({
      id: `reply-${randomUUID()}`,
      parentId: question.id,
      creator: ada,
      text: 'Angel’s. ANSWER-WORDS-77e',
      now: new Date(),
    });
    adaRoom.annotations.set(reply.id, reply);
    expect((await putBlindMode(server, documentId, fay, 'passage')).status).toBe(200);
    try {
      // Not on the agenda yet: withheld from Vic like any note of another reader.
      const vicRoom = await joinRoom(wsUrl, documentId, vic, { notices: '1' });
      expect(JSON.stringify(vicRoom.annotations.toJSON())).not.toContain('AGENDA-WORDS-2c9');
      // On the agenda: Vic's open socket is told to take a fresh copy, which holds the question but not the answer.
      expect((await call('POST', '', fay, { annotationIds: [question.id] })).status).toBe(200);
      await waitFor(() => vicRoom.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice at Vic');
      expect(vicRoom.notices.find((n) => n.kind === 'revealed')).toEqual({ kind: 'revealed', notes: 1, cause: 'agenda' });
      const fresh = await joinRoom(wsUrl, documentId, vic, { notices: '1' });
      await waitFor(() => fresh.annotations.has(question.id), 10_000, 'the question in Vic’s fresh copy');
      expect(JSON.stringify(fresh.annotations.toJSON())).not.toContain('ANSWER-WORDS-77e');
      const forVic = await agendaOf(vic);
      expect(idsOf(forVic)).toContain(question.id);
      expect(JSON.stringify(forVic)).toContain('AGENDA-WORDS-2c9');
      const listed = await (
        await fetch(`${base}/api/documents/${documentId}/annotations`, {
          headers: { authorization: `Bearer ${tokenForReader(wsUrl, vic)}` },
        })
      ).text();
      expect(listed).toContain('AGENDA-WORDS-2c9');
      expect(listed).not.toContain('ANSWER-WORDS-77e');
      expect(idsOf(await agendaOf(fay))).toContain(question.id);

      // Ben, reading blind, sees the question; his own answer opens the others' answers there (a fresh copy).
      const benRoom = await joinRoom(wsUrl, documentId, ben, { notices: '1' });
      await waitFor(() => benRoom.annotations.has(question.id), 10_000, 'the question at Ben');
      expect(JSON.stringify(benRoom.annotations.toJSON())).not.toContain('ANSWER-WORDS-77e');
      const benAnswer = buildReply({
        id: `reply-${randomUUID()}`,
        parentId: question.id,
        creator: ben,
        text: 'The dead’s.',
        now: new Date(),
      });
      benRoom.annotations.set(benAnswer.id, benAnswer);
      await waitFor(() => benRoom.notices.some((n) => n.kind === 'revealed'), 10_000, 'the revealed notice at Ben');
      expect(benRoom.notices.find((n) => n.kind === 'revealed')).toEqual({ kind: 'revealed', notes: 1 });
      const benFresh = await joinRoom(wsUrl, documentId, ben, { notices: '1' });
      await waitFor(() => benFresh.annotations.has(reply.id), 10_000, 'Ada’s answer at Ben');
    } finally {
      expect((await putBlindMode(server, documentId, fay, 'off')).status).toBe(200);
    }
    expect(idsOf(await agendaOf(vic))).toContain(question.id);
  });
});
