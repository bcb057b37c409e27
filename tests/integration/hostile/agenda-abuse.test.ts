/**
 * Abusing the agenda routes (`/api/documents/<id>/agenda/…`): a facilitator of one text naming another text's notes
 * or agenda items, putting notes that are no questions on it, oversized and malformed bodies and ids, a full agenda,
 * and readers trying what only facilitators may (setting the current question, asking questions in the group's
 * name). Nothing of it changes an agenda, the room or the log; the store still agrees with its log.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { agendaLimits } from '../../../lib/limits.ts';
import type { Agenda } from '../../../lib/meetings/agenda.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { buildNote, fetchText } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { groupText } from '../../helpers/group-fixture.ts';
import { destroyAllClients, joinRoom, type TestReader, waitFor } from '../../helpers/room-clients.ts';
import { readDatabase } from '../../helpers/sqlite.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const owner: TestReader = { id: 'reader-olga', name: 'Olga' };
const fay: TestReader = { id: 'reader-fay', name: 'Fay' };
const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
/** Facilitates the other text only. */
const otto: TestReader = { id: 'reader-otto', name: 'Otto' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
let club: string;
let other: string;
let clubQuestion: string;
let otherQuestion: PassageAnnotation;
let adaComment: PassageAnnotation;

function call(documentId: string, method: string, path: string, reader: TestReader | null, body?: unknown): Promise<Response> {
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

async function agendaIds(documentId: string, reader: TestReader): Promise<string[]> {
  const res = await call(documentId, 'GET', '', reader);
  expect(res.status).toBe(200);
  return ((await res.json()) as Agenda).items.map((i) => i.annotationId);
}

const noteCount = (documentId: string) =>
  readDatabase(
    server.dbPath,
    (db) => (db.prepare('select count(*) as n from annotations where document_id = ?').get(documentId) as { n: number }).n,
  );

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
  club = await groupText(server, text, {
    title: 'The club copy',
    groupId: 'g-club',
    groupName: 'Club',
    owner,
    members: [
      { reader: fay, role: 'facilitator' },
      { reader: ada, role: 'annotator' },
    ],
    visibility: 'group',
  });
  other = await groupText(server, text, {
    title: 'Another club copy',
    groupId: 'g-other',
    groupName: 'Other club',
    owner,
    members: [
      { reader: otto, role: 'facilitator' },
      { reader: fay, role: 'annotator' },
    ],
    visibility: 'group',
  });
  const asked = await call(club, 'POST', '/questions', fay, { text: 'What is the chip?' });
  expect(asked.status).toBe(201);
  clubQuestion = ((await asked.json()) as { id: string }).id;
  // A question on the other text (on its agenda too), and a plain comment of Ada's on the club's.
  const ottoRoom = await joinRoom(wsUrl, other, otto);
  otherQuestion = {
    ...buildNote({ text, creator: otto, passage: 'lost in memories', comment: 'Whose memories?', documentId: other }),
    motivation: 'questioning',
  };
  ottoRoom.annotations.set(otherQuestion.id, otherQuestion);
  const adaRoom = await joinRoom(wsUrl, club, ada);
  adaComment = buildNote({ text, creator: ada, passage: 'a handful of pages', comment: 'Letters?', documentId: club });
  adaRoom.annotations.set(adaComment.id, adaComment);
  await waitFor(() => noteCount(other) === 1 && noteCount(club) === 2, 10_000, 'the notes stored');
  expect((await call(other, 'POST', '', otto, { annotationIds: [otherQuestion.id] })).status).toBe(200);
});

afterAll(async () => {
  destroyAllClients();
  if (server) expectDatabaseConsistent(server.dbPath);
  await server?.dispose();
});

