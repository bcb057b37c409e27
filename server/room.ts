/**
 * One live document room speaking the y-websocket protocol (sync + awareness). Unlike the stock server, a client's
 * update is checked before it is applied (shape), judged after (schema, anchor, permission), corrected for
 * everybody when refused, and stored durably before anyone else receives it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { annotationsMapName, tagsMapName } from '../lib/collab/shared-state.ts';
import { checkUpdateShape } from '../lib/collab/update-shape.ts';
import type { ReaderIdentity } from './identity.ts';
import { log } from './log.ts';
import type { PermissionPolicy } from './permissions.ts';
import { CloseCode, messageAwareness, messageQueryAwareness, messageSync, syncStep1, syncStep2, syncUpdate } from './protocol.ts';
import { judgeChanges, type KeyChange } from './room-gate.ts';
import type { RoomPersistence } from './room-persistence.ts';

/** The server's own origin for Yjs transactions (corrections), never a connection. */
const serverOrigin = Symbol('glossa-server');

/** A socket in a room and what the room knows of it. */
export interface Connection {
  socket: WebSocket;
  identity: ReaderIdentity;
  createdHere: Set<string>;
  awarenessIds: Set<number>;
}

export interface RoomOptions {
  documentId: string;
  text: string;
  doc: Y.Doc;
  persistence: RoomPersistence;
  policy: PermissionPolicy;
  /** Called when storing failed and the room must be dropped (its memory may hold unsaved state). */
  onBroken(room: Room): void;
}

/** A live room. */
export class Room {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  private readonly text: string;
  private readonly persistence: RoomPersistence;
  private readonly policy: PermissionPolicy;
  private readonly onBroken: (room: Room) => void;
  private readonly annotations: Y.Map<unknown>;
  private readonly tags: Y.Map<unknown>;
  private readonly onAnnotations = this.collect('annotations');
  private readonly onTags = this.collect('tags');
  private pending: { annotations: KeyChange[]; tags: KeyChange[]; updates: Uint8Array[] } | null = null;
  private broken = false;

  constructor(options: RoomOptions) {
    this.documentId = options.documentId;
    this.text = options.text;
    this.doc = options.doc;
    this.persistence = options.persistence;
    this.policy = options.policy;
    this.onBroken = options.onBroken;
    this.annotations = this.doc.getMap(annotationsMapName);
    this.tags = this.doc.getMap(tagsMapName);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null); // the server is not a reader
    this.annotations.observe(this.onAnnotations);
    this.tags.observe(this.onTags);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  private collect(which: 'annotations' | 'tags') {
    return (event: Y.YMapEvent<unknown>) => {
      if (!this.pending || event.transaction.origin === serverOrigin) return;
      for (const [key, change] of event.changes.keys)
        this.pending[which].push({ key, action: change.action, oldValue: change.oldValue });
    };
  }

  private readonly onDocUpdate = (update: Uint8Array) => {
    this.pending?.updates.push(update);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    const conn = origin instanceof Object ? this.connections.get(origin as WebSocket) : undefined;
    if (conn) {
      for (const id of added) conn.awarenessIds.add(id);
      for (const id of removed) conn.awarenessIds.delete(id);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(encoder));
  };

