/**
 * The live rooms of this process, loaded from storage on first join and dropped (after compacting the log) when
 * the last reader leaves, so memory holds only rooms someone is reading. Loading is asynchronous; two sockets that
 * arrive together for a cold document share one load.
 */
import { log } from './log.ts';
import { CloseCode } from './protocol.ts';
import type { PermissionPolicy } from './permissions.ts';
import { Room, type ReadOnlyProbe, type RoomOptions } from './room.ts';
import type { RoomPersistence } from './room-persistence.ts';
import type { SignedInMatch } from '../lib/collab/live-rooms.ts';
import type { Notice } from '../lib/collab/notice.ts';
import { NoteRate } from './note-rate.ts';
import type { CallerWrite, CallerWriteOutcome, Planner } from '../lib/collab/server-plan.ts';

/** The registry's key of a document's shared room, or of one user's private layer of it. */
export function roomKey(documentId: string, privateOf?: string): string {
  return privateOf === undefined ? documentId : `${documentId}/private/${privateOf}`;
}

/** How many stored updates a room's log may reach before it is compacted into one. */
export const compactionThreshold = 200;

export interface RoomRegistryOptions {
  /** The persistence of one user's private layer (rooms at `/collab/<id>/private`); none: no private layers. */
  privatePersistence?: (userId: string) => RoomPersistence;
  maxMessageBytes?: number;
  notesPerMinute?: number;
  readOnly?: ReadOnlyProbe;
  /** Shared rooms' first sight of a writer in presence (`RoomOptions.presenceShown`). */
  presenceShown?: RoomOptions['presenceShown'];
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room | null>>();
  private readonly live = new Map<string, Room>();
  /** Signed-in users' note quotas, across all their connections and rooms. */
  private readonly noteRate = new NoteRate();

  constructor(
    private readonly persistence: RoomPersistence,
    private readonly policy: PermissionPolicy,
    private readonly options: RoomRegistryOptions = {},
  ) {}

  /**
   * The live room of a document (or of `privateOf`'s private layer of it), loading it if needed; null for an unknown
   * document.
   */
  open(documentId: string, privateOf?: string): Promise<Room | null> {
    const key = roomKey(documentId, privateOf);
    let opening = this.rooms.get(key);
    if (!opening) {
      opening = this.load(documentId, privateOf);
      this.rooms.set(key, opening);
      opening.then(
        (room) => (room ? this.live.set(key, room) : this.rooms.delete(key)),
        () => this.rooms.delete(key),
      );
    }
    return opening;
  }

  private async load(documentId: string, privateOf?: string): Promise<Room | null> {
    let persistence = this.persistence;
    if (privateOf !== undefined) {
      if (!this.options.privatePersistence) return null;
      persistence = this.options.privatePersistence(privateOf);
    }
    const stored = await persistence.load(documentId);
    if (!stored) return null;
    const room = new Room({
      documentId,
      key: roomKey(documentId, privateOf),
      stored,
      persistence,
      policy: this.policy,
      maxMessageBytes: this.options.maxMessageBytes,
      notesPerMinute: this.options.notesPerMinute,
      noteRate: this.noteRate,
      readOnly: this.options.readOnly,
      presenceShown: privateOf ? undefined : this.options.presenceShown,
    });
    await this.compact(room);
    return room;
  }

