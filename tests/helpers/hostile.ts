/**
 * Builders shared by the hostile Yjs tests (tests/integration/hostile/yjs-*.test.ts): an attacker that sends one
 * crafted update on a raw socket and reports how the server ended it, a measurer of another room's round trip, a
 * search of every table of the SQLite file for an attacker's marker bytes, and what a fresh stock client receives. Each builder asserts nothing itself: the tests say what must hold.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeNotice, messageNotice, type Notice } from '../../lib/collab/notice.ts';
import { buildNote, fetchText, storedIds, storyId } from './annotations.ts';
import {
  ann,
  ben,
  joinRoom,
  openRawSocket,
  readerParams,
  syncUpdateMessage,
  waitFor,
  type TestReader,
  type TestRoomClient,
} from './room-clients.ts';
import { readDatabase } from './sqlite.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** What became of an attacker's socket. */
export interface AttackOutcome {
  /** The close code, or null when the server handled the update and kept the socket open (it was admitted). */
  code: number | null;
  reason: string;
  /** Notices the server sent (only with `notices: true`). */
  notices: Notice[];
}

/** Options of {@link attack}. */
export interface AttackOptions {
  /** Connect as this reader (signed in with its fixture token, as `joinRoom` does); anonymous without one. */
  as?: TestReader;
  /** Ask for Glossa's notice channel (`notices=1`). */
  notices?: boolean;
}

/** The query string of a raw socket connecting as `options` says. */
function queryOf(wsUrl: string, options: AttackOptions): string {
  const params = new URLSearchParams(readerParams(wsUrl, options.as));
  if (options.notices) params.set('notices', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** A y-websocket sync step 1 with an empty state vector: the room answers it after every earlier message. */
function probeMessage(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/**
 * Opens a raw socket to `documentId`'s room, waits for the server's sync step 1 (so the connection is in the room),
 * sends `update` as a y-websocket sync update message followed by a sync step 1 probe, and resolves with how the
 * server closed the socket — or with code null once it answered the probe, i.e. handled the update and kept the
 * socket (the room handles one connection's messages in order). The socket is gone afterwards.
 */
export async function attack(wsUrl: string, documentId: string, update: Uint8Array, options: AttackOptions = {}): Promise<AttackOutcome> {
  const raw = openRawSocket(wsUrl, documentId, queryOf(wsUrl, options));
  const notices: Notice[] = [];
  let step1Seen!: () => void;
  let probeAnswered!: () => void;
  const step1 = new Promise<void>((resolve) => (step1Seen = resolve));
  const answered = new Promise<null>((resolve) => (probeAnswered = () => resolve(null)));
  raw.socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const sub = decoding.readVarUint(decoder);
      if (sub === 0) step1Seen();
      else if (sub === 1) probeAnswered();
    } else if (type === messageNotice) {
      const notice = decodeNotice(decoder);
      if (notice) notices.push(notice);
    }
  });
  await raw.opened;
  await Promise.race([step1, raw.closed]);
  const ignoreError = () => {
    /* the server may close before the whole message is written; the close code tells the outcome */
  };
  raw.socket.send(syncUpdateMessage(update), ignoreError);
  raw.socket.send(probeMessage(), ignoreError);
  const closed = await Promise.race([raw.closed, answered]);
  raw.destroy();
  return closed ? { ...closed, notices } : { code: null, reason: '', notices };
}

