/**
 * The seam between HTTP route handlers and the live rooms of this process. Next bundles route handlers into their
 * own module graph, so they cannot import the custom server's room registry; the server registers a small
 * interface here, on globalThis (as db/client.ts caches its connection), and a route that changes a document's
 * fate (a delete) asks it to close that document's rooms, or writes through a room (a theme merge, a note sent over
 * the W3C protocol) so that every open reader sees the change at once. Without a registered server (a script, a unit test)
 * there are no live rooms, and closing is a no-op.
 */

/** Which signed-in sockets to close: those of a token, of a session, or of a user. */
export interface SignedInMatch {
  tokenId?: string;
  sessionId?: string;
  userId?: string;
  /** The close code (default 4401: signed out; 4403: access taken away; 4509: role changed, join again). */
  code?: number;
  reason?: string;
}

/** What routes may ask of the live rooms. */
export interface LiveRooms {
  /** Closes every socket of a document's live room with 4404 (unknown document) and drops the room; how many sockets. */
  closeDocument(documentId: string): Promise<number>;
  /** Closes, with 4401, every socket opened with a token or a session (by id), or by a user; how many. */
  closeSignedIn(match: SignedInMatch): number;
  /** Closes every socket of a document's rooms (shared and private layers) with `code`: each joins again under its new role. */
  closeRooms(documentId: string, code: number, reason: string): Promise<number>;
  /** Runs a server change in a document's room (see server/room.ts `serverChange`); null for an unknown document. */
  changeRoom<T>(documentId: string, planner: Planner<T>): Promise<T | null>;
  /** Writes a caller's note in a document's room, judged like a socket's (server/room.ts `callerWrite`); null for an unknown document. */
  writeAnnotation(documentId: string, write: CallerWrite): Promise<CallerWriteOutcome | null>;
  /**
   * Sends a notice to the Glossa clients in a document's open shared room (those of `userId` only, when given); how
   * many sockets. A room nobody is reading is not opened for it.
   */
  notify(documentId: string, notice: Notice, userId?: string): number;
  /** Sends a notice to every Glossa client of `userId`, in any document's shared room (their inbox changed); how many. */
  notifyUser(userId: string, notice: Notice): number;
  /** Moves a reader's spoiler-guard horizon in a document's open room (server/room.ts `setHorizon`); how many sockets were told. */
  setSpoilerHorizon(documentId: string, userId: string, horizon: number | null): number;
  /** Gives a document's open room its agenda's question ids (exempt from reading blind; server/room.ts `setAgenda`). */
  setAgenda(documentId: string, ids: ReadonlySet<string>): number;
}

import type { Notice } from './notice.ts';
import type { CallerWrite, CallerWriteOutcome, Planner } from './server-plan.ts';

interface LiveRoomsSlot {
  __glossaLiveRooms?: LiveRooms;
}
const slot = globalThis as typeof globalThis & LiveRoomsSlot;

/** Registers this process's live rooms (the custom server, at start); returns the unregistration (at shutdown). */
export function registerLiveRooms(rooms: LiveRooms): () => void {
  slot.__glossaLiveRooms = rooms;
  return () => {
    if (slot.__glossaLiveRooms === rooms) delete slot.__glossaLiveRooms;
  };
}

/** Closes a document's live rooms, if this process has any; resolves with how many sockets were closed. */
export function closeDocumentRooms(documentId: string): Promise<number> {
  return slot.__glossaLiveRooms?.closeDocument(documentId) ?? Promise.resolve(0);
}

/** Closes the live sockets of a revoked token or a removed user at once; how many were closed. */
export function closeSignedInSockets(match: SignedInMatch): number {
  return slot.__glossaLiveRooms?.closeSignedIn(match) ?? 0;
}

/** Closes a document's rooms after its visibility or group changed: their readers join again with new roles. */
export function reopenDocumentRooms(documentId: string): Promise<number> {
  return slot.__glossaLiveRooms?.closeRooms(documentId, roleChangedCode, 'access changed') ?? Promise.resolve(0);
}

/** The close code a route asks for when a role changed (server/protocol.ts's CloseCode.roleChanged; Next cannot import it). */
export const roleChangedCode = 4509;

/**
 * Runs a server change in a document's room through this process's live rooms. Throws when no server registered
 * its rooms (a script): the room's log is the truth, and only the room may write it.
 */
export function changeRoom<T>(documentId: string, planner: Planner<T>): Promise<T | null> {
  const rooms = slot.__glossaLiveRooms;
  if (!rooms) return Promise.reject(new Error('no live rooms in this process'));
  return rooms.changeRoom(documentId, planner);
}

/**
 * Writes a caller's note (the W3C protocol's POST, PUT or DELETE) through the document's live room, judged by the
 * same gate as a socket's write. Throws when no server registered its rooms (a script), as {@link changeRoom} does.
 */
export function writeRoomAnnotation(documentId: string, write: CallerWrite): Promise<CallerWriteOutcome | null> {
  const rooms = slot.__glossaLiveRooms;
  if (!rooms) return Promise.reject(new Error('no live rooms in this process'));
  return rooms.writeAnnotation(documentId, write);
}

/** Sends a notice to a document's open room (see {@link LiveRooms.notify}); 0 without a registered server. */
export function notifyRoom(documentId: string, notice: Notice, userId?: string): number {
  return slot.__glossaLiveRooms?.notify(documentId, notice, userId) ?? 0;
}

/** Sends a notice to a user's sockets in every room (see {@link LiveRooms.notifyUser}); 0 without a registered server. */
export function notifyUser(userId: string, notice: Notice): number {
  return slot.__glossaLiveRooms?.notifyUser(userId, notice) ?? 0;
}

/** Moves a reader's spoiler-guard horizon in an open room (see {@link LiveRooms.setSpoilerHorizon}); 0 without a server. */
export function setSpoilerHorizon(documentId: string, userId: string, horizon: number | null): number {
  return slot.__glossaLiveRooms?.setSpoilerHorizon(documentId, userId, horizon) ?? 0;
}

/** Gives an open room its agenda's question ids (see {@link LiveRooms.setAgenda}); 0 without a server. */
export function setRoomAgenda(documentId: string, ids: ReadonlySet<string>): number {
  return slot.__glossaLiveRooms?.setAgenda(documentId, ids) ?? 0;
}
