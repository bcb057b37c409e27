/**
 * Clients of a live room for integration tests: stock y-websocket `WebsocketProvider`s (the public contract says any
 * of them can join), raw `ws` sockets for bytes no well-behaved client sends, and a polling `waitFor`. Every client
 * made here is tracked so one `destroyAll()` in `afterAll` leaves no socket or timer behind.
 */
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeNotice, messageNotice, type Notice } from '../../lib/collab/notice.ts';
import { tokenForReader } from './account-fixture.ts';

/** A reader as the `params` of a WebsocketProvider announce it (`?user=…&name=…`). */
export interface TestReader {
  id: string;
  name: string;
}

/**
 * How a test reader signs in: with a personal access token of an account that has the reader's id and name (the
 * account fixture), or, where the fixture has no token to give (a server this process did not start, a database it
 * cannot write and made no token in earlier), with the claimed `user`/`name` parameters, which only a server that
 * still honours claims reads (a socket without credentials is otherwise anonymous and may not write).
 */
export function readerParams(wsUrl: string, reader: TestReader | undefined): Record<string, string> {
  if (!reader) return {};
  const token = tokenForReader(wsUrl, reader);
  return token ? { token } : { user: reader.id, name: reader.name };
}

/** The query string (`?token=…`, or empty for an anonymous socket) of a raw socket that signs in as `reader`. */
export function readerQuery(wsUrl: string, reader: TestReader | undefined): string {
  const query = new URLSearchParams(readerParams(wsUrl, reader)).toString();
  return query ? `?${query}` : '';
}

/** The two readers most integration tests use. */
export const ann: TestReader = { id: 'reader-ann', name: 'Ann' };
export const ben: TestReader = { id: 'reader-ben', name: 'Ben' };

/** A stock provider joined to a room, with the two shared maps of the public contract. */
export interface TestRoomClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
  /** Every connection this provider lost, by close code (null when it closed the socket itself). */
  closes: Array<number | null>;
  /** Notices of Glossa's channel this client received (only when joined with `notices: true`). */
  notices: Notice[];
  /** Destroys the provider and then the doc (a provider alone keeps the process alive: STACK-NOTES pitfall 6). */
  destroy(): void;
}

/** How a socket was closed by the server. */
export interface CloseInfo {
  code: number;
  reason: string;
}

const live = new Set<{ destroy(): void }>();

/**
 * Polls `predicate` (sync, or async such as an HTTP read) every 25 ms until it returns true, or fails after
 * `timeoutMs` naming `what`. Generous waits only: tests assert outcomes, never timings.
 */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Joins `documentId`'s room at `wsUrl` (the server's `ws://host:port`) with a stock WebsocketProvider, as `reader`
 * or, without one, as an anonymous client (no params). Resolves once the first sync with the server is done.
 * BroadcastChannel is disabled so that two clients in this one process can only meet through the server.
 * `extraParams` are added to the query (e.g. `{ notices: '1' }` for Glossa's notice channel); `doc` joins with a
 * doc that already holds notes (written offline) instead of a fresh one.
 */
export async function joinRoom(
  wsUrl: string,
  documentId: string,
  reader?: TestReader,
  extraParams: Record<string, string> = {},
  doc: Y.Doc = new Y.Doc(),
): Promise<TestRoomClient> {
  const provider = new WebsocketProvider(`${wsUrl}/collab`, documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ...readerParams(wsUrl, reader), ...extraParams },
    disableBc: true,
  });
  const closes: Array<number | null> = [];
  provider.on('connection-close', (event) => closes.push(event?.code ?? null));
  const notices: Notice[] = [];
  provider.messageHandlers[messageNotice] = (_encoder, decoder) => {
    const notice = decodeNotice(decoder);
    if (notice) notices.push(notice);
  };
  const client: TestRoomClient = {
    doc,
    provider,
    annotations: doc.getMap('annotations'),
    tags: doc.getMap('tags'),
    closes,
    notices,
    destroy() {
      live.delete(client);
      provider.destroy();
      doc.destroy();
    },
  };
  live.add(client);
  await waitFor(() => provider.synced, 10_000, `${reader?.name ?? 'anonymous'} to sync with ${documentId}`);
  return client;
}

/** A raw WebSocket on `/collab/<documentId>` (optionally with a query string), open or closed by the server. */
export interface RawSocket {
  socket: WebSocket;
  /** Resolves when the socket is open; rejects if it closes first. */
  opened: Promise<void>;
  /** Resolves with the close code and reason, however the socket ends. */
  closed: Promise<CloseInfo>;
  destroy(): void;
}

/** Opens a raw `ws` socket to a room, for messages no stock client would send. */
export function openRawSocket(wsUrl: string, documentId: string, query = ''): RawSocket {
  const socket = new WebSocket(`${wsUrl}/collab/${documentId}${query}`);
  socket.on('error', () => {
    /* the close event reports the outcome */
  });
  const closed = new Promise<CloseInfo>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    void closed.then((info) => reject(new Error(`socket closed before opening (${info.code} ${info.reason})`)));
  });
  opened.catch(() => {
    /* callers that only await `closed` must not see an unhandled rejection */
  });
  const raw: RawSocket = {
    socket,
    opened,
    closed,
    destroy() {
      live.delete(raw);
      if (socket.readyState !== socket.CLOSED) socket.terminate();
    },
  };
  live.add(raw);
  return raw;
}

/** A y-websocket sync "update" message (type 0, sub-type 2) carrying `update`. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Destroys every client and raw socket made by this module that is still alive. */
export function destroyAllClients(): void {
  for (const client of [...live]) client.destroy();
}

/**
 * Every byte a raw socket (`query`: its token and parameters, from `?`) receives after asking for the whole room
 * (sync step 1 with an empty state vector), once the answer (sync step 2) has come: what a test searches for words
 * the room must withhold.
 */
export async function bytesOfWholeRoom(wsUrl: string, documentId: string, query = ''): Promise<Buffer> {
  const raw = openRawSocket(wsUrl, documentId, query);
  const chunks: Buffer[] = [];
  raw.socket.on('message', (data) => chunks.push(Buffer.from(data as Buffer)));
  await raw.opened;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 0); // step 1
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  raw.socket.send(encoding.toUint8Array(encoder));
  await waitFor(() => chunks.some((c) => c[0] === 0 && c[1] === 1), 10_000, 'the sync answer');
  raw.destroy();
  return Buffer.concat(chunks);
}
