/**
 * The WebSocket side of the server: takes upgrades on `/collab/<documentId>`, puts each socket in its document's
 * room, enforces the message size cap and liveness, and turns bad input into a close of that one socket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { identityFromQuery } from './identity.ts';
import { log } from './log.ts';
import { CloseCode } from './protocol.ts';
import type { RoomRegistry } from './room-registry.ts';
import { PolicyError } from './room.ts';

/** The path prefix of live rooms (public contract). */
export const collabPrefix = '/collab/';

export interface CollabServerOptions {
  rooms: RoomRegistry;
  /** Largest accepted message in bytes; a larger one closes its socket with 1009. */
  maxMessageBytes: number;
  /** How often sockets are pinged; one that did not answer the previous ping is dropped. */
  pingIntervalMs: number;
}

const documentIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The WebSocket endpoint for live rooms. */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(private readonly options: CollabServerOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Whether an upgrade request is for a live room. */
  handles(request: IncomingMessage): boolean {
    return (request.url ?? '').startsWith(collabPrefix);
  }

  /** Completes an upgrade for `/collab/...`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let documentId = '';
    try {
      documentId = decodeURIComponent(url.pathname.slice(collabPrefix.length));
    } catch {
      /* an undecodable id is an unknown document */
    }
    if (!documentIdPattern.test(documentId)) return ws.close(CloseCode.unknownDocument, 'unknown document');
    const identity = identityFromQuery(url.searchParams);
    if ('error' in identity) return ws.close(CloseCode.badIdentity, identity.error.slice(0, 120));

    let room;
    try {
      room = this.options.rooms.open(documentId);
    } catch (err) {
      log.error('opening a room failed', { documentId, error: String(err) });
      return ws.close(CloseCode.internalError, 'could not open the document');
    }
    if (!room) return ws.close(CloseCode.unknownDocument, 'unknown document');

    ws.binaryType = 'nodebuffer';
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return ws.close(CloseCode.unsupportedData, 'binary y-websocket messages only');
      try {
        room.receive(ws, toBytes(data));
      } catch (err) {
        const policy = err instanceof PolicyError;
        log.warn(policy ? 'refused update' : 'malformed message', { documentId, error: String((err as Error).message ?? err) });
        ws.close(policy ? CloseCode.policyViolation : CloseCode.invalidPayload, String((err as Error).message ?? 'bad message').slice(0, 120));
      }
    });
    ws.on('close', (code) => {
      if (code === CloseCode.messageTooBig) log.warn('closed a socket for an oversized message', { documentId });
      room.leave(ws);
      this.options.rooms.release(room);
    });
    ws.on('error', (err) => log.warn('socket error', { documentId, error: String(err) }));
    room.join(ws, identity);
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

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
