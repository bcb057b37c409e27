/**
 * The WebSocket side of the server: takes upgrades on `/collab/<documentId>` (and a reader's private layer,
 * `/collab/<documentId>/private`), authenticates the socket, binds it to its role on the document, puts it in
 * its room, enforces the hard frame cap and liveness, and turns bad input into a close of that one socket.
 * Messages that arrive while the socket is being authenticated or its room loaded wait, in order, until it joins.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { noticesParam } from '../lib/collab/notice.ts';
import { documentIdPattern, roomLimits } from '../lib/limits.ts';
import type { Role } from '../lib/access/roles.ts';
import { effectiveBlindMode, parseBlindMode, type BlindMode } from '../lib/annotations/blind.ts';
import type { Authenticator, ReaderIdentity } from './identity.ts';
import { log } from './log.ts';
import { CloseCode } from './protocol.ts';
import type { Room } from './room.ts';
import type { RoomRegistry } from './room-registry.ts';

/** The path prefix of live rooms (public contract). */
export const collabPrefix = '/collab/';

/** The query parameter with which a reader chooses to read blind (`passage` or `chapter`). */
export const blindParam = 'blind';

/** The suffix of a reader's private layer of a document. */
export const privateSuffix = '/private';

/** A socket's role on a document, or why it may not join (with the close code). */
export type Authorizer = (documentId: string, identity: ReaderIdentity) => Promise<{ role: Role } | { error: string; code: number }>;

export interface CollabServerOptions {
  rooms: RoomRegistry;
  authenticate: Authenticator;
  /** The role of the socket on the document (the one access rule of lib/access/roles.ts). */
  authorize: Authorizer;
  /**
   * Whether the document's room is set blind, read as the socket joins (after its room is open, with no wait between
   * the read and the join), so a socket cannot slip in under the old setting while a facilitator changes it.
   */
  blindModeOf?(documentId: string): BlindMode;
  /**
   * A signed-in reader's spoiler-guard horizon on a document (the furthest offset they have read) when their guard
   * is on, else null; read as the socket joins.
   */
  spoilerHorizonOf?(documentId: string, userId: string): number | null;
  /** The ids of a document's agenda questions, exempt from reading blind; read as a socket joins. */
  agendaOf?(documentId: string): ReadonlySet<string>;
  /** Largest frame at all (the initial sync's cap); rooms apply the smaller per-message cap after it. */
  maxFrameBytes?: number;
  /** How often sockets are pinged; one that did not answer the previous ping is dropped. */
  pingIntervalMs: number;
}

/** The WebSocket endpoint for live rooms. */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(private readonly options: CollabServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes ?? roomLimits.initialSyncBytes,
      perMessageDeflate: false,
    });
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Whether an upgrade request is for a live room. */
  handles(request: IncomingMessage): boolean {
    return (request.url ?? '').startsWith(collabPrefix);
  }

  /** Completes an upgrade for `/collab/...`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, request));
  }

  private async accept(ws: WebSocket, request: IncomingMessage): Promise<void> {
    ws.binaryType = 'nodebuffer';
    let room: Room | null = null;
    const waiting: RawData[] = [];
    // What a socket may send before it has joined is bounded in count and bytes (one initial sync's worth).
    let waitingBytes = 0;
    let closed = false;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return ws.close(CloseCode.unsupportedData, 'binary y-websocket messages only');
      if (room) room.receive(ws, toBytes(data));
      else if (waiting.length < 16 && (waitingBytes += rawLength(data)) <= roomLimits.initialSyncBytes) waiting.push(data);
      else ws.close(CloseCode.policyViolation, 'too many messages before joining');
    });
    ws.on('error', (err) => log.warn('socket error', { error: String(err) }));
    ws.on('close', (code) => {
      closed = true;
      if (code === CloseCode.messageTooBig)
        log.warn('closed a socket for an oversized message', { url: (request.url ?? '').replace(/([?&]token=)[^&]*/g, '$1…') });
      if (room) {
        room.leave(ws);
        void this.options.rooms.release(room);
      }
    });
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));

    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = url.pathname.slice(collabPrefix.length);
    const isPrivate = path.endsWith(privateSuffix);
    if (isPrivate) path = path.slice(0, -privateSuffix.length);
    let documentId = '';
    try {
      documentId = decodeURIComponent(path);
    } catch {
      /* an undecodable id is an unknown document */
    }
    if (!documentIdPattern.test(documentId)) return ws.close(CloseCode.unknownDocument, 'unknown document');
    const identity = await this.options.authenticate(request, url.searchParams);
    if ('error' in identity) return ws.close(identity.code ?? CloseCode.badIdentity, identity.error.slice(0, 120));
    const access = await this.options.authorize(documentId, identity);
    if ('error' in access) return ws.close(access.code, access.error.slice(0, 120));
    // A private layer is its owner's alone; anyone who may read the document may keep one, and write in it.
    if (isPrivate && !(identity.kind === 'reader' && identity.verified))
      return ws.close(CloseCode.notSignedIn, 'sign in to keep private notes');
    const role: Role = isPrivate ? 'annotator' : access.role;

    let opened: Room | null;
    try {
      opened = await this.options.rooms.open(documentId, isPrivate && identity.kind === 'reader' ? identity.id : undefined);
    } catch (err) {
      log.error('opening a room failed', { documentId, error: String(err) });
      return ws.close(CloseCode.internalError, 'could not open the document');
    }
    if (!opened) return ws.close(CloseCode.unknownDocument, 'unknown document');
    if (closed) return void this.options.rooms.release(opened);
    room = opened;
    // A room set blind binds its readers whatever they ask; anyone may choose to read blind (`?blind=passage`).
    const roomMode = this.options.blindModeOf?.(documentId) ?? 'off';
    const blind = isPrivate
      ? 'off'
      : effectiveBlindMode({ room: roomMode, chosen: parseBlindMode(url.searchParams.get(blindParam)), role });
    const horizon =
      !isPrivate && identity.kind === 'reader' && identity.verified
        ? (this.options.spoilerHorizonOf?.(documentId, identity.id) ?? null)
        : null;
    const agenda = blind !== 'off' ? this.options.agendaOf?.(documentId) : undefined;
    room.join(ws, identity, { notices: url.searchParams.get(noticesParam) === '1', role, blind, horizon, agenda });
    for (const data of waiting.splice(0)) room.receive(ws, toBytes(data));
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.get(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  /** Closes every socket and stops the liveness timer. */
  close(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const ws of this.wss.clients) ws.close(CloseCode.goingAway, 'server shutting down');
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0);
  return data.byteLength;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
