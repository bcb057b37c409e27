/**
 * The live rooms of this process, loaded from storage on first join and dropped (after compacting the log) when
 * the last reader leaves, so memory holds only rooms someone is reading.
 */
import { log } from './log.ts';
import type { PermissionPolicy } from './permissions.ts';
import { Room } from './room.ts';
import { docFromUpdates, type RoomPersistence } from './room-persistence.ts';

/** How many stored updates a room's log may reach before it is compacted into one. */
export const compactionThreshold = 200;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly persistence: RoomPersistence,
    private readonly policy: PermissionPolicy,
  ) {}

  /** The live room of a document, loading it if needed; null for an unknown document. */
  open(documentId: string): Room | null {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const stored = this.persistence.load(documentId);
    if (!stored) return null;
    const room = new Room({
      documentId,
      text: stored.text,
      doc: docFromUpdates(stored.updates),
      persistence: this.persistence,
      policy: this.policy,
      onBroken: (broken) => this.drop(broken),
    });
    this.rooms.set(documentId, room);
    this.compact(room);
    return room;
  }

  /** Called after a socket left: drops the room when nobody is in it any more. */
  release(room: Room): void {
    if (room.connections.size > 0 || this.rooms.get(room.documentId) !== room) return;
    this.compact(room);
    this.drop(room);
  }

  private compact(room: Room): void {
    try {
      if (this.persistence.compact(room.documentId, () => room.encodeState(), compactionThreshold))
        log.info('compacted room log', { documentId: room.documentId });
    } catch (err) {
      log.error('compacting a room log failed (the log is unchanged)', { documentId: room.documentId, error: String(err) });
    }
  }

  private drop(room: Room): void {
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    room.destroy();
  }

  /** Number of live rooms. */
  get size(): number {
    return this.rooms.size;
  }

  /** Drops every room (shutdown). */
  destroyAll(): void {
    for (const room of [...this.rooms.values()]) this.drop(room);
  }
}