/** Creates a document over HTTP (another room for the tests) and returns its id. */
export async function createDocument(baseUrl: string, title: string, text: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, text }),
  });
  if (res.status !== 201) throw new Error(`POST /api/documents: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Two honest readers of another room, with the room's text, for {@link roundTrip}. */
export interface OtherRoom {
  documentId: string;
  text: string;
  writer: TestRoomClient;
  reader: TestRoomClient;
  writerIdentity: TestReader;
}

/** Opens another room: a new document with the same text as `sourceId`, and two stock readers in it. */
export async function openOtherRoom(baseUrl: string, wsUrl: string, sourceId: string): Promise<OtherRoom> {
  const text = await fetchText(baseUrl, sourceId);
  const documentId = await createDocument(baseUrl, 'A quiet room next door', text);
  const writerIdentity: TestReader = { id: 'reader-quiet-writer', name: 'Quinn' };
  const writer = await joinRoom(wsUrl, documentId, writerIdentity);
  const reader = await joinRoom(wsUrl, documentId, { id: 'reader-quiet-reader', name: 'Rosa' });
  return { documentId, text, writer, reader, writerIdentity };
}

/** Passages of the story used by round trips (any of them anchors; the first occurrence is used). */
const roundTripPassages = ['Spike sat inside the mausoleum', 'lost in memories', 'fallen apart', 'two tiny little details'];
let roundTrips = 0;

/**
 * One round trip through another room's full pipeline (admission, gate, store, forward): its writer adds a valid
 * note and the time until its reader has it is returned, in ms. Each call adds one note to that room (mind the
 * per-connection quota of notes per minute).
 */
export async function roundTrip(room: OtherRoom): Promise<number> {
  const note = buildNote({
    text: room.text,
    documentId: room.documentId,
    creator: room.writerIdentity,
    passage: roundTripPassages[roundTrips++ % roundTripPassages.length],
    comment: `Round trip ${roundTrips}.`,
  });
  const start = performance.now();
  room.writer.annotations.set(note.id, note);
  await waitFor(() => room.reader.annotations.has(note.id), 10_000, 'a note to cross the other room');
  return performance.now() - start;
}

/**
 * Every place `marker` occurs in the SQLite file at `dbPath`: `table.column` for each row value (text, or the raw
 * bytes of a blob such as a stored Yjs update) that contains it. Empty when the marker is nowhere.
 */
export function tablesContaining(dbPath: string, marker: string): string[] {
  const needle = Buffer.from(marker, 'utf8');
  return readDatabase(dbPath, (db) => {
    const found = new Set<string>();
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      for (const row of db.prepare(`select * from "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          const hit = Buffer.isBuffer(value) ? value.includes(needle) : typeof value === 'string' && value.includes(marker);
          if (hit) found.add(`${name}.${column}`);
        }
      }
    }
    return [...found];
  });
}

/** Whether `marker`'s UTF-8 bytes occur in `bytes` (a Yjs update, say). */
export function bytesContain(bytes: Uint8Array, marker: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(marker, 'utf8'));
}

/** What a fresh stock client receives from `documentId`'s room, as its doc's whole state; the client is gone after. */
export async function freshClientState(
  wsUrl: string,
  documentId: string,
): Promise<{ update: Uint8Array; keys: string[]; shares: string[] }> {
  const client = await joinRoom(wsUrl, documentId);
  try {
    return { update: Y.encodeStateAsUpdate(client.doc), keys: [...client.annotations.keys()], shares: [...client.doc.share.keys()] };
  } finally {
    client.destroy();
  }
}

/** The number of rows in the `yjs_updates` log of `documentId`. */
export function updateLogLength(dbPath: string, documentId: string): number {
  return readDatabase(
    dbPath,
    (db) => (db.prepare('select count(*) as n from yjs_updates where document_id = ?').get(documentId) as { n: number }).n,
  );
}

/** A Yjs client id nobody in the room uses (random, as Yjs picks them). */
export function freshClientId(): number {
  return 1 + Math.floor(Math.random() * 0x7fff_fff0);
}

/** A real server whose story room holds two honest readers and a note of Ann's already stored: the scene of an attack. */
export interface AttackedRoom {
  server: TestServer;
  text: string;
  a: TestRoomClient;
  b: TestRoomClient;
  noteId: string;
}

/** Starts the scene of {@link AttackedRoom}; the caller disposes of the server and destroys the clients. */
export async function startAttackedRoom(): Promise<AttackedRoom> {
  const server = await startTestServer();
  const text = await fetchText(server.current.url);
  const a = await joinRoom(server.current.wsUrl, storyId, ann);
  const b = await joinRoom(server.current.wsUrl, storyId, ben);
  const note = buildNote({ text, creator: ann, passage: 'Spike sat inside the mausoleum' });
  a.annotations.set(note.id, note);
  await waitFor(async () => (await storedIds(server.current.url)).includes(note.id), 10_000, 'the note written before the attack');
  return { server, text, a, b, noteId: note.id };
}