describe('names from elsewhere', () => {
  it('does not put another text’s question on this agenda', async () => {
    expect((await call(club, 'POST', '', fay, { annotationIds: [otherQuestion.id] })).status).toBe(404);
    expect(await agendaIds(club, fay)).toEqual([clubQuestion]);
  });

  it('does not move, remove or make current another text’s agenda item through this text', async () => {
    expect((await call(club, 'PATCH', `/items/${otherQuestion.id}`, fay, { after: null })).status).toBe(404);
    expect((await call(club, 'DELETE', `/items/${otherQuestion.id}`, fay)).status).toBe(404);
    expect((await call(club, 'PUT', '/current', fay, { annotationId: otherQuestion.id })).status).toBe(404);
    expect((await call(club, 'PATCH', `/items/${clubQuestion}`, fay, { after: otherQuestion.id })).status).toBe(400);
    expect(await agendaIds(other, otto)).toEqual([otherQuestion.id]);
  });

  it('does not let a facilitator of one text change another text’s agenda where they only annotate', async () => {
    expect((await call(other, 'DELETE', `/items/${otherQuestion.id}`, fay)).status).toBe(403);
    expect((await call(other, 'PUT', '/current', fay, { annotationId: otherQuestion.id })).status).toBe(403);
    expect((await call(club, 'GET', '', otto)).status).toBe(403);
  });
});

describe('what is no question', () => {
  it('refuses a comment, and takes nothing of a list that holds one', async () => {
    const res = await call(club, 'POST', '', fay, { annotationIds: [clubQuestion, adaComment.id] });
    expect(res.status).toBe(400);
    expect(await agendaIds(club, fay)).toEqual([clubQuestion]);
  });
});

describe('readers', () => {
  it('may not set the current question, nor ask one in the group’s name', async () => {
    const before = noteCount(club);
    expect((await call(club, 'PUT', '/current', ada, { annotationId: clubQuestion })).status).toBe(403);
    expect((await call(club, 'POST', '/questions', ada, { text: 'Mine first?' })).status).toBe(403);
    expect((await call(club, 'POST', '/open-questions', ada)).status).toBe(403);
    expect(((await (await call(club, 'GET', '', ada)).json()) as Agenda).current).toBeNull();
    expect(noteCount(club)).toBe(before);
  });
});

describe('sizes and shapes', () => {
  it('refuses a body over the agenda’s limit (413) without reading it all', async () => {
    const huge = { text: 'x'.repeat(agendaLimits.bodyBytes + 10) };
    expect((await call(club, 'POST', '/questions', fay, huge)).status).toBe(413);
    expect(
      (await call(club, 'POST', '', fay, { annotationIds: Array.from({ length: 5000 }, (_, i) => `n-${i}-${'y'.repeat(20)}`) })).status,
    ).toBe(413);
  });

  it.each<[string, string, string, unknown]>([
    ['more ids than an agenda holds', 'POST', '', { annotationIds: Array.from({ length: agendaLimits.items + 1 }, (_, i) => `n${i}`) }],
    ['an id naming a path', 'POST', '', { annotationIds: ['../../x'] }],
    ['a question longer than a comment may be', 'POST', '/questions', { text: 'q'.repeat(10_001) }],
    ['offsets that are not integers', 'POST', '/questions', { text: 'Why?', start: 1.5, end: 4 }],
    ['a position smuggled in', 'PATCH', '/items/x', { after: null, position: '0' }],
    ['an array for a body', 'PUT', '/current', ['q']],
  ])('refuses %s (400)', async (_name, method, path, body) => {
    expect((await call(club, method, path, fay, body)).status).toBe(400);
  });

  it('refuses an item id that is no annotation id (400)', async () => {
    expect((await call(club, 'DELETE', `/items/${encodeURIComponent('a b<c>')}`, fay)).status).toBe(400);
  });

  it('refuses a new question on a full agenda before writing its note (409)', async () => {
    const db = new Database(server.dbPath, { timeout: 10_000 });
    try {
      const insert = db.prepare(
        'insert into agenda_items (document_id, annotation_id, position, added_by, added_at, current) values (?, ?, ?, ?, ?, 0)',
      );
      db.transaction(() => {
        for (let i = 0; i < agendaLimits.items; i++)
          insert.run(other, `filler-${i}`, `b${String(i).padStart(4, '0')}`, otto.id, Date.now());
      })();
    } finally {
      db.close();
    }
    const before = noteCount(other);
    expect((await call(other, 'POST', '/questions', otto, { text: 'One too many?' })).status).toBe(409);
    expect((await call(other, 'POST', '/open-questions', otto)).status).toBe(200); // nothing open left to add
    expect(noteCount(other)).toBe(before);
  });
});
