/**
 * The part of a `ws` socket a room touches, recording what happened to it, so unit tests can drive a Room without
 * a network: what it sent, and whether (and how) it closed the socket.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync } from '../../server/protocol.ts';

export class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  send(data: Uint8Array, cb?: (err?: Error) => void) {
    this.sent.push(data);
    cb?.();
  }
  close(code: number, reason = '') {
    if (this.closed) return;
    this.closed = { code, reason };
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
}

/** A y-websocket sync "update" message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
