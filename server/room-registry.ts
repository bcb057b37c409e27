/**
 * The live rooms of this process, loaded from storage on first join and dropped (after compacting the log) when
 * the last reader leaves, so memory holds only rooms someone is reading. Loading is asynchronous; two sockets that
 * arrive together for a cold document share one load.
 */
import { log } from './log.ts';
import { CloseCode } from './protocol.ts';
import type { PermissionPolicy } from './permissions.ts';
import { Room, type ReadOnlyProbe } from './room.ts';
import type { RoomPersistence } from './room-persistence.ts';
import type { SignedInMatch } from '../lib/collab/live-rooms.ts';
import { NoteRate } from './note-rate.ts';

/** How many stored updates a room's log may reach before it is compacted into one. */
export const compactionThreshold = 200;

export interface RoomRegistryOptions {
  maxMessageBytes?: number;
  notesPerMinute?: number;
  readOnly?: ReadOnlyProbe;
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

  /** The live room of a document, loading it if needed; null for an unknown document. */
  open(documentId: string): Promise<Room | null> {
    let opening = this.rooms.get(documentId);
    if (!opening) {
      opening = this.load(documentId);
      this.rooms.set(documentId, opening);
      opening.then(
        (room) => (room ? this.live.set(documentId, room) : this.rooms.delete(documentId)),
        () => this.rooms.delete(documentId),
      );
    }
    return opening;
  }

  private async load(documentId: string): Promise<Room | null> {
    const stored = await this.persistence.load(documentId);
    if (!stored) return null;
    const room = new Room({
      documentId,
      stored,
      persistence: this.persistence,
      policy: this.policy,
      maxMessageBytes: this.options.maxMessageBytes,
      notesPerMinute: this.options.notesPerMinute,
      noteRate: this.noteRate,
      readOnly: this.options.readOnly,
    });
    await this.compact(room);
    return room;
  }

  /** Called after a socket left: drops the room when nobody is in it any more (after its queue is done). */
  async release(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.live.get(room.documentId) !== room) return;
    await room.settled();
    if (room.connections.size > 0 || this.live.get(room.documentId) !== room) return;
    this.drop(room);
    await this.compact(room);
    room.destroy();
  }

  private async compact(room: Room): Promise<void> {
    if (this.options.readOnly?.()) return;
    try {
      if (await this.persistence.compact(room.documentId, () => room.encodeState(), compactionThreshold))
        log.info('compacted room log', { documentId: room.documentId });
    } catch (err) {
      log.error('compacting a room log failed (the log is unchanged)', { documentId: room.documentId, error: String(err) });
    }
  }

  private drop(room: Room): void {
    if (this.live.get(room.documentId) === room) {
      this.live.delete(room.documentId);
      this.rooms.delete(room.documentId);
    }
  }

  /**
   * Closes a document's live room (one being loaded included) because the document was deleted: every socket is
   * closed with 4404 and the room is dropped without compacting, so the next join loads from storage and finds no
   * document. Resolves with how many sockets were closed.
   */
  /** Closes, with 4401, the sockets whose verified identity matches (a revoked token, a removed user). */
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
          socket.close(CloseCode.notSignedIn, 'signed out');
          closed++;
        }
      }
    }
    return closed;
  }

  async closeDocument(documentId: string): Promise<number> {
    const opening = this.rooms.get(documentId);
    if (!opening) return 0;
    this.rooms.delete(documentId);
    const room = await opening.catch(() => null);
    if (!room) return 0;
    if (this.live.get(documentId) === room) this.live.delete(documentId);
    const sockets = [...room.connections.keys()];
    for (const socket of sockets) {
      room.leave(socket);
      socket.close(CloseCode.unknownDocument, 'unknown document');
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