  /** Called after a socket left: drops the room when nobody is in it any more (after its queue is done). */
  async release(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.live.get(room.key) !== room) return;
    await room.settled();
    if (room.connections.size > 0 || this.live.get(room.key) !== room) return;
    this.drop(room);
    await this.compact(room);
    room.destroy();
  }

  private async compact(room: Room): Promise<void> {
    if (this.options.readOnly?.()) return;
    try {
      if (await room.compactStored(compactionThreshold)) log.info('compacted room log', { room: room.key });
    } catch (err) {
      log.error('compacting a room log failed (the log is unchanged)', { documentId: room.documentId, error: String(err) });
    }
  }

  private drop(room: Room): void {
    if (this.live.get(room.key) === room) {
      this.live.delete(room.key);
      this.rooms.delete(room.key);
    }
  }

  /**
   * Closes the sockets whose verified identity matches (a revoked token, a removed user): with 4401 by default, or
   * with `match.code` (4403 when access was taken away, 4509 when a role changed and the socket may join again).
   */
  closeSignedIn(match: SignedInMatch): number {
    let closed = 0;
    for (const room of this.live.values()) {
      for (const [socket, connection] of [...room.connections]) {
        const who = connection.identity;
        if (who.kind !== 'reader' || !who.verified) continue;
        const hit =
          (match.tokenId && who.tokenId === match.tokenId) ||
          (match.sessionId && who.sessionId === match.sessionId) ||
          (match.userId && who.id === match.userId);
        if (hit) {
          room.leave(socket);
          socket.close(match.code ?? CloseCode.notSignedIn, match.reason ?? 'signed out');
          closed++;
        }
      }
    }
    return closed;
  }

  /**
   * Closes a document's live room (one being loaded included) because the document was deleted: every socket is
   * closed with 4404 and the room is dropped without compacting, so the next join loads from storage and finds no
   * document. Resolves with how many sockets were closed.
   */
  /**
   * Runs a server change in a document's shared room (loading it if no one is reading), then lets the room go as
   * a reader leaving would; null for an unknown document.
   */
  async changeRoom<T>(documentId: string, planner: Planner<T>): Promise<T | null> {
    const room = await this.open(documentId);
    if (!room) return null;
    try {
      return await room.serverChange(planner);
    } finally {
      await this.release(room);
    }
  }

  /** Writes a caller's note through a document's room (see room.ts `callerWrite`); null for an unknown document. */
  async writeAnnotation(documentId: string, write: CallerWrite): Promise<CallerWriteOutcome | null> {
    const room = await this.open(documentId);
    if (!room) return null;
    try {
      return await room.callerWrite(write);
    } finally {
      await this.release(room);
    }
  }

  /** Sends a notice to the Glossa clients of a document's live shared room (of `userId` only, when given); how many. */
  notify(documentId: string, notice: Notice, userId?: string): number {
    return this.live.get(roomKey(documentId))?.broadcastNotice(notice, userId) ?? 0;
  }

  /** Sends a notice to `userId`'s Glossa clients in every live shared room; how many. */
  notifyUser(userId: string, notice: Notice): number {
    let sent = 0;
    for (const [key, room] of this.live) if (key === room.documentId) sent += room.broadcastNotice(notice, userId);
    return sent;
  }

  /** Moves `userId`'s spoiler-guard horizon in a document's live shared room; how many sockets were told to refresh. */
  setSpoilerHorizon(documentId: string, userId: string, horizon: number | null): number {
    return this.live.get(roomKey(documentId))?.setHorizon(userId, horizon) ?? 0;
  }

  /** Gives a document's live shared room its agenda's question ids; how many sockets were told to refresh. */
  setAgenda(documentId: string, ids: ReadonlySet<string>): number {
    return this.live.get(roomKey(documentId))?.setAgenda(ids) ?? 0;
  }

  async closeDocument(documentId: string): Promise<number> {
    return this.closeRooms(documentId, CloseCode.unknownDocument, 'unknown document');
  }

  /**
   * Closes every socket of a document's rooms — the shared one and its readers' private layers — with `code` (a
   * change of visibility or group: each socket joins again with its new role, or is refused); how many. The rooms
   * are dropped without compacting.
   */
  async closeRooms(documentId: string, code: number, reason: string): Promise<number> {
    // The private layers too: whether their readers may still keep one depends on the document's access.
    let closed = 0;
    const privatePrefix = roomKey(documentId, '');
    for (const key of [...this.rooms.keys()])
      if (key === documentId || key.startsWith(privatePrefix)) closed += await this.closeRoom(key, code, reason);
    return closed;
  }

  private async closeRoom(key: string, code: number, reason: string): Promise<number> {
    const opening = this.rooms.get(key);
    if (!opening) return 0;
    this.rooms.delete(key);
    const room = await opening.catch(() => null);
    if (!room) return 0;
    if (this.live.get(key) === room) this.live.delete(key);
    const sockets = [...room.connections.keys()];
    for (const socket of sockets) {
      room.leave(socket);
      socket.close(code, reason);
    }
    await room.settled();
    room.destroy();
    return sockets.length;
  }

  /** Number of live rooms. */
  get size(): number {
    return this.live.size;
  }

  /** Drops every room (shutdown), after each has finished what it was doing. */
  async destroyAll(): Promise<void> {
    for (const room of [...this.live.values()]) {
      await room.settled();
      this.drop(room);
      room.destroy();
    }
  }
}