  /** Adds a socket: sends it the room state (sync step 1) and who is here. */
  join(socket: WebSocket, identity: ReaderIdentity): Connection {
    const conn: Connection = { socket, identity, createdHere: new Set(), awarenessIds: new Set() };
    this.connections.set(socket, conn);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(conn, encoding.toUint8Array(encoder));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, messageAwareness);
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      this.send(conn, encoding.toUint8Array(aw));
    }
    return conn;
  }

  /** Removes a socket and the presence it held. */
  leave(socket: WebSocket): void {
    const conn = this.connections.get(socket);
    if (!conn) return;
    this.connections.delete(socket);
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
  }

  /** Handles one binary message from a socket. Throws on malformed input; the caller closes that socket. */
  receive(socket: WebSocket, data: Uint8Array): void {
    const conn = this.connections.get(socket);
    if (!conn || this.broken) return;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const sub = decoding.readVarUint(decoder);
      if (sub === syncStep1) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
        this.send(conn, encoding.toUint8Array(encoder));
      } else if (sub === syncStep2 || sub === syncUpdate) {
        this.applyClientUpdate(conn, decoding.readVarUint8Array(decoder));
      } else {
        throw new ProtocolError(`unknown sync message ${sub}`);
      }
    } else if (type === messageAwareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), socket);
    } else if (type === messageQueryAwareness) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
      this.send(conn, encoding.toUint8Array(encoder));
    } else {
      throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    const shape = checkUpdateShape(update);
    if (!shape.ok) throw new PolicyError(shape.reason);

    this.pending = { annotations: [], tags: [], updates: [] };
    const stateBefore = Y.encodeStateVector(this.doc);
    let corrections: Uint8Array | null = null;
    let change;
    try {
      Y.applyUpdate(this.doc, update, conn.socket);
      const judged = judgeChanges({
        documentId: this.documentId,
        text: this.text,
        identity: conn.identity,
        createdHere: conn.createdHere,
        policy: this.policy,
        annotations: this.annotations,
        tags: this.tags,
        annotationChanges: this.pending.annotations,
        tagChanges: this.pending.tags,
      });
      for (const reason of judged.rejections) log.warn('refused change', { documentId: this.documentId, reader: describe(conn), reason });
      if (judged.corrections.length) {
        const before = this.pending.updates.length;
        this.doc.transact(() => {
          for (const c of judged.corrections) {
            const map = c.map === 'annotations' ? this.annotations : this.tags;
            if (c.value === undefined) map.delete(c.key);
            else map.set(c.key, c.value);
          }
        }, serverOrigin);
        corrections = this.pending.updates.length > before ? Y.mergeUpdates(this.pending.updates.slice(before)) : null;
      }
      change = { judged, updates: this.pending.updates };
    } finally {
      this.pending = null;
    }
    if (change.updates.length === 0) return; // nothing new (a repeat, or only pending structs)

    // With corrections, the client's raw update still carries the refused content (deleted, but in its bytes).
    // The room has already garbage-collected it, so the difference of the room's state holds only what stands.
    const merged = corrections
      ? Y.encodeStateAsUpdate(this.doc, stateBefore)
      : change.updates.length === 1
        ? change.updates[0]
        : Y.mergeUpdates(change.updates);
    try {
      this.persistence.store({
        documentId: this.documentId,
        update: merged,
        upsertAnnotations: change.judged.upsertAnnotations,
        deleteAnnotations: change.judged.deleteAnnotations,
        upsertTags: change.judged.upsertTags,
        deleteTags: change.judged.deleteTags,
      });
    } catch (err) {
      this.fail(err);
      return;
    }
    const message = syncMessage(merged);
    for (const other of this.connections.values()) if (other !== conn) this.send(other, message);
    if (corrections) this.send(conn, syncMessage(corrections));
  }

  /** Storage failed: the room's memory may now hold what disk does not. Close everyone; they resync on reconnect. */
  private fail(err: unknown): void {
    this.broken = true;
    log.error('storing a room change failed; closing the room', { documentId: this.documentId, error: String(err) });
    for (const conn of this.connections.values()) conn.socket.close(CloseCode.internalError, 'could not save; reconnecting');
    this.onBroken(this);
  }

  private send(conn: Connection, message: Uint8Array): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(message, (err) => {
      if (err) conn.socket.terminate();
    });
  }

  private broadcast(message: Uint8Array): void {
    for (const conn of this.connections.values()) this.send(conn, message);
  }

  /** The state to compact the log to. */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Releases listeners and the doc. */
  destroy(): void {
    this.annotations.unobserve(this.onAnnotations);
    this.tags.unobserve(this.onTags);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function syncMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function describe(conn: Connection): string {
  return conn.identity.kind === 'reader' ? `${conn.identity.name} (${conn.identity.id})` : 'anonymous';
}

/** A message that breaks the protocol. */
export class ProtocolError extends Error {}
/** A message that is well-formed but not allowed in a Glossa room. */
export class PolicyError extends Error {}
